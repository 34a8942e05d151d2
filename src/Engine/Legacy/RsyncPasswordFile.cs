namespace SyncConsole.Engine.Legacy;

/// <summary>rsync's --password-file format: the password is the first line.</summary>
public static class RsyncPasswordFile
{
    public static string? TryRead(string path)
    {
        try
        {
            using var reader = new StreamReader(path);
            // rsync reads at most the first line and ignores the rest.
            return reader.ReadLine()?.TrimEnd('\r');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }
}
