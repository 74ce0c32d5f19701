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

    /// <summary>Once faults stop and a majority is connected, a primary is elected and known within a bound.</summary>
    public const string Liveness = "liveness";

    /// <summary>Every name above, in the order reports list them.</summary>
    public static IReadOnlyList<string> All { get; } =
        [ElectionSafety, SinglePrimary, OneVotePerEpoch, EpochMonotonic, DurableBeforeSend, Liveness];

    /// <summary>The invariants checked after every step (all but <see cref="Liveness"/>, which needs time and a fault-free stretch).</summary>
    public static IReadOnlyList<string> Safety { get; } =
        [ElectionSafety, SinglePrimary, OneVotePerEpoch, EpochMonotonic, DurableBeforeSend];
}
