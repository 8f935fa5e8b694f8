using System.Globalization;
using Microsoft.Extensions.Localization;
using Workflows.Data.Accounts;

namespace Workflows.Server.Web;

/// <summary>
/// The pages' words in zh-CN and English. Keys are the English text; the Chinese follows the
/// glossary of the domain (待办, 已办, 抄送, 同意, 不同意, 退回, 转办, 加签, 催办, 撤回 …). Chinese is the
/// default; English is chosen with the language switch (a culture cookie).
/// </summary>
public sealed class UiText : IStringLocalizer
{
    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public LocalizedString this[string name] => IsEnglish
        ? new LocalizedString(name, name)
        : Chinese.TryGetValue(name, out var zh) ? new LocalizedString(name, zh) : new LocalizedString(name, name, resourceNotFound: true);

    public LocalizedString this[string name, params object[] arguments] =>
        new(name, string.Format(CultureInfo.CurrentCulture, this[name].Value, arguments));

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => Chinese.Keys.Select(k => this[k]);

    public static string Role(Role? role) => role is null ? "" : IsEnglish ? Roles.EnLabel(role.Value) : Roles.ZhLabel(role.Value);

    public static string OutcomeLabel(string? outcome) => outcome switch
    {
        null => "",
        "approve" => IsEnglish ? "Approved" : "同意",
        "reject" => IsEnglish ? "Rejected" : "不同意",
        "return" => IsEnglish ? "Returned for revision" : "退回",
        "submit" => IsEnglish ? "Submitted" : "提交",
        _ => outcome,
    };

    public static string CaseStatus(string status) => (status, IsEnglish) switch
    {
        ("Active", false) => "办理中",
        ("Active", true) => "In progress",
        ("Completed", false) => "已办结",
        ("Completed", true) => "Completed",
        ("Terminated", false) => "已终止",
        ("Terminated", true) => "Terminated",
        ("Cancelled", false) => "已撤回",
        ("Cancelled", true) => "Withdrawn or cancelled",
        ("Draft", false) => "草稿",
        ("Draft", true) => "Draft",
        _ => status,
    };

    public static string EventKind(string kind) => IsEnglish ? EventsEn.GetValueOrDefault(kind, kind) : EventsZh.GetValueOrDefault(kind, kind);

    /// <summary>Local time of the server's region (China Standard Time), for people in China.</summary>
    public static string When(DateTime? utc) => utc is null
        ? ""
        : TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc.Value, DateTimeKind.Utc), China).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static readonly TimeZoneInfo China = FindChina();

    private static TimeZoneInfo FindChina()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        }
        catch (Exception exception) when (exception is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("CST", TimeSpan.FromHours(8), "China Standard Time", "China Standard Time");
        }
    }

    private static readonly Dictionary<string, string> EventsZh = new()
    {
        ["Started"] = "提交申请", ["TaskCreated"] = "待办生成", ["TaskCompleted"] = "办理", ["TaskCancelled"] = "待办撤销", ["Returned"] = "退回",
        ["Withdrawn"] = "撤回", ["Resubmitted"] = "重新提交", ["Transferred"] = "转办", ["Claimed"] = "签收", ["Released"] = "退签",
        ["Copied"] = "抄送", ["Urged"] = "催办", ["Commented"] = "意见", ["TimerFired"] = "定时触发", ["ServiceCompleted"] = "自动处理完成",
        ["ServiceFailed"] = "自动处理失败", ["IncidentRaised"] = "出现故障", ["IncidentResolved"] = "故障已处理", ["Completed"] = "办结",
        ["Terminated"] = "终止", ["Cancelled"] = "取消", ["Moved"] = "调整步骤", ["SignerAdded"] = "加签",
    };

    private static readonly Dictionary<string, string> EventsEn = new()
    {
        ["Started"] = "Submitted", ["TaskCreated"] = "Task created", ["TaskCompleted"] = "Handled", ["TaskCancelled"] = "Task withdrawn", ["Returned"] = "Returned",
        ["Withdrawn"] = "Withdrawn", ["Resubmitted"] = "Resubmitted", ["Transferred"] = "Transferred", ["Claimed"] = "Claimed", ["Released"] = "Released",
        ["Copied"] = "Copied", ["Urged"] = "Urged", ["Commented"] = "Comment", ["TimerFired"] = "Timer fired", ["ServiceCompleted"] = "Automatic step done",
        ["ServiceFailed"] = "Automatic step failed", ["IncidentRaised"] = "Incident", ["IncidentResolved"] = "Incident resolved", ["Completed"] = "Completed",
        ["Terminated"] = "Terminated", ["Cancelled"] = "Cancelled", ["Moved"] = "Step moved", ["SignerAdded"] = "Signer added",
    };

    /// <summary>Every key in the pages, with its zh-CN text. A test checks that no page uses a key missing here.</summary>
    public static readonly IReadOnlyDictionary<string, string> Chinese = new Dictionary<string, string>
    {
        // layout and account
        ["Skip to main content"] = "跳到主要内容",
        ["Workflows home"] = "首页",
        ["Community building workflows"] = "社区建设网上办理",
        ["Main"] = "主导航",
        ["Inbox"] = "待办事项",
        ["{0} to do"] = "{0} 件待办",
        ["My applications"] = "我的申请",
        ["Language"] = "语言",
        ["Sign out"] = "退出登录",
        ["The connection to the server was lost or an error happened."] = "与服务器的连接已断开或出现错误。",
        ["Reload the page"] = "重新加载页面",
        ["Switch unit or role"] = "切换单位或角色",
        ["Current unit and role"] = "当前单位和角色",
        ["Notifications"] = "通知",
        ["Notifications, {0} unread"] = "通知，{0} 条未读",
        ["Mark all read"] = "全部标为已读",
        ["No notifications yet. Reminders, urges and decisions on your work will appear here."] = "暂无通知。提醒、催办和审批结果会显示在这里。",
        ["Loading…"] = "正在加载…",
        ["Page not found"] = "页面不存在",
        ["The address may be mistyped, or the page has moved. Go back to the home page."] = "地址可能有误，或页面已移动。请返回首页。",
        ["Home"] = "首页",
        ["Try again"] = "重试",
        ["Sign in"] = "登录",
        ["User name"] = "用户名",
        ["Password"] = "密码",
        ["Wrong user name or password. Check both and try again."] = "用户名或密码不正确，请检查后重试。",
        ["Too many failed sign-ins: the account is locked for 15 minutes."] = "登录失败次数过多，账号已锁定 15 分钟。",
        ["Enter your user name and password."] = "请输入用户名和密码。",
        ["Too many sign-in attempts from this address; wait a minute and try again."] = "登录尝试过于频繁，请一分钟后再试。",
        ["Community building administration: applications, review and approval online"] = "民政社区建设：网上申报、审核、审批",
        ["Forgot your password? Ask your unit administrator to reset it."] = "忘记密码？请联系本单位管理员重置。",
        // home
        ["Welcome, {0}"] = "{0}，您好",
        ["To do"] = "待办",
        ["Overdue"] = "已超期",
        ["Copied to me"] = "抄送我的",
        ["Done today"] = "今日已办",
        ["Open the inbox"] = "打开待办",
        ["Start an application"] = "发起申请",
        ["You hold no role in a unit yet. Ask your unit administrator to give you one."] = "您还没有任何单位的角色，请联系本单位管理员分配。",
        ["Administration"] = "系统管理",
        ["Units, people and workflows are managed through the API reference for now."] = "单位、人员和流程目前通过 API 文档页面管理。",
        ["Open the API reference"] = "打开 API 文档",
        // workflow designer
        ["No element differs."] = "没有元素不同。",
        ["Added"] = "新增",
        ["Removed"] = "删除",
        ["Changed"] = "修改",
        ["assignment, form, due date or headers"] = "办理人、表单、时限或任务头",
        ["connections"] = "连线",
        ["condition"] = "条件",
        ["timer"] = "定时器",
        ["multi-instance"] = "多实例",
        ["position"] = "位置",
        ["documentation"] = "说明",
        ["No case runs on an older version: nothing to migrate."] = "没有案件在旧版本上运行，无需迁移。",
        ["Running cases keep the version they started with. A dry run shows which of them could move to the latest version; moving them is done through the migration API."] = "运行中的案件沿用发起时的版本。试迁移显示哪些案件可以迁移到最新版本；实际迁移通过迁移接口进行。",
        ["{0} running"] = "{0} 件运行中",
        ["Dry run to version {0}"] = "试迁移到版本 {0}",
        ["v{0} → v{1}: {2} can move, {3} cannot."] = "v{0} → v{1}：{2} 件可以迁移，{3} 件不能。",
        ["Not published yet."] = "尚未发布。",
        ["Compare version"] = "比较版本",
        ["with"] = "与",
        ["the diagram on screen"] = "当前画布上的流程图",
        ["Compare"] = "比较",
        ["Version"] = "版本",
        ["Published by"] = "发布人",
        ["Published at"] = "发布时间",
        ["Source"] = "来源",
        ["Running cases"] = "运行中的案件",
        ["shipped file"] = "随系统提供的文件",
        ["Compare with the diagram"] = "与当前图比较",
        ["Roll back to this version"] = "回滚到此版本",
        ["designer"] = "流程设计器",
        ["API upload"] = "接口上传",
        ["roll back to {0}"] = "回滚到 {0}",
        ["Workflow design"] = "流程设计",
        ["Only system administrators design and publish workflows."] = "只有系统管理员可以设计和发布流程。",
        ["based on version {0}"] = "基于版本 {0}",
        ["Not published"] = "未发布",
        ["latest version {0}"] = "最新版本 {0}",
        ["Unsaved changes"] = "有未保存的修改",
        ["Designer tools"] = "设计工具",
        ["Publish"] = "发布",
        ["Undo (Ctrl+Z)"] = "撤销 (Ctrl+Z)",
        ["Redo (Ctrl+Y)"] = "重做 (Ctrl+Y)",
        ["Token simulation"] = "令牌模拟",
        ["Minimap"] = "缩略图",
        ["Export .bpmn"] = "导出 .bpmn",
        ["Import .bpmn"] = "导入 .bpmn",
        ["A newer version {0} exists, published by {1} at {2}. Your changes are not saved yet."] = "已有更新的版本 {0}，由 {1} 于 {2} 发布。您的修改尚未保存。",
        ["What changed in the newer version"] = "新版本改动了什么",
        ["What your diagram changes from it"] = "您的流程图相对新版本的改动",
        ["Open version {0} (drop my changes)"] = "打开版本 {0}（放弃我的修改）",
        ["Keep my diagram on top of it"] = "在新版本基础上保留我的流程图",
        ["Workflow diagram"] = "流程图",
        ["Properties"] = "属性",
        ["Problems ({0})"] = "问题（{0}）",
        ["The engine found no problems."] = "流程引擎检查未发现问题。",
        ["No problems found while drawing. Check or publish to run the engine's own check."] = "绘制时未发现问题。点击“检查”或“发布”运行流程引擎的检查。",
        ["Whole workflow"] = "整个流程",
        ["While drawing"] = "绘制检查",
        ["Versions"] = "版本",
        ["Opened the draft saved by {0} at {1}."] = "已打开 {0} 于 {1} 保存的草稿。",
        ["The diagram could not be opened: {0}"] = "无法打开流程图：{0}",
        ["Draft saved. It has problems to fix before it can be published."] = "草稿已保存。发布前还需修正其中的问题。",
        ["Not published: fix the problems marked in the diagram."] = "未发布：请修正图中标出的问题。",
        ["Version {0} published."] = "版本 {0} 已发布。",
        ["Nothing changed since version {0}."] = "与版本 {0} 相比没有变化。",
        ["Your diagram now builds on version {0}; save or publish again."] = "您的流程图现在基于版本 {0}，请再次保存或发布。",
        ["Opened version {0}; publishing it makes a new version."] = "已打开版本 {0}；发布将生成新版本。",
        ["From version {0} to version {1}"] = "从版本 {0} 到版本 {1}",
        ["From version {0} to the diagram on screen"] = "从版本 {0} 到当前流程图",
        ["The version could not be published again."] = "无法重新发布该版本。",
        ["Version {0} published again as version {1}."] = "版本 {0} 已重新发布为版本 {1}。",
        ["The file is larger than 20 MB."] = "文件超过 20 MB。",
        ["This is not a BPMN file the designer can open: {0}"] = "这不是设计器可以打开的 BPMN 文件：{0}",
        ["New workflow"] = "新建流程",
        ["Process id (letters, digits, hyphens)"] = "流程标识（字母、数字、连字符）",
        ["Name"] = "名称",
        ["Open the designer"] = "打开设计器",
        ["Process id"] = "流程标识",
        ["Latest version"] = "最新版本",
        ["v{0} of {1}"] = "v{0}（共 {1} 个版本）",
        ["Draft"] = "草稿",
        ["Start with a letter; letters, digits, - and _ only (2 to 100)."] = "以字母开头，只能包含字母、数字、- 和 _（2 至 100 个字符）。",
        ["A workflow with this id exists already."] = "已有使用此标识的流程。",
        ["This is not a BPMN file: no process was found in it."] = "这不是 BPMN 文件：其中没有流程。",
        // inbox
        ["Keys: j / k move, Enter opens, a approves"] = "快捷键：j / k 上下移动，Enter 打开，a 同意",
        ["Inbox views"] = "待办分类",
        ["Done"] = "已办",
        ["{0} overdue"] = "{0} 件已超期",
        ["Search title or business key"] = "搜索标题或业务编号",
        ["Workflow"] = "流程",
        ["All workflows"] = "全部流程",
        ["Sort by"] = "排序",
        ["Newest first"] = "最新在前",
        ["Due soonest first"] = "即将到期在前",
        ["Overdue only"] = "只看超期",
        ["Bulk actions"] = "批量办理",
        ["{0} selected"] = "已选 {0} 件",
        ["Approve selected"] = "批量同意",
        ["Clear selection"] = "取消选择",
        ["Bulk approval: {0} approved, {1} not"] = "批量办理：{0} 件已同意，{1} 件未办理",
        ["approved"] = "已同意",
        ["Nothing done yet"] = "还没有已办事项",
        ["Nothing copied to you"] = "没有抄送给您的事项",
        ["No task matches the filters"] = "没有符合条件的待办",
        ["Nothing to do"] = "暂无待办",
        ["Clear the search or the filters to see every task."] = "清除搜索或筛选条件即可看到全部事项。",
        ["New tasks appear here by themselves when a case reaches you."] = "有案件流转到您这里时，会自动显示在此处。",
        ["Cases you handle or that are copied to you appear here."] = "您办理过的或抄送给您的案件会显示在这里。",
        ["The inbox could not be loaded. Check the connection and try again."] = "待办加载失败，请检查网络后重试。",
        ["Tasks"] = "事项列表",
        ["Select {0}"] = "选择 {0}",
        ["Received"] = "收到",
        ["Due"] = "办理期限",
        ["Approve {0}"] = "同意 {0}",
        ["Show more"] = "显示更多",
        ["Approved: {0}"] = "已同意：{0}",
        // decisions
        ["Approve"] = "同意",
        ["Reject"] = "不同意",
        ["Return for revision"] = "退回",
        ["Submit"] = "提交",
        ["Return to"] = "退回到",
        ["The applicant's revision step unless you choose an earlier step"] = "默认退回申请人修改，也可以选择之前的某个办理步骤",
        ["The applicant (revision)"] = "申请人（修改后重新提交）",
        ["A comment is required to reject or return"] = "不同意或退回时必须填写审核意见",
        ["Cancel"] = "取消",
        ["Review comment (required)"] = "审核意见（必填）",
        ["Review comment (optional)"] = "审核意见（选填）",
        // case view
        ["Case"] = "案件",
        ["Business key"] = "业务编号",
        ["Applying unit"] = "申报单位",
        ["Submitted"] = "提交时间",
        ["Status"] = "状态",
        ["Current step"] = "当前步骤",
        ["Ended"] = "结束时间",
        ["Actions for this step"] = "本步骤办理",
        ["Transfer"] = "转办",
        ["Add signer"] = "加签",
        ["Copy to"] = "抄送",
        ["Urge"] = "催办",
        ["Comment"] = "意见",
        ["Withdraw"] = "撤回",
        ["Claim"] = "签收",
        ["Mark read"] = "标为已读",
        ["Form data"] = "表单内容",
        ["History"] = "办理过程",
        ["Documents"] = "文书",
        ["Tracking diagram"] = "流程跟踪图",
        ["Done steps"] = "已完成的步骤",
        ["Current steps"] = "当前所在步骤",
        ["Path taken"] = "已走过的路径",
        ["Zoom in"] = "放大",
        ["Zoom out"] = "缩小",
        ["Fit to view"] = "适应窗口",
        ["The diagram could not be drawn: {0}"] = "流程图无法显示：{0}",
        ["No form data was given."] = "没有填写表单数据。",
        ["No documents yet. Documents appear here when the workflow issues them."] = "暂无文书。流程生成文书后会显示在这里。",
        ["Download"] = "下载",
        ["This case does not exist, or you may not see it."] = "该案件不存在，或您无权查看。",
        ["Back to the inbox"] = "返回待办",
        ["The case could not be loaded. Check the connection and try again."] = "案件加载失败，请检查网络后重试。",
        ["Done: {0}"] = "已办理：{0}",
        ["Waiting for: {0}"] = "等待办理：{0}",
        ["by {0}"] = "办理人：{0}",
        ["Person"] = "人员",
        ["Choose a person"] = "请选择人员",
        ["People"] = "人员",
        ["Before me: they sign first"] = "前加签：由对方先签",
        ["After me: I give my opinion, they decide"] = "后加签：我先给意见，由对方决定",
        ["My opinion"] = "我的意见",
        ["Position"] = "加签方式",
        ["Note (optional)"] = "附言（选填）",
        ["Reason (optional)"] = "原因（选填）",
        ["Your comment"] = "意见内容",
        ["Withdraw this application? It can be withdrawn only while no reviewer has acted."] = "确定撤回该申请吗？只有在审核人员办理之前可以撤回。",
        ["Done."] = "已完成。",
        ["You cannot act on this case; you can read it."] = "您可以查看该案件，但不能办理。",
        ["This case has ended."] = "该案件已经结束。",
        ["Incident"] = "故障",
        ["Variable"] = "字段",
        ["Value"] = "内容",
        ["This copy is for reading."] = "抄送件仅供阅读。",
        // portal
        ["Applications of {0}"] = "{0}的申请",
        ["New application"] = "新建申请",
        ["Title"] = "标题",
        ["Workflow name"] = "事项",
        ["No applications yet"] = "还没有申请",
        ["Start an application from the list of workflows your unit may apply for."] = "从本单位可以申报的事项中发起申请。",
        ["Needs revision"] = "需要修改",
        ["Open"] = "打开",
        ["What do you want to apply for?"] = "您要申报什么事项？",
        ["Your unit may apply for these. Choose one to fill in its form."] = "本单位可以申报以下事项，选择后填写申报表。",
        ["Applying for"] = "申报单位",
        ["Forms are not available yet"] = "申报表暂不可用",
        ["Filling in and submitting forms online is not available on this server yet. Ask your administrator."] = "本服务器暂不支持在线填写和提交申报表，请联系管理员。",
        ["Fill in"] = "填写",
        ["This application does not exist, or you may not change it."] = "该申请不存在，或您无权修改。",
        ["This application was returned: change what the reviewer asked for, then resubmit."] = "该申请已被退回：请按审核意见修改后重新提交。",
        ["{0} problems must be fixed before submitting; they are marked beside the fields."] = "有 {0} 处问题需要修改后才能提交，已在相应字段旁标出。",
        ["Please check before submitting (these do not block it):"] = "提交前请核对以下提示（不影响提交）：",
        ["Save draft"] = "保存草稿",
        ["Check"] = "检查",
        ["Submit anyway"] = "确认提交",
        ["Draft saved."] = "草稿已保存。",
        ["Submitted."] = "已提交。",
        ["No problems found."] = "未发现问题。",
        ["No errors; see the warnings."] = "没有错误，请查看提示。",
        ["No form that starts a workflow is deployed. Ask your administrator."] = "尚未发布可以发起流程的表单，请联系管理员。",
        ["Edit and resubmit"] = "修改并重新提交",
        ["Edit the draft"] = "继续填写草稿",
        ["Resubmit"] = "重新提交",
        ["Revise and resubmit"] = "修改后重新提交",
    };
}
