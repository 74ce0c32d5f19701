using KevySpec.Load.Runner;

namespace KevySpec.Load.Nemesis;

/// <summary>A resolved nemesis run.</summary>
/// <param name="Nodes">Cluster size, ids <c>n1</c>..<c>nN</c>; each node runs in its own process and namespace.</param>
/// <param name="Duration">How long faults are injected (the fault in flight then finishes).</param>
/// <param name="Seed">Seeds the fault plan and the nodes' jitter.</param>
/// <param name="Config">The election timings.</param>
/// <param name="TimingsName">The preset the timings came from (<c>fast</c>, <c>protocol</c>), for the reports.</param>
/// <param name="Faults">The kinds of fault to inject, round after round in a seeded order.</param>
/// <param name="Hold">How long each fault lasts before it is repaired.</param>
/// <param name="Spec">The generated elector the nodes run.</param>
/// <param name="OutDir">The report folder.</param>
public sealed record NemesisSettings(
    int Nodes, TimeSpan Duration, int Seed, ElectConfig Config, string TimingsName, IReadOnlyList<FaultKind> Faults,
    TimeSpan Hold, ElectorDefinition Spec, string OutDir)
{
    /// <summary>A fault's hold when none is given: twice (2 × down_after + election_timeout), so a cut-off minority stands more than once.</summary>
    public static TimeSpan DefaultHold(ElectConfig config) => EventTimings.For(config, 0).MinorityHold * 2;

    /// <summary>Fault → a majority follows a new primary, beyond which a failover has timed out (the load runner's convergence bound).</summary>
    public TimeSpan FailoverBound => EventTimings.For(Config, Nodes).ConvergeBound;

    /// <summary>
    /// Repair (routes removed, process continued, or restarted process listening) → every node follows one primary:
    /// the convergence bound plus the rejoin bound (a repair may take one more election: nodes come back with the epochs they reached alone).
    /// </summary>
    public TimeSpan RecoveryBound => EventTimings.For(Config, Nodes).ConvergeBound + EventTimings.For(Config, Nodes).RejoinBound;

    /// <summary>The quiet time between one fault's recovery and the next fault: the election ledger's settle allowance.</summary>
    public TimeSpan Settle => ElectionLedger.AllowanceFor(Config);
}
