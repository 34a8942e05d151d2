namespace SyncConsole.Data.Entities;

public sealed class FilterRule
{
    public int Id { get; set; }
    public int JobId { get; set; }
    public SyncJob? Job { get; set; }
    public FilterRuleKind Kind { get; set; }
    public required string Expression { get; set; }
    /// <summary>Position within the job's rules of the same kind.</summary>
    public int Order { get; set; }
}
