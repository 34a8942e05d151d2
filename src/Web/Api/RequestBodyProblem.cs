using System.Text.Json;
using System.Text.RegularExpressions;

namespace SyncConsole.Web.Api;

/// <summary>
/// Turns a JSON body the API could not read (a wrong type, an unknown field, broken syntax) into a 400 that names
/// the field, in the same <c>errors</c> shape as validation problems. Never echoes values, and cuts long names.
/// </summary>
public static partial class RequestBodyProblem
{
    private const int MaxFieldLength = 100;

    public static void Describe(ProblemDetailsContext context)
    {
        if (context.Exception is not BadHttpRequestException { InnerException: JsonException json } bad) return;
        var field = Cut(FieldOf(json.Path, bad.Message));
        var message = Explain(json, field);
        context.ProblemDetails.Title = "The request body could not be read.";
        context.ProblemDetails.Detail = message;
        if (field.Length > 0) context.ProblemDetails.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [message] };
    }

    /// <summary>"$.name" → "name"; "$[0].kind" (a list body) → "plugins[0].kind", named after the endpoint's parameter.</summary>
    private static string FieldOf(string? path, string message)
    {
        if (path is null || path.Length < 2) return "";
        if (path.StartsWith("$.", StringComparison.Ordinal)) return path[2..];
        if (path.StartsWith("$[", StringComparison.Ordinal))
            return (BodyParameter().Match(message) is { Success: true } m ? m.Groups[1].Value : "body") + path[1..];
        return "";
    }

    private static string Explain(JsonException json, string field)
    {
        var text = json.Message;
        if (UnmappedProperty().Match(text) is { Success: true } unknown)
            return $"'{Cut(unknown.Groups[1].Value)}' is not a field of this request (misspelt? see /openapi/v1.json).";
        if (NotConvertible().Match(text) is { Success: true } convert)
            return field.Length == 0
                ? "The request body must be one JSON object with this request's fields."
                : $"'{field}' has the wrong type: expected {Kind(convert.Groups[1].Value)}.";
        var position = json.LineNumber is { } line ? $" (line {line + 1}, byte {json.BytePositionInLine + 1})" : "";
        return "The request body is not valid JSON" + position + ".";
    }

    private static string Kind(string type) => EnumValues(type) is { } values ? "one of " + values : type switch
    {
        _ when type.Contains("List`1", StringComparison.Ordinal) || type.EndsWith("[]", StringComparison.Ordinal) => "a list",
        _ when type.Contains("System.String", StringComparison.Ordinal) => "text",
        _ when type.Contains("System.Boolean", StringComparison.Ordinal) => "true or false",
        _ when type.Contains("System.Int", StringComparison.Ordinal) || type.Contains("System.Double", StringComparison.Ordinal) => "a number",
        _ when type.Contains("DateTime", StringComparison.Ordinal) => "a date and time",
        _ => "another kind of value (see /openapi/v1.json)",
    };

    /// <summary>The camelCase names an enum field accepts ("command, socket, …"), or null when the type is no enum.</summary>
    private static string? EnumValues(string typeName)
    {
        var name = typeName.StartsWith("System.Nullable`1[", StringComparison.Ordinal) ? typeName[18..^1] : typeName;
        if (!name.StartsWith("SyncConsole.", StringComparison.Ordinal)) return null;
        var type = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => a.GetName().Name?.StartsWith("SyncConsole.", StringComparison.Ordinal) == true)
            .Select(a => a.GetType(name)).FirstOrDefault(t => t is not null);
        return type is { IsEnum: true } ? string.Join(", ", Enum.GetNames(type).Select(JsonNamingPolicy.CamelCase.ConvertName)) : null;
    }

    private static string Cut(string s) => s.Length > MaxFieldLength ? s[..MaxFieldLength] + "…" : s;

    // Minimal APIs: Failed to read parameter "IReadOnlyList<PluginRequest> plugins" from the request body as JSON.
    [GeneratedRegex(@"parameter ""[^""]*?(\w+)"" from the request body")]
    private static partial Regex BodyParameter();

    [GeneratedRegex(@"^The JSON property '(.*)' could not be mapped", RegexOptions.Singleline)]
    private static partial Regex UnmappedProperty();

    [GeneratedRegex(@"^The JSON value could not be converted to ([^ ]+?)\. Path:", RegexOptions.Singleline)]
    private static partial Regex NotConvertible();
}
