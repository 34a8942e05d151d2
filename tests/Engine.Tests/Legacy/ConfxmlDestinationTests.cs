using SyncConsole.Engine.Legacy;
using SyncConsole.TestSupport;

namespace SyncConsole.Engine.Tests.Legacy;

/// <summary>sersync pushes to <c>ip::name</c>: a remote name "module/folder" is the job's destination folder on that module.</summary>
public class ConfxmlDestinationTests
{
    private static ConfxmlImportPlan Import(params (string Ip, string Module)[] remotes) =>
        new ConfxmlImporter(new ConfxmlImportOptions { DirectoryExists = _ => true })
            .Import(new TestConfxml { Watch = "/srv/www", Remotes = remotes }.ToBytes());

    [Fact]
    public void RemoteNameWithAFolder_IsTheModuleAndTheDestination_AndExportsBackTheSame()
    {
        var plan = Import(("10.0.0.5", "www/sites/a/"), ("10.0.0.6", "logs"));

        Assert.True(plan.CanImport, string.Join("\n", plan.Report.Errors));
        Assert.Equal([("www", "sites/a"), ("logs", "")], plan.Job!.Remotes.Select(r => (r.ModuleOrPath, r.Destination)).ToArray());
        Assert.Contains(plan.Report.Items, i => i.Message.Contains("folder \"sites/a\" of module \"www\""));

        var xml = ConfxmlExporter.Export(plan.Job, plan.Settings!).Xml;
        Assert.Contains("name=\"www/sites/a\"", xml);
        var again = new ConfxmlImporter(new ConfxmlImportOptions { DirectoryExists = _ => true }).Import(System.Text.Encoding.UTF8.GetBytes(xml));
        Assert.Equal(plan.Job.Remotes.Select(r => (r.ModuleOrPath, r.Destination)), again.Job!.Remotes.Select(r => (r.ModuleOrPath, r.Destination)));
    }

    [Fact]
    public void RemoteNameWithAnEscapingFolder_IsAnError() =>
        Assert.Contains(Import(("10.0.0.5", "www/../etc")).Report.Errors, e => e.Message.Contains("normalised"));
}
