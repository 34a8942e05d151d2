using SyncConsole.Engine.Rsync;
using SyncConsole.Engine.Jobs;
using SyncConsole.Web.Contracts;
using SyncConsole.Web.Validation;

namespace SyncConsole.Web.Remotes;

/// <summary>Checks a remote request field by field; error keys are the JSON field names.</summary>
public static class RemoteValidator
{
    public static Dictionary<string, string[]> Validate(RemoteRequest request, out RemoteTransport transport)
    {
        var errors = new ValidationErrors();

        if (string.IsNullOrWhiteSpace(request.Name)) errors.Add("name", "A name is required.");
        else if (request.Name.Trim().Length > 200) errors.Add("name", "The name must have at most 200 characters.");

        // Every text field is stored and ends up in argv or a password file: bound each one (a 5 MB module name
        // would be saved and then make every rsync call fail).
        CheckLength(request.Host, "host", 253);
        CheckLength(request.ModuleOrPath, "moduleOrPath", MaxPathLength);
        CheckLength(request.User, "user", 256);
        CheckLength(request.Password, "password", 1024);
        CheckLength(request.SshKeyPath, "sshKeyPath", MaxPathLength);
        CheckLength(request.KnownHostsPath, "knownHostsPath", MaxPathLength);
        CheckLength(request.ExtraArgs, "extraArgs", MaxPathLength);
        if (errors.Fields.Any(k => k != "name"))
        {
            // The other rules would echo the oversized value into the error.
            transport = RemoteTransport.Daemon;
            return Result();
        }


        // The host ends up in rsync's argv: a leading '-' would be read as an option, a space would split it.
        var host = request.Host?.Trim();
        if (string.IsNullOrEmpty(host)) errors.Add("host", "A host is required.");
        else if (host.Any(char.IsWhiteSpace)) errors.Add("host", $"The host must not contain spaces: '{host}'.");
        else if (host.StartsWith('-')) errors.Add("host", $"The host must not start with '-': '{host}'.");
        else if (host.Contains('@') || host.Contains('/')) errors.Add("host", "Give the host alone; the user and module or path have their own fields.");

        transport = RemoteTransport.Daemon;
        switch (request.Transport?.Trim().ToLowerInvariant())
        {
            case null or "" or "daemon": transport = RemoteTransport.Daemon; break;
            case "ssh": transport = RemoteTransport.Ssh; break;
            default: errors.Add("transport", $"Unknown transport '{request.Transport}'; use 'daemon' or 'ssh'."); break;
        }

        var target = request.ModuleOrPath?.Trim();
        var targetName = transport == RemoteTransport.Daemon ? "rsync daemon module" : "target path";
        if (string.IsNullOrEmpty(target)) errors.Add("moduleOrPath", $"The {targetName} is required.");
        else if (target.StartsWith('-')) errors.Add("moduleOrPath", $"The {targetName} must not start with '-'.");
        else if (target.Contains('\n')) errors.Add("moduleOrPath", $"The {targetName} must be on one line.");
        // A daemon confines '..' to its module, but the stored target must say where files land, not climb out of it.
        else if (target.Split('/').Any(segment => segment == ".."))
            errors.Add("moduleOrPath", $"The {targetName} must not contain '..' segments: '{target}'.");

        if (request.User is { Length: > 0 } user && (user.Any(char.IsWhiteSpace) || user.Contains('@') || user.StartsWith('-')))
            errors.Add("user", "The user must not contain spaces or '@' or start with '-'.");
        if (request.Port is < 1 or > 65535) errors.Add("port", "The port must be between 1 and 65535.");
        if (request.TimeoutSeconds is < 0) errors.Add("timeoutSeconds", "The timeout must not be negative.");
        if (request.BandwidthLimitKbps is < 0) errors.Add("bandwidthLimitKbps", "The bandwidth limit must not be negative.");
        if (!string.IsNullOrWhiteSpace(request.SshKeyPath) && !request.SshKeyPath.Trim().StartsWith('/'))
            errors.Add("sshKeyPath", "The ssh key path must be absolute.");
        // The engine refuses these too (the path is quoted inside rsync's -e string): say so on save, not on every run.
        else if (request.SshKeyPath is { } key && key.Trim().Any(c => char.IsControl(c) || c is '"' or '\'' or '\\'))
            errors.Add("sshKeyPath", "The ssh key path must not contain quotes, backslashes or line breaks.");
        // The path goes into ssh's -o UserKnownHostsFile inside rsync's -e string: no quotes to break out of it,
        // no '%' (an ssh token), one line.
        if (request.KnownHostsPath?.Trim() is { Length: > 0 } knownHosts)
        {
            if (!knownHosts.StartsWith('/')) errors.Add("knownHostsPath", "The known hosts path must be absolute.");
            else if (knownHosts.Any(c => char.IsControl(c) || c is '"' or '\'' or '\\' or '%'))
                errors.Add("knownHostsPath", "The known hosts path must not contain quotes, backslashes, '%' or line breaks.");
        }
        if (request.ExtraArgs is { } extra && (extra.Contains('\n') || extra.Contains('\r')))
            errors.Add("extraArgs", "The extra arguments must be on one line.");
        else
            foreach (var problem in RsyncOptionValidator.ValidateOptions(request.ExtraArgs, "extra arguments")) errors.Add("extraArgs", problem);
        if (request.Password is { } password && (password.Contains('\n') || password.Contains('\r')))
            errors.Add("password", "The password must not contain line breaks (rsync reads the first line of its password file).");

        return Result();

        void CheckLength(string? value, string field, int max)
        {
            if (value is { Length: var length } && length > max) errors.Add(field, $"At most {max} characters are allowed ({length} given).");
        }

        Dictionary<string, string[]> Result() => errors.ToDictionary();
    }

    /// <summary>Linux's PATH_MAX.</summary>
    private const int MaxPathLength = 4096;
}
