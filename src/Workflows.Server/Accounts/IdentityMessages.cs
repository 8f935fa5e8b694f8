using Microsoft.AspNetCore.Identity;
using Workflows.Server.Hosting;

namespace Workflows.Server.Accounts;

/// <summary>Identity's errors, in both languages, pinned to the request field they concern.</summary>
public static class IdentityMessages
{
    public static FieldErrors ToFieldErrors(IEnumerable<IdentityError> errors, string passwordField = "password")
    {
        var result = new FieldErrors();
        foreach (var error in errors)
        {
            var (field, text) = error.Code switch
            {
                nameof(IdentityErrorDescriber.PasswordTooShort) => (passwordField, new Text("密码太短", error.Description)),
                nameof(IdentityErrorDescriber.PasswordRequiresDigit) => (passwordField, new Text("密码必须包含数字", error.Description)),
                nameof(IdentityErrorDescriber.PasswordRequiresLower) => (passwordField, new Text("密码必须包含小写字母", error.Description)),
                nameof(IdentityErrorDescriber.PasswordRequiresUpper) => (passwordField, new Text("密码必须包含大写字母", error.Description)),
                nameof(IdentityErrorDescriber.PasswordRequiresNonAlphanumeric) => (passwordField, new Text("密码必须包含符号", error.Description)),
                nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars) => (passwordField, new Text("密码中不同的字符太少", error.Description)),
                nameof(IdentityErrorDescriber.PasswordMismatch) => ("currentPassword", new Text("当前密码不正确", error.Description)),
                nameof(IdentityErrorDescriber.DuplicateUserName) => ("userName", new Text("用户名已被使用", error.Description)),
                nameof(IdentityErrorDescriber.InvalidUserName) => ("userName", new Text("用户名只能包含字母、数字和 -._@", error.Description)),
                nameof(IdentityErrorDescriber.DuplicateEmail) => ("email", new Text("邮箱已被使用", error.Description)),
                nameof(IdentityErrorDescriber.InvalidEmail) => ("email", new Text("邮箱格式不正确", error.Description)),
                _ => ("$", new Text(error.Description, error.Description)),
            };
            result.Add(field, text);
        }
        return result;
    }
}
