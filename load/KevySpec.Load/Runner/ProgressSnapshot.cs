namespace KevySpec.Load.Runner;

/// <summary>Where a run stands, for the live display and the progress lines.</summary>
/// <param name="Phase">What the run is doing: <c>starting</c>, <c>warming up</c>, <c>running</c>, <c>draining</c>, <c>done</c>.</param>
/// <param name="Elapsed">Measured time so far.</param>
/// <param name="Duration">The run's injection duration.</param>
/// <param name="Events">Events finished.</param>
/// <param name="InFlight">Events running.</param>
/// <param name="Skipped">Events the budget or the cluster state did not allow.</param>
/// <param name="Failovers">Failovers measured.</param>
/// <param name="FailoverP50">Median failover so far.</param>
/// <param name="FailoverP99">p99 failover so far.</param>
/// <param name="Elections">Elections so far (after warm-up).</param>
/// <param name="Spurious">Spurious elections so far.</param>
/// <param name="Violations">Safety violations so far.</param>
/// <param name="Timeouts">Failovers that did not converge in time.</param>
/// <param name="NotRejoined">Events whose repaired nodes did not follow the majority's primary in time.</param>
/// <param name="FramesPerSecond">Frames out per second since the last snapshot.</param>
/// <param name="Primary">The primary a majority follows, or null.</param>
/// <param name="Epoch">Its epoch.</param>
/// <param name="Alive">Nodes running.</param>
public sealed record ProgressSnapshot(
    string Phase, TimeSpan Elapsed, TimeSpan Duration, int Events, int InFlight, int Skipped,
    long Failovers, TimeSpan? FailoverP50, TimeSpan? FailoverP99, int Elections, int Spurious, int Violations, int Timeouts, int NotRejoined,
    double FramesPerSecond, string? Primary, ulong Epoch, int Alive);
