using CsCheck;
using Workflows.Engine.Tests.Parsing;

namespace Workflows.Engine.Tests.Properties;

public class DeploymentProperties
{
    /// <summary>Cuts, repeats and overwrites parts of a valid file: whatever comes out, deploying it answers with problems, never an exception.</summary>
    [Fact]
    public void Deploying_a_damaged_file_never_throws()
    {
        var original = BpmnParserTests.ThreeLevelApproval;
        Gen.Select(Gen.Int[0, original.Length - 1], Gen.Int[0, 200], Gen.Int[0, 2], Gen.Char.AlphaNumeric)
            .Sample(c =>
            {
                var (at, length, kind, ch) = c;
                length = Math.Min(length, original.Length - at);
                var damaged = kind switch
                {
                    0 => original.Remove(at, length),
                    1 => original.Insert(at, original.Substring(at, length)),
                    _ => original[..at] + new string(ch, length) + original[(at + length)..],
                };
                var result = WorkflowDeployment.Deploy(damaged);
                Assert.True(result.Succeeded || result.Errors.Any());
            }, iter: 500);
    }
}
