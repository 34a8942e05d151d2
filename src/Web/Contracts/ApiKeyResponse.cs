namespace SyncConsole.Web.Contracts;

/// <summary>The API key; <see cref="FromEnvironment"/> means it is set by SYNCCONSOLE_API_KEY and cannot be regenerated.</summary>
public sealed record ApiKeyResponse(string ApiKey, bool FromEnvironment);
