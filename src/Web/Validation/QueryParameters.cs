namespace SyncConsole.Web.Validation;

/// <summary>The query-string parameters the list endpoints share (paging, an enum filter), checked with one wording.</summary>
public static class QueryParameters
{
    public const int DefaultPageSize = 50;

    /// <summary>A 1-based page and its size; adds an error per bad field and returns the defaults for the missing ones.</summary>
    public static (int Page, int PageSize) Paging(int? page, int? pageSize, int maxPageSize, ValidationErrors errors)
    {
        if (page is < 1) errors.Add("page", "The page must be 1 or more.");
        if (pageSize is < 1 || pageSize > maxPageSize) errors.Add("pageSize", $"The page size must be between 1 and {maxPageSize}.");
        return (page ?? 1, pageSize ?? DefaultPageSize);
    }

    /// <summary>An optional enum filter by name (case-insensitive; numbers are refused), or an error listing the names.</summary>
    public static T? Enum<T>(string? value, string field, ValidationErrors errors) where T : struct, System.Enum
    {
        if (string.IsNullOrEmpty(value)) return null;
        if (!int.TryParse(value, out _) && System.Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && System.Enum.IsDefined(parsed)) return parsed;
        errors.Add(field, $"Unknown {field} '{value}'. Known: {string.Join(", ", System.Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}.");
        return null;
    }
}
