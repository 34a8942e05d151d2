using System.Text;

namespace SyncConsole.Engine.Legacy;

/// <summary>
/// An exported confxml.xml and what it could not express. <see cref="Xml"/> may hold the refreshCDN password
/// (sersync keeps it in the file), but never an rsync password: that lives in the password file.
/// </summary>
public sealed record ConfxmlExport(string Xml, IReadOnlyList<string> Warnings)
{
    /// <summary>UTF-8 without a BOM, matching the declaration.</summary>
    public byte[] ToBytes() => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(Xml);
}
