namespace SyncConsole.TestSupport;

/// <summary>A fresh folder under /tmp, removed when disposed.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory(string prefix = "syncconsole-test")
    {
        Path = Directory.CreateTempSubdirectory(prefix + "-").FullName;
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (DirectoryNotFoundException) { }
        catch (UnauthorizedAccessException) { }
        catch (IOException) when (Directory.Exists(Path))
        {
            // Names that are not valid UTF-8 cannot be deleted through .NET strings; rm works on raw bytes.
            var psi = new System.Diagnostics.ProcessStartInfo("rm") { UseShellExecute = false };
            foreach (var a in new[] { "-rf", "--", Path }) psi.ArgumentList.Add(a);
            using var rm = System.Diagnostics.Process.Start(psi)!;
            rm.WaitForExit();
        }
    }
}
