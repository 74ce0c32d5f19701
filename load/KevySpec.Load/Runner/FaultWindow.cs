namespace KevySpec.Load.Runner;

/// <summary>
/// The stretch of time a fault may explain elections in: from its start until it is repaired
/// (then the ledger adds a settle allowance).
/// </summary>
/// <param name="Id">The event's number.</param>
/// <param name="Start">Run time the fault began.</param>
/// <param name="Affected">The nodes cut off (killed, or on the minority side).</param>
/// <param name="TouchesPrimary">True when the fault took the primary away from the others (every node then has a reason to stand).</param>
public sealed record FaultWindow(int Id, TimeSpan Start, IReadOnlySet<string> Affected, bool TouchesPrimary)
{
    /// <summary>Run time the fault was repaired (restart done, links healed), or null while it lasts.</summary>
    public TimeSpan? End { get; set; }
}
