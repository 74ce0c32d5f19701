namespace KevySpec.Properties;

/// <summary>
/// The properties of a cluster's state, each written once over <see cref="IClusterFacts"/>: the
/// simulator, the model checker (its states and its replayed counterexamples) and the online
/// checker of load runs all call these. Generic over the facts so struct adapters neither box nor allocate.
/// </summary>
public static class ClusterProperties
{
    /// <summary>How many members run.</summary>
    public static int AliveCount<T>(in T facts) where T : IClusterFacts
    {
        var alive = 0;
        for (var i = 0; i < facts.Count; i++)
            if (facts.Node(i).Alive) alive++;
        return alive;
    }

    /// <summary>True when a majority of the members runs (<see cref="Quorum.Of"/>).</summary>
    public static bool MajorityAlive<T>(in T facts) where T : IClusterFacts => Quorum.IsMajority(AliveCount(facts), facts.Count);

    /// <summary>One live primary: the only live node whose role is primary, or why there is none.</summary>
    public static PrimaryVerdict OneLivePrimary<T>(in T facts) where T : IClusterFacts
    {
        var primary = -1;
        for (var i = 0; i < facts.Count; i++)
        {
            if (!facts.Node(i).IsLivePrimary) continue;
            if (primary >= 0) return PrimaryVerdict.Two(primary, i);
            primary = i;
        }
        return primary < 0 ? PrimaryVerdict.None : PrimaryVerdict.One(primary);
    }

    /// <summary>The first live node other than <paramref name="primary"/> that is not a replica following it, or −1.</summary>
    public static int FirstStray<T>(in T facts, int primary) where T : IClusterFacts
    {
        var id = facts.Member(primary);
        for (var i = 0; i < facts.Count; i++)
            if (i != primary && facts.Node(i) is { Alive: true } node && (node.Role != Role.Replica || node.CurrentPrimary != id)) return i;
        return -1;
    }

    /// <summary>Converged: one live primary, and every other live node a replica following it.</summary>
    public static bool Converged<T>(in T facts) where T : IClusterFacts =>
        OneLivePrimary(facts) is { Found: true } verdict && FirstStray(facts, verdict.Primary) < 0;

    /// <summary>Why the cluster has not converged, in plain words, or null when it has.</summary>
    public static string? ConvergenceProblem<T>(in T facts) where T : IClusterFacts
    {
        var verdict = OneLivePrimary(facts);
        if (!verdict.Found) return verdict.Several ? "more than one live node is primary" : "no live node is primary";
        if (FirstStray(facts, verdict.Primary) is not (>= 0 and var stray)) return null;
        var node = facts.Node(stray);
        return $"{facts.Member(stray)} is {node.Role.ToWire()} following {node.CurrentPrimary ?? "nobody"}, not a replica following {facts.Member(verdict.Primary)}";
    }

    /// <summary>
    /// The nodes that know <paramref name="primary"/>: itself (a bootstrap primary need not name
    /// itself) and every live node naming it as its current primary.
    /// </summary>
    public static int KnownBy<T>(in T facts, int primary) where T : IClusterFacts
    {
        var id = facts.Member(primary);
        var known = 1;
        for (var i = 0; i < facts.Count; i++)
            if (i != primary && facts.Node(i) is { Alive: true } node && node.CurrentPrimary == id) known++;
        return known;
    }

    /// <summary>Liveness's state: one live primary, known to a majority of the members.</summary>
    public static bool KnownToMajority<T>(in T facts) where T : IClusterFacts =>
        OneLivePrimary(facts) is { Found: true } verdict && Quorum.IsMajority(KnownBy(facts, verdict.Primary), facts.Count);

    /// <summary>Why no primary is known to a majority, in plain words, or null when one is.</summary>
    public static string? LivenessProblem<T>(in T facts) where T : IClusterFacts
    {
        var verdict = OneLivePrimary(facts);
        if (verdict.Several) return $"{facts.Member(verdict.First)} and {facts.Member(verdict.Second)} are both primary";
        if (!verdict.Found) return "no live node is primary";
        var known = KnownBy(facts, verdict.Primary);
        var quorum = Quorum.Of(facts.Count);
        return known >= quorum ? null : $"primary {facts.Member(verdict.Primary)} is known to {known} of {facts.Count} (a majority is {quorum})";
    }

    /// <summary>
    /// Settled, what arms no-disruption: a majority runs, and one live primary has every other live
    /// node as a replica following it at its epoch and in touch with it — each heard the primary
    /// claim primary within <c>hb_interval</c> and was heard by it, where the facts know contact
    /// (<see cref="ContactKnowledge.FromViews"/>; otherwise late messages were waited out). Returns
    /// the settled primary, or −1.
    /// </summary>
    public static int Settled<T>(in T facts) where T : IClusterFacts
    {
        if (!MajorityAlive(facts) || OneLivePrimary(facts) is not { Found: true } verdict) return -1;
        var primary = verdict.Primary;
        if (FirstStray(facts, primary) >= 0) return -1;
        var epoch = facts.Node(primary).Epoch;
        var views = facts.Contact == ContactKnowledge.FromViews;
        for (var i = 0; i < facts.Count; i++)
        {
            if (i == primary || facts.Node(i) is not { Alive: true } node) continue;
            if (node.Epoch != epoch) return -1;
            if (views && (!facts.HeardLately(i, primary, claimingPrimary: true) || !facts.HeardLately(primary, i, claimingPrimary: false))) return -1;
        }
        return primary;
    }

    /// <summary>
    /// Write-safety's breach: two live, unpaused primaries whose <c>has_quorum(now)</c> are both true
    /// at this instant. Returns the first two, or null.
    /// </summary>
    public static (int First, int Second)? TwoWritablePrimaries<T>(in T facts) where T : IQuorumFacts
    {
        var first = -1;
        for (var i = 0; i < facts.Count; i++)
        {
            if (facts.Node(i) is not { IsLivePrimary: true, Paused: false } || !facts.HasQuorum(i)) continue;
            if (first >= 0) return (first, i);
            first = i;
        }
        return null;
    }
}
