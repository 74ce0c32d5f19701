namespace KevySpec.Load.Runner;

/// <summary>
/// The stretch of time a fault may explain elections in: from its start until its event ends
/// (then the ledger adds a settle allowance). Before the repair it explains the candidacies of the
/// nodes it cut off (all of them when it took the primary away); from the repair on, anyone's:
/// nodes coming back (with the epochs they reached alone) may make others stand.
/// </summary>
/// <param name="Id">The event's number.</param>
/// <param name="Start">Run time the fault began.</param>
/// <param name="Affected">The nodes cut off (killed, or on the minority side).</param>
/// <param name="TouchesPrimary">True when the fault took the primary away from the others (every node then has a reason to stand).</param>
public sealed record FaultWindow(int Id, TimeSpan Start, IReadOnlySet<string> Affected, bool TouchesPrimary)
{
    /// <summary>Run time the repair began (restart or heal), or null while the fault lasts.</summary>
    public TimeSpan? Repaired { get; set; }

    /// <summary>Run time the event ended (the repaired nodes rejoined, or the bound passed), or null while it lasts.</summary>
    public TimeSpan? End { get; set; }
}
