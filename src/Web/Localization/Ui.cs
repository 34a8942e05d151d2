using System.Globalization;

namespace SyncConsole.Web.Localization;

/// <summary>
/// The pages' words in the reader's language: English is the key and the default; zh-CN (many sersync users read
/// Chinese first) comes from the browser's Accept-Language, or <c>?culture=zh-CN</c> / the culture cookie, through
/// ASP.NET Core's request localization. A word without a translation stays English rather than going missing.
/// </summary>
public static class Ui
{
    public static readonly string[] Languages = ["en", "zh-CN"];

    public static string T(string english) =>
        IsChinese(CultureInfo.CurrentUICulture) && ZhCn.TryGetValue(english, out var zh) ? zh : english;

    public static bool IsChinese(CultureInfo culture) => culture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);

    /// <summary>The html lang attribute for the current reader.</summary>
    public static string Lang => IsChinese(CultureInfo.CurrentUICulture) ? "zh-CN" : "en";

    private static readonly Dictionary<string, string> ZhCn = new(StringComparer.Ordinal)
    {
        // Layout and navigation
        ["Dashboard"] = "仪表盘",
        ["Jobs"] = "同步任务",
        ["Remotes"] = "远程目标",
        ["Fail log"] = "失败日志",
        ["History"] = "历史记录",
        ["Import"] = "导入",
        ["Settings"] = "设置",
        ["API reference"] = "API 参考",
        ["Log out"] = "退出登录",
        ["Dark theme"] = "深色主题",
        ["Light theme"] = "浅色主题",
        ["Toggle navigation"] = "切换导航",
        // One-glance states and the header badge
        ["All good"] = "一切正常",
        ["1 problem"] = "1 个问题",
        ["{0} problems"] = "{0} 个问题",
        ["Unknown"] = "未知",
        ["Up to date"] = "已是最新",
        ["Syncing"] = "同步中",
        ["Syncing {0} %"] = "同步中 {0} %",
        ["Out of sync ({0} item)"] = "不同步（{0} 项）",
        ["Out of sync ({0} items)"] = "不同步（{0} 项）",
        ["Unreachable"] = "无法连接",
        ["Paused"] = "已暂停",
        ["Disabled"] = "已停用",
        ["Error"] = "错误",
        ["Needs attention"] = "需要注意",
        ["Held: deletes need confirming"] = "已暂扣：删除需确认",
        ["Every running job is up to date or syncing"] = "所有运行中的任务均已是最新或正在同步",
        ["Not everything has been checked yet"] = "尚未全部检查",
        // Dashboard
        ["Watched folders"] = "监控的文件夹",
        ["Undelivered changes"] = "未送达的更改",
        ["Last delivery"] = "上次送达",
        ["Failures pending"] = "待重试的失败",
        ["Live events"] = "实时事件",
        ["Delivered in the last hour"] = "过去一小时送达",
        ["No jobs yet. Create one on the"] = "还没有任务。请在",
        ["page or import a sersync confxml.xml."] = "页面创建，或导入 sersync 的 confxml.xml。",
        ["rsync is missing:"] = "缺少 rsync：",
        ["Job"] = "任务",
        ["Kind"] = "类型",
        ["Text"] = "文本",
        ["Pause"] = "暂停",
        ["Resume"] = "继续",
        ["Time"] = "时间",
        ["Detail"] = "详情",
        // Jobs and Remotes pages
        ["Name"] = "名称",
        ["Watch path"] = "监控路径",
        ["State"] = "状态",
        ["Actions"] = "操作",
        ["Target"] = "目标",
        ["Password"] = "密码",
        ["Connection"] = "连接",
        ["New job"] = "新建任务",
        ["New remote"] = "新建远程目标",
        ["Edit"] = "编辑",
        ["Delete"] = "删除",
        ["Full sync now"] = "立即全量同步",
        ["Verify"] = "校验",
        ["Deep verify"] = "深度校验",
        ["Make identical…"] = "完全一致…",
        ["Test connection"] = "测试连接",
        ["set"] = "已设置",
        ["not set"] = "未设置",
    };
}
