using KevySpec.Checking;
using KevySpec.Load.Cli;
using KevySpec.Load.Fleet;
using KevySpec.Load.Metrics;
using KevySpec.Load.Safety;
using KevySpec.Load.Scenarios;
using KevySpec.Load.Simulations;

namespace KevySpec.Load.Runner;

/// <summary>
/// Runs one load run: starts the cluster, waits for it to connect and follow its bootstrap
/// primary, injects events as the load simulation says for the duration, lets the events in
/// flight finish, and returns what it measured. The cluster and its data directories are gone
/// when it returns.
/// </summary>
public static class LoadRunner
{
    /// <summary>Runs <paramref name="settings"/>, reporting progress to <paramref name="progress"/>.</summary>
    public static async Task<RunResult> RunAsync(RunSettings settings, Action<ProgressSnapshot> progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(progress);
        var perProcess = FleetLayout.LargestPart(settings.Nodes, settings.Hosts);
        var fdStatus = FileDescriptorLimit.Ensure(perProcess, settings.Nodes);
        if (FileDescriptorLimit.Problem(perProcess, settings.Nodes, fdStatus) is { } tooFew) throw new IOException(tooFew);
        var fds = fdStatus.Text;
        var startedAt = DateTimeOffset.Now;
        var clock = new RunClock(TimeProvider.System);
        var ids = ClusterHarness.IdsFor(settings.Nodes);
        var invariants = InvariantSet.ForSpec(settings.Spec.Table);
        var monitor = new OnlineSafetyMonitor(ids, invariants, settings.Config, clock);
        var ledger = new ElectionLedger(ElectionLedger.AllowanceFor(settings.Config));
        var tracker = new TopologyTracker(ids);
        var timings = EventTimings.For(settings.Config, settings.Nodes);
        var notes = new List<string>();

        progress(Snapshot("starting", TimeSpan.Zero, settings, null, tracker, ledger, monitor, 0, 0));
        await using var harness = await ClusterHarness.StartAsync(settings.Nodes, settings.Hosts, settings.Spec, settings.Config, settings.Seed,
            settings.FileStores, clock, monitor, ledger, tracker, ct).ConfigureAwait(false);

        progress(Snapshot("warming up", TimeSpan.Zero, settings, null, tracker, ledger, monitor, 0, 0));
        var warmupBound = TimeSpan.FromSeconds(10) + TimeSpan.FromMilliseconds(100) * settings.Nodes + settings.Config.DownAfter * 2;
        var warmed = await WarmUpAsync(harness, clock, warmupBound, timings.Poll, ct).ConfigureAwait(false);
        var warmup = clock.Now;
        if (settings.Warmup > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(settings.Warmup, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
        if (!warmed) notes.Add($"the cluster was not fully connected and following one primary {DurationText.Format(warmupBound)} after start; measuring anyway");

        var measuredFrom = clock.Now;
        ledger.StartMeasuring(measuredFrom);
        var usageBefore = ProcessUsage.Now();
        var readingBefore = await harness.ReadAsync(CancellationToken.None).ConfigureAwait(false);
        var countersBefore = readingBefore.Counters;
        var scenario = Scenario.Create(settings.Scenario, settings.Seed);
        var engine = new ChurnEngine(harness, scenario, clock, ledger, timings);
        var schedule = new LoadSchedule(settings.Simulation, settings.Duration);
        var running = new List<Task<EventRecord>>();
        var skipped = 0;
        var progressEvery = settings.Live ? TimeSpan.FromMilliseconds(500) : settings.Duration < TimeSpan.FromSeconds(30) ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(5);
        var nextProgress = progressEvery;
        var lastFrames = (At: measuredFrom, Out: countersBefore.FramesOut);
        var interrupted = false;
        var lastRate = 0.0;

        while (true)
        {
            var elapsed = clock.Now - measuredFrom;
            if (elapsed >= settings.Duration) break;
            if (ct.IsCancellationRequested) { interrupted = true; break; }
            running.RemoveAll(t => t.IsCompleted);

            var due = schedule.Due(elapsed, engine.InFlight);
            for (var i = 0; i < due; i++)
            {
                if (scenario.NextEvent() is not { } kind) break;
                if (engine.TryStart(kind, ct) is { } started) running.Add(started);
                else if (settings.Simulation is ChurnInjection.KeepConstant) break;
                else skipped++;
            }

            if (elapsed >= nextProgress)
            {
                var totals = (await harness.ReadAsync(CancellationToken.None).ConfigureAwait(false)).Counters;
                var now = clock.Now;
                lastRate = (totals.FramesOut - lastFrames.Out) / Math.Max(1e-9, (now - lastFrames.At).TotalSeconds);
                lastFrames = (now, totals.FramesOut);
                progress(Snapshot("running", elapsed, settings, engine, tracker, ledger, monitor, skipped, lastRate));
                while (nextProgress <= elapsed) nextProgress += progressEvery;
            }

            var wake = new[] { schedule.NextWake() ?? settings.Duration, nextProgress, settings.Duration }.Min() - (clock.Now - measuredFrom);
            if (settings.Simulation is ChurnInjection.KeepConstant && engine.InFlight < ((ChurnInjection.KeepConstant)settings.Simulation).Copies)
                wake = wake < timings.Poll ? wake : timings.Poll;
            if (wake < TimeSpan.FromMilliseconds(1)) wake = TimeSpan.FromMilliseconds(1);
            try
            {
                await Task.WhenAny([Task.Delay(wake, ct), .. running]).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }

        progress(Snapshot("draining", clock.Now - measuredFrom, settings, engine, tracker, ledger, monitor, skipped, lastRate));
        var drainBound = timings.ConvergeBound + timings.RejoinBound + TimeSpan.FromSeconds(5);
        var drained = Task.WhenAll(running);
        if (await Task.WhenAny(drained, Task.Delay(drainBound, CancellationToken.None)).ConfigureAwait(false) != drained)
            notes.Add($"{running.Count(t => !t.IsCompleted)} event(s) still running {DurationText.Format(drainBound)} after the duration; left out");

        var measuredTo = clock.Now;
        var readingAfter = await harness.ReadAsync(CancellationToken.None).ConfigureAwait(false);
        var countersAfter = readingAfter.Counters;
        var usageAfter = ProcessUsage.Now();
        if (interrupted) notes.Add("interrupted before the end of the duration");
        var overall = (countersAfter.FramesOut - countersBefore.FramesOut) / Math.Max(1e-9, (measuredTo - measuredFrom).TotalSeconds);
        var final = Snapshot("done", measuredTo - measuredFrom, settings, engine, tracker, ledger, monitor, skipped, overall);
        progress(final);

        return new RunResult(
            settings, ids, startedAt, warmup, warmed, measuredFrom, measuredTo, interrupted,
            engine.Records, skipped, ledger.Elections(), monitor.Violations, monitor.Checked,
            engine.Failover, engine.Detection, countersAfter.Since(countersBefore),
            usageAfter.CpuTime - usageBefore.CpuTime + (readingAfter.HostCpu - readingBefore.HostCpu), usageAfter.PeakWorkingSet + readingAfter.HostPeakMemory,
            tracker.Timeline(), fds, notes, monitor.WriteSafety);
    }

    // Every node connected to every other (no DOWN peer) and all following one primary.
    private static async Task<bool> WarmUpAsync(ClusterHarness harness, RunClock clock, TimeSpan bound, TimeSpan poll, CancellationToken ct)
    {
        var deadline = clock.Now + bound;
        while (true)
        {
            if (harness.Tracker.Agreed(harness.NodeIds) is not null
                && harness.NodeIds.All(id => harness.Snapshot(id) is { DownPeers.Count: 0 }))
                return true;
            var left = deadline - clock.Now;
            if (left <= TimeSpan.Zero) return false;
            await harness.Tracker.WaitForChangeAsync(left < poll ? left : poll, ct).ConfigureAwait(false);
        }
    }

    private static ProgressSnapshot Snapshot(string phase, TimeSpan elapsed, RunSettings settings, ChurnEngine? engine,
        TopologyTracker tracker, ElectionLedger ledger, OnlineSafetyMonitor monitor, int skipped, double framesPerSecond)
    {
        var elections = ledger.Elections();
        var agreed = tracker.Majority(tracker.States().Where(s => s.Alive).Select(s => s.NodeId).ToArray());
        var records = engine?.Records ?? [];
        return new ProgressSnapshot(
            phase, elapsed, settings.Duration, records.Count, engine?.InFlight ?? 0, skipped,
            engine?.Failover.Count ?? 0, engine?.Failover.At(50), engine?.Failover.At(99),
            elections.Count(e => !e.Startup), elections.Count(e => e.Spurious), monitor.Violations.Count,
            records.Count(r => r.Outcome == EventOutcome.FailoverTimedOut), records.Count(r => r.Outcome == EventOutcome.NotRejoined), framesPerSecond,
            agreed?.Primary, agreed?.Epoch ?? 0, tracker.States().Count(s => s.Alive));
    }
}
