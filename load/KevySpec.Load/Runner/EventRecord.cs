using KevySpec.Load.Scenarios;

namespace KevySpec.Load.Runner;

/// <summary>How a churn event ended.</summary>
public enum EventOutcome
{
    /// <summary>The survivors converged on a new primary (when the event took the primary away) and the repaired nodes follow the majority's primary again.</summary>
    Converged,

    /// <summary>The event took the primary away and the survivors did not all follow a new primary within the bound (a liveness failure).</summary>
    FailoverTimedOut,

    /// <summary>The repaired nodes did not follow the majority's primary (or not hear every peer) within the bound after the repair.</summary>
    NotRejoined,
}

/// <summary>One churn event and what it measured.</summary>
/// <param name="Id">The event's number (1-based, in start order).</param>
/// <param name="Kind">What fault it injected.</param>
/// <param name="Targets">The nodes killed or cut off.</param>
/// <param name="Start">Run time of the fault.</param>
/// <param name="Repaired">Run time of the repair (restart or heal), or null when the run stopped first.</param>
/// <param name="End">Run time the cluster was whole again (restarted or healed, and rejoined).</param>
/// <param name="OldPrimary">The primary when the fault began.</param>
/// <param name="OldEpoch">Its epoch.</param>
/// <param name="NewPrimary">The primary elected, when the event took the primary away and the cluster converged.</param>
/// <param name="NewEpoch">Its epoch (0 when none).</param>
/// <param name="Detection">Fault → the first surviving node leaves the old primary (null when the primary was not touched or nobody did).</param>
/// <param name="Failover">Fault → every survivor follows the new primary (null when the primary was not touched or no convergence).</param>
/// <param name="Elections">Candidacies during the event (fault → end).</param>
/// <param name="Outcome">How it ended.</param>
public sealed record EventRecord(
    int Id, ChurnEventKind Kind, IReadOnlyList<string> Targets, TimeSpan Start, TimeSpan? Repaired, TimeSpan End,
    string OldPrimary, ulong OldEpoch, string? NewPrimary, ulong NewEpoch,
    TimeSpan? Detection, TimeSpan? Failover, int Elections, EventOutcome Outcome)
{
    /// <summary>True when the event took the primary away from the majority (a failover was due).</summary>
    public bool TouchesPrimary => Targets.Contains(OldPrimary);
}
