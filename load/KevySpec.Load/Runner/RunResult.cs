using KevySpec.Load.Metrics;
using KevySpec.Load.Safety;

namespace KevySpec.Load.Runner;

/// <summary>Everything a finished run measured; the reports and thresholds read it.</summary>
/// <param name="Settings">How the run was set up.</param>
/// <param name="NodeIds">The members.</param>
/// <param name="StartedAt">Wall-clock start (for the report only; measurements use the monotonic clock).</param>
/// <param name="Warmup">Start → every node connected and following the bootstrap primary.</param>
/// <param name="WarmupConverged">False when the warm-up bound passed first (the run went on).</param>
/// <param name="MeasuredFrom">Run time the measured window began.</param>
/// <param name="MeasuredTo">Run time it ended (injection over and the events in flight finished).</param>
/// <param name="Interrupted">True when the run was cancelled (Ctrl+C) before its duration.</param>
/// <param name="Events">The events, in finishing order.</param>
/// <param name="Skipped">Events the simulation asked for that could not start.</param>
/// <param name="Elections">Every election, classified.</param>
/// <param name="Violations">Safety violations.</param>
/// <param name="CheckedInvariants">The safety invariants checked online.</param>
/// <param name="Failover">Failover latencies.</param>
/// <param name="Detection">Detection delays.</param>
/// <param name="Counters">Transport counters over the measured window.</param>
/// <param name="CpuTime">Process CPU time over the measured window.</param>
/// <param name="PeakWorkingSet">Peak resident set of the process, in bytes.</param>
/// <param name="Timeline">Every report, kill and restart.</param>
/// <param name="FileDescriptors">The open-file limit in effect, as text.</param>
/// <param name="Notes">Anything the reader should know (a slow warm-up, events cut short).</param>
/// <param name="WriteSafety">The delay bound online write-safety assumed and how often it was exceeded; null when not checked.</param>
public sealed record RunResult(
    RunSettings Settings,
    IReadOnlyList<string> NodeIds,
    DateTimeOffset StartedAt,
    TimeSpan Warmup,
    bool WarmupConverged,
    TimeSpan MeasuredFrom,
    TimeSpan MeasuredTo,
    bool Interrupted,
    IReadOnlyList<EventRecord> Events,
    int Skipped,
    IReadOnlyList<ElectionRecord> Elections,
    IReadOnlyList<SafetyViolation> Violations,
    IReadOnlyList<string> CheckedInvariants,
    LatencyHistogram Failover,
    LatencyHistogram Detection,
    CounterTotals Counters,
    TimeSpan CpuTime,
    long PeakWorkingSet,
    IReadOnlyList<TimelineEntry> Timeline,
    string FileDescriptors,
    IReadOnlyList<string> Notes,
    WriteSafetyJudgement? WriteSafety = null)
{
    /// <summary>Length of the measured window.</summary>
    public TimeSpan Measured => MeasuredTo - MeasuredFrom;
}
