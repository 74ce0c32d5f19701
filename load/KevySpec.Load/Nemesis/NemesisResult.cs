using KevySpec.Load.Metrics;
using KevySpec.Load.Runner;
using KevySpec.Load.Safety;

namespace KevySpec.Load.Nemesis;

/// <summary>One fault of a nemesis run and what the cluster did about it.</summary>
/// <param name="Number">1, 2, …</param>
/// <param name="Fault">The fault.</param>
/// <param name="Start">Run time it was injected.</param>
/// <param name="Failover">Fault → the survivors follow a new primary (only when the fault took the primary away), or null.</param>
/// <param name="FailoverTimedOut">True when the primary was taken away and the survivors had not failed over within the bound.</param>
/// <param name="Repaired">Run time the repair was done (routes removed, process continued, or the restarted process listening).</param>
/// <param name="Recovery">Repair → every node follows one primary, or null when that did not happen within the bound.</param>
/// <param name="Primary">The primary everyone followed afterwards (null on a recovery timeout).</param>
public sealed record FaultRecord(int Number, NemesisFault Fault, TimeSpan Start, TimeSpan? Failover, bool FailoverTimedOut, TimeSpan Repaired, TimeSpan? Recovery, string? Primary);

/// <summary>One reading of one node's process.</summary>
/// <param name="Node">The node.</param>
/// <param name="Incarnation">Which process of the node (1, then one more per restart).</param>
/// <param name="At">Run time of the reading.</param>
/// <param name="ResidentBytes">Its resident set.</param>
/// <param name="SendQueueBytes">Bytes in the kernel send queues of its namespace's TCP sockets.</param>
/// <param name="Paused">True while the process was stopped.</param>
/// <param name="HeapBytes">Its managed heap as of its last GC (null while paused, or when it did not answer within a second).</param>
/// <param name="FullCollections">Full GCs it ran so far (null as for <paramref name="HeapBytes"/>).</param>
public sealed record NodeSample(string Node, int Incarnation, TimeSpan At, long ResidentBytes, long SendQueueBytes, bool Paused, long? HeapBytes = null, int? FullCollections = null);

/// <summary>What a nemesis run measured.</summary>
public sealed record NemesisResult(
    NemesisSettings Settings,
    DateTimeOffset StartedAt,
    IReadOnlyList<string> NodeIds,
    IReadOnlyList<string> Namespaces,
    IReadOnlyList<string> Swept,
    IReadOnlyList<string> Leftovers,
    IReadOnlyList<FaultRecord> Faults,
    IReadOnlyList<NodeSample> Samples,
    IReadOnlyDictionary<string, CounterTotals> Counters,
    LatencyHistogram Failover,
    LatencyHistogram Recovery,
    IReadOnlyList<ElectionRecord> Elections,
    IReadOnlyList<SafetyViolation> Violations,
    IReadOnlyList<string> Checked,
    TimeSpan MeasuredFrom,
    TimeSpan MeasuredTo,
    IReadOnlyList<string> Notes,
    WriteSafetyJudgement? WriteSafety = null)
{
    /// <summary>Failovers that did not converge within the bound.</summary>
    public int FailoverTimeouts => Faults.Count(f => f.FailoverTimedOut);

    /// <summary>Repairs after which the cluster did not agree on a primary within the bound.</summary>
    public int RecoveryTimeouts => Faults.Count(f => f.Recovery is null);

    /// <summary>Candidacies after warm-up that no fault explains.</summary>
    public int SpuriousElections => Elections.Count(e => e.Spurious);

    /// <summary>
    /// True when the run is sound: no safety violation, every failover and every recovery within its bound,
    /// no namespace left behind.
    /// </summary>
    public bool Passed => Violations.Count == 0 && FailoverTimeouts == 0 && RecoveryTimeouts == 0 && Leftovers.Count == 0;
}
