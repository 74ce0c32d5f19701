namespace KevySpec.Load.Metrics;

/// <summary>Every metric a run reports, by name. Thresholds may name any of them.</summary>
public static class MetricCatalog
{
    // Declared before Definitions: static initializers run in text order.
    /// <summary>The percentiles reported for each latency histogram, with their name suffix.</summary>
    public static IReadOnlyList<(string Suffix, double Percentile)> Percentiles { get; } =
        [("p50", 50), ("p90", 90), ("p99", 99), ("max", 100)];

    private static readonly MetricDefinition[] Definitions = Build();

    /// <summary>All metrics, in report order.</summary>
    public static IReadOnlyList<MetricDefinition> All => Definitions;

    /// <summary>The metric called <paramref name="name"/> (case-insensitive), or null.</summary>
    public static MetricDefinition? Find(string name) =>
        Definitions.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));

    private static MetricDefinition[] Build()
    {
        var list = new List<MetricDefinition>();
        Latency(list, "failover", "elected: kill (or partition isolating the primary) → every live node on the majority side reports the same new primary at a higher epoch");
        Latency(list, "writable", "writes resume: kill (or partition isolating the primary) → some primary of a higher epoch answers has_quorum true (its write fence opens)");
        Latency(list, "overhead", "failover − down_after: what failover costs beyond the failure detector's own delay (may be negative: the last heartbeat predates the kill)");
        Latency(list, "detection", "kill (or partition) → the first surviving node leaves the old primary: becomes candidate, takes a higher epoch or follows another primary");
        list.Add(new("failover.timeouts", MetricKind.Count, "count", "failovers that did not converge within the event's bound (a liveness failure)"));
        list.Add(new("unwritable.total", MetricKind.Duration, "ms", "time in the measured window with no live primary answering has_quorum true (no write could be taken)"));
        list.Add(new("unwritable.max", MetricKind.Duration, "ms", "the longest such stretch"));
        list.Add(new("events", MetricKind.Count, "count", "churn events injected (kills, partitions, restarts)"));
        list.Add(new("events.skipped", MetricKind.Count, "count", "events the load simulation asked for but the fault budget (a connected majority) or the cluster state did not allow"));
        list.Add(new("events.not_rejoined", MetricKind.Count, "count", "events whose repaired nodes did not follow the majority's primary (and hear every peer) within the bound after the repair"));
        list.Add(new("elections", MetricKind.Count, "count", "elections started (a node became candidate)"));
        list.Add(new("elections.per_event", MetricKind.Number, "ratio", "elections during failover-causing events (primary kills and isolations, fault → end of the event) ÷ those events; 1.0 is one clean election per failover. Elections outside those windows (rejoining nodes, faults that leave the primary) count in elections only"));
        list.Add(new("elections.startup", MetricKind.Count, "count", "elections before the cluster first converged (connection setup); not in elections or elections.spurious"));
        list.Add(new("elections.spurious", MetricKind.Count, "count", "elections no fault explains: outside every fault window (fault → end of its event + settle) that took the primary away, cut off the candidate, or had been repaired"));
        list.Add(new("violations", MetricKind.Count, "count", "safety violations found online, of the invariants listed under Safety (every safety invariant of the run's spec)"));
        list.Add(new("frames.in_per_sec", MetricKind.Number, "1/s", "frames received per second, all nodes"));
        list.Add(new("frames.out_per_sec", MetricKind.Number, "1/s", "frames sent per second, all nodes"));
        list.Add(new("frames.dropped", MetricKind.Count, "count", "frames dropped (full outbound queue, cut link, dead peer)"));
        list.Add(new("decode_errors", MetricKind.Count, "count", "inbound frames that failed to decode"));
        list.Add(new("reconnects", MetricKind.Count, "count", "outbound reconnections"));
        list.Add(new("cpu.percent", MetricKind.Number, "%", "process CPU time ÷ wall time over the measured window, in percent of one core"));
        list.Add(new("cpu.seconds", MetricKind.Number, "s", "process CPU time over the measured window"));
        list.Add(new("memory.peak_mb", MetricKind.Number, "MB", "peak working set of the process"));
        list.Add(new("duration", MetricKind.Duration, "ms", "measured wall time (after the cluster first converged)"));
        return [.. list];
    }

    private static void Latency(List<MetricDefinition> list, string stem, string what)
    {
        foreach (var (suffix, _) in Percentiles)
            list.Add(new($"{stem}.{suffix}", MetricKind.Duration, "ms", $"{suffix} of {what}"));
        list.Add(new($"{stem}.mean", MetricKind.Duration, "ms", $"mean of {what}"));
        list.Add(new($"{stem}.count", MetricKind.Count, "count", $"samples of {stem}"));
    }
}
