namespace KevySpec.Checking;

/// <summary>The invariants the simulator and the model checker implement, by their spec names.</summary>
public static class InvariantNames
{
    /// <summary>At most one node wins (announces itself) in any epoch.</summary>
    public const string ElectionSafety = "election-safety";

    /// <summary>No two live nodes are primary at the same epoch.</summary>
    public const string SinglePrimary = "single-primary";

    /// <summary>A node votes for at most one candidate per epoch, across restarts.</summary>
    public const string OneVotePerEpoch = "one-vote-per-epoch";

    /// <summary>A node's epoch never decreases, across restarts.</summary>
    public const string EpochMonotonic = "epoch-monotonic";

    /// <summary>Every OFFER, ACCEPT and epoch change is preceded by the matching save.</summary>
    public const string DurableBeforeSend = "durable-before-send";

    /// <summary>
    /// The winner of an epoch was the best of its voters: no node that voted for it had, when it voted,
    /// a higher offset than the winner's OFFER carried, or the same offset and a byte-wise smaller id.
    /// </summary>
    public const string BestCandidateWins = "best-candidate-wins";

    /// <summary>No two live primaries answer <c>has_quorum(now)</c> true at the same instant (under the simulator's delay bound).</summary>
    public const string WriteSafety = "write-safety";

    /// <summary>Once faults stop and every live node knows one primary, nobody stands unless that primary dies or is cut off.</summary>
    public const string NoDisruption = "no-disruption";

    /// <summary>Once faults stop and a majority is connected, a primary is elected and known within a bound.</summary>
    public const string Liveness = "liveness";

    /// <summary>Once faults stop, every live node ends as the one primary or a replica following it.</summary>
    public const string Convergence = "convergence";

    /// <summary>Every name above, in the order reports list them (<see cref="Properties.PropertyRegistry.All"/>).</summary>
    public static IReadOnlyList<string> All { get; } = [.. Properties.PropertyRegistry.All.Select(p => p.Name)];

    /// <summary>The invariants checked after every step from the step alone and the ghost history (every mode, the online checker too).</summary>
    public static IReadOnlyList<string> Safety { get; } =
        [.. Properties.PropertyRegistry.All.Where(p => p.Needs == Properties.PropertyNeeds.Step).Select(p => p.Name)];

    /// <summary>
    /// The invariants only the simulator checks in every run: they need real (virtual) time, a delay
    /// bound or a fault-free stretch.
    /// </summary>
    public static IReadOnlyList<string> SimulatorOnly { get; } =
        [.. Properties.PropertyRegistry.All.Where(p => p.Needs != Properties.PropertyNeeds.Step).Select(p => p.Name)];
}
