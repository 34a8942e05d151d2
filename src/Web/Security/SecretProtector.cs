using Microsoft.AspNetCore.DataProtection;

namespace SyncConsole.Web.Security;

/// <summary>Encrypts stored secrets (remote passwords, the API key) with Data Protection keys kept in the data directory.</summary>
public sealed class SecretProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector protector = provider.CreateProtector("SyncConsole.Secrets.v1");

    public string Protect(string plaintext) => protector.Protect(plaintext);

    public string Unprotect(string protectedValue) => protector.Unprotect(protectedValue);
}
