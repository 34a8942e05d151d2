namespace SyncConsole.Web.Jobs;

/// <summary>The outcome of a write: the saved value, validation errors keyed by JSON field name, or not found.</summary>
public sealed record StoreResult<T>
{
    public T? Value { get; private init; }
    public IDictionary<string, string[]>? Errors { get; private init; }
    public bool NotFound { get; private init; }

    public static StoreResult<T> Ok(T value) => new() { Value = value };
    public static StoreResult<T> Invalid(IDictionary<string, string[]> errors) => new() { Errors = errors };
    public static StoreResult<T> Missing() => new() { NotFound = true };
}
