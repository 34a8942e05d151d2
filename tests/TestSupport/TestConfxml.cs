using System.Security;
using System.Text;

namespace SyncConsole.TestSupport;

/// <summary>A sersync 2.5 confxml.xml written for a test: every remote on loopback, the watch path a temp folder.</summary>
public sealed record TestConfxml
{
    public required string Watch { get; init; }
    public IReadOnlyList<(string Ip, string Module)> Remotes { get; init; } = [("127.0.0.2", "www")];
    public bool Auth { get; init; }
    public string Users { get; init; } = "root";
    public string PasswordFile { get; init; } = "/etc/rsync.pas";
    public int? Port { get; init; }
    public int? TimeoutSeconds { get; init; }
    public IReadOnlyList<string> LiveExcludes { get; init; } = [];
    public int? CrontabMinutes { get; init; }
    public IReadOnlyList<string> CrontabExcludes { get; init; } = [];
    public bool CommandPlugin { get; init; }
    public bool Debug { get; init; }
    public int RetryMinutes { get; init; } = 60;

    private static string B(bool on) => on ? "true" : "false";
    private static string A(string value) => SecurityElement.Escape(value);

    public string ToXml() => $"""
        <?xml version="1.0" encoding="ISO-8859-1"?>
        <head version="2.5">
            <host hostip="localhost" port="8008"></host>
            <debug start="{B(Debug)}"/>
            <fileSystem xfs="false"/>
            <filter start="{B(LiveExcludes.Count > 0)}">
        {string.Concat(LiveExcludes.Select(e => $"        <exclude expression=\"{A(e)}\"></exclude>\n"))}    </filter>
            <inotify>
                <delete start="true"/>
                <createFolder start="true"/>
                <createFile start="false"/>
                <closeWrite start="true"/>
                <moveFrom start="true"/>
                <moveTo start="true"/>
                <attrib start="false"/>
                <modify start="false"/>
            </inotify>
            <sersync>
                <localpath watch="{A(Watch)}">
        {string.Concat(Remotes.Select(r => $"            <remote ip=\"{A(r.Ip)}\" name=\"{A(r.Module)}\"/>\n"))}        </localpath>
                <rsync>
                    <commonParams params="-artuz"/>
                    <auth start="{B(Auth)}" users="{A(Users)}" passwordfile="{A(PasswordFile)}"/>
                    <userDefinedPort start="{B(Port is not null)}" port="{Port ?? 874}"/>
                    <timeout start="{B(TimeoutSeconds is not null)}" time="{TimeoutSeconds ?? 100}"/>
                    <ssh start="false"/>
                </rsync>
                <failLog path="/tmp/rsync_fail_log.sh" timeToExecute="{RetryMinutes}"/>
                <crontab start="{B(CrontabMinutes is not null)}" schedule="{CrontabMinutes ?? 600}">
                    <crontabfilter start="{B(CrontabExcludes.Count > 0)}">
        {string.Concat(CrontabExcludes.Select(e => $"                <exclude expression=\"{A(e)}\"></exclude>\n"))}            </crontabfilter>
                </crontab>
                <plugin start="{B(CommandPlugin)}" name="command"/>
            </sersync>
            <plugin name="command">
                <param prefix="/bin/true" suffix="--quiet" ignoreError="true"/>
                <filter start="false">
                    <include expression="(.*)\.php"/>
                </filter>
            </plugin>
        </head>

        """;

    public byte[] ToBytes() => Encoding.UTF8.GetBytes(ToXml());
}
