namespace SyncConsole.Web.Validation;

/// <summary>
/// Field errors collected while checking a request, several messages per field in the order found; keys are the
/// JSON field names, so <see cref="ToDictionary"/> feeds <c>TypedResults.ValidationProblem</c> as it is.
/// </summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> errors = [];

    public bool IsEmpty => errors.Count == 0;

    public IEnumerable<string> Fields => errors.Keys;

    public void Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var messages)) errors[field] = messages = [];
        messages.Add(message);
    }

    public Dictionary<string, string[]> ToDictionary() => errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
}
