namespace KevySpec.Load.Runner;

/// <summary>How long events hold their faults and how long they wait, derived from the election timings.</summary>
/// <param name="ConvergeBound">Fault → convergence on a new primary, beyond which the failover counts as timed out: down_after + 3 × (election_timeout + backoff + jitter) + 1 s.</param>
/// <param name="RejoinBound">Repair → the repaired nodes follow the primary again: 2 × down_after + election_timeout + backoff + jitter + 2 s (+ 20 ms a node for reconnections).</param>
/// <param name="ReplicaDowntime">How long a killed replica stays down: 1.5 × down_after, so its peers see it DOWN.</param>
/// <param name="MinorityHold">How long a minority without the primary stays cut off: 2 × down_after + election_timeout, so it stands and fails at least once.</param>
/// <param name="Poll">How often waits look at the nodes' snapshots besides their reports: one heartbeat interval.</param>
public sealed record EventTimings(TimeSpan ConvergeBound, TimeSpan RejoinBound, TimeSpan ReplicaDowntime, TimeSpan MinorityHold, TimeSpan Poll)
{
    /// <summary>The timings for <paramref name="config"/> on <paramref name="nodes"/> nodes.</summary>
    public static EventTimings For(ElectConfig config, int nodes)
    {
        var retry = config.ElectionTimeout + config.ElectionBackoff + config.ElectionBackoffJitter;
        return new EventTimings(
            ConvergeBound: config.DownAfter + retry * 3 + TimeSpan.FromSeconds(1),
            RejoinBound: config.DownAfter * 2 + retry + TimeSpan.FromSeconds(2) + TimeSpan.FromMilliseconds(20) * nodes,
            ReplicaDowntime: config.DownAfter * 1.5,
            MinorityHold: config.DownAfter * 2 + config.ElectionTimeout,
            Poll: config.HbInterval);
    }
}
