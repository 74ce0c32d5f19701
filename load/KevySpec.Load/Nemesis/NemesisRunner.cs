using KevySpec.Checking;
using KevySpec.Load.Cli;
using KevySpec.Load.Fleet;
using KevySpec.Load.Metrics;
using KevySpec.Load.Runner;
using KevySpec.Load.Safety;
using KevySpec.Transport;

namespace KevySpec.Load.Nemesis;

/// <summary>Network namespaces cannot be used on this machine (not root, no <c>ip</c>, no permission).</summary>
public sealed class NemesisUnavailableException(string reason) : Exception(reason);

/// <summary>
/// Runs one nemesis run: sweeps namespaces a crashed earlier run left, builds the lab, starts one node host
/// per node inside its namespace, waits until every node follows the bootstrap primary, then injects one fault
/// at a time — network faults through routes and bridge ports, pauses and kills through the node's process —
/// measuring the failover while it holds and the recovery once it is repaired, with RSS and send queues sampled
/// every second. Safety is checked online from every node's steps. The nodes and the namespaces are gone when it
/// returns, also when it fails or is cancelled. However short the duration, every kind of fault asked for is
/// injected once.
/// </summary>
public static class NemesisRunner
{
    private static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ReadBudget = TimeSpan.FromSeconds(5);

    /// <summary>Runs <paramref name="settings"/>; <paramref name="log"/> gets one line per fault and phase. <paramref name="ct"/> stops injecting early.</summary>
    /// <exception cref="NemesisUnavailableException">Network namespaces cannot be created here.</exception>
    /// <exception cref="LabException">The lab could not be built or changed.</exception>
    public static async Task<NemesisResult> RunAsync(NemesisSettings settings, Action<string> log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(log);
        if (await NetworkLab.MissingReasonAsync().ConfigureAwait(false) is { } reason) throw new NemesisUnavailableException(reason);
        var swept = await NetworkLab.SweepStaleAsync().ConfigureAwait(false);
        if (swept.Count > 0) log($"deleted {swept.Count} namespace(s) left by an earlier run: {string.Join(", ", swept)}");

        var ids = ClusterHarness.IdsFor(settings.Nodes);
        var lab = await NetworkLab.CreateAsync(ids).ConfigureAwait(false);
        var namespaces = lab.Namespaces;
        log($"lab {lab.Names.Prefix}: {namespaces.Count} namespaces, bridge {LabNames.Bridge} in {lab.Names.Switch}, nodes at "
            + string.Join(", ", ids.Select(id => $"{id} {lab.EndpointOf(id)}")));
        Run run;
        try
        {
            run = await RunInLabAsync(settings, lab, ids, log, ct).ConfigureAwait(false);
        }
        finally
        {
            await lab.DisposeAsync().ConfigureAwait(false);
        }
        var remaining = await NetworkLab.ListAsync().ConfigureAwait(false);
        var leftovers = remaining.Where(name => name.StartsWith(lab.Names.Prefix + "-", StringComparison.Ordinal)).ToArray();
        log(leftovers.Length == 0 ? $"deleted the {namespaces.Count} namespaces" : $"namespaces left behind: {string.Join(", ", leftovers)}");
        return new NemesisResult(settings, run.StartedAt, ids, namespaces, swept, leftovers, run.Faults, run.Samples, run.Counters,
            run.Failover, run.Recovery, run.Elections, run.Violations, run.Checked, run.MeasuredFrom, run.MeasuredTo, run.Notes, run.WriteSafety);
    }

    private sealed record Run(
        DateTimeOffset StartedAt, IReadOnlyList<FaultRecord> Faults, IReadOnlyList<NodeSample> Samples, IReadOnlyDictionary<string, CounterTotals> Counters,
        LatencyHistogram Failover, LatencyHistogram Recovery, IReadOnlyList<ElectionRecord> Elections, IReadOnlyList<SafetyViolation> Violations,
        IReadOnlyList<string> Checked, TimeSpan MeasuredFrom, TimeSpan MeasuredTo, IReadOnlyList<string> Notes, WriteSafetyJudgement? WriteSafety);

    private static async Task<Run> RunInLabAsync(NemesisSettings settings, NetworkLab lab, IReadOnlyList<string> ids, Action<string> log, CancellationToken ct)
    {
        var startedAt = DateTimeOffset.Now;
        var clock = new RunClock(TimeProvider.System);
        var monitor = new OnlineSafetyMonitor(ids, InvariantSet.ForSpec(settings.Spec.Table), settings.Config, clock);
        var ledger = new ElectionLedger(ElectionLedger.AllowanceFor(settings.Config));
        var tracker = new TopologyTracker(ids);
        var fleets = new Dictionary<string, NamespacedFleet>(StringComparer.Ordinal);
        var endpoints = ids.ToDictionary(id => id, id => lab.EndpointOf(id).ToString(), StringComparer.Ordinal);
        var parts = ids.Select(id => new FleetPart([id], Remote: true, async (plan, events, token) =>
        {
            var fleet = await NamespacedFleet.StartAsync(plan, events, lab.Names.Namespace(id), token).ConfigureAwait(false);
            lock (fleets) fleets[id] = fleet;
            return fleet;
        })).ToArray();
        var notes = new List<string>();
        var failover = new LatencyHistogram();
        var recovery = new LatencyHistogram();
        var faults = new List<FaultRecord>();
        var samples = new List<NodeSample>();

        log($"starting {ids.Count} node hosts");
        await using var harness = await ClusterHarness.StartAsync(ids, endpoints, parts, settings.Spec, settings.Config, settings.Seed, fileStores: true,
            clock, monitor, ledger, tracker, ct).ConfigureAwait(false);
        var warmupBound = TimeSpan.FromSeconds(15) + settings.Config.DownAfter * 2;
        if (!await WaitUntilAsync(tracker, clock, () => tracker.Agreed(ids) is not null && ids.All(id => harness.Snapshot(id) is { DownPeers.Count: 0 }), warmupBound, settings.Config.HbInterval, ct).ConfigureAwait(false))
            notes.Add($"the cluster was not fully connected and following one primary {DurationText.Format(warmupBound)} after start; injecting anyway");
        var measuredFrom = clock.Now;
        ledger.StartMeasuring(measuredFrom);
        log($"cluster up at {DurationText.Format(measuredFrom)}; injecting faults for {DurationText.Format(settings.Duration)}");

        using var stopSampling = new CancellationTokenSource();
        var sampler = SampleEverySecondAsync(fleets, clock, samples, stopSampling.Token);
        var planner = new FaultPlanner(ids, settings.Faults, settings.Seed);
        var end = measuredFrom + settings.Duration;
        try
        {
            // Every kind asked for is injected at least once, however short the duration.
            while ((clock.Now < end || faults.Count < settings.Faults.Count) && !ct.IsCancellationRequested)
            {
                var before = tracker.Agreed(ids) ?? tracker.Majority(ids);
                if (before is not { } current)
                {
                    // No primary a majority follows (a slow recovery): wait for one rather than stack faults.
                    if (!await WaitUntilAsync(tracker, clock, () => tracker.Majority(ids) is not null, settings.RecoveryBound, settings.Config.HbInterval, ct).ConfigureAwait(false))
                    {
                        notes.Add($"no primary followed by a majority at {DurationText.Format(clock.Now)} for {DurationText.Format(settings.RecoveryBound)}; stopped injecting");
                        break;
                    }
                    continue;
                }
                var record = await InjectAsync(faults.Count + 1, planner.Next(current.Primary), current, settings, lab, harness, fleets, tracker, ledger, clock, ct).ConfigureAwait(false);
                faults.Add(record);
                if (record.Failover is { } f) failover.Record(f);
                if (record.Recovery is { } r) recovery.Record(r);
                log(Describe(record));
                await DelayAsync(settings.Settle, ct).ConfigureAwait(false);
            }
        }
        finally
        {
            await stopSampling.CancelAsync().ConfigureAwait(false);
            await sampler.ConfigureAwait(false);
        }
        var measuredTo = clock.Now;
        var counters = new Dictionary<string, CounterTotals>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            using var budget = new CancellationTokenSource(ReadBudget);
            try
            {
                counters[id] = (await fleets[id].ReadAsync(budget.Token).ConfigureAwait(false)).Counters;
            }
            catch (Exception e) when (e is IOException or OperationCanceledException)
            {
                notes.Add($"{id}'s counters could not be read: {e.Message}");
            }
        }
        List<NodeSample> taken;
        lock (samples) taken = [.. samples];
        return new Run(startedAt, faults, taken, counters, failover, recovery, ledger.Elections(), monitor.Violations, monitor.Checked, measuredFrom, measuredTo, notes, monitor.WriteSafety);
    }

    // Inject, hold (measuring the failover if the primary was taken away), repair, wait for every node to follow one primary.
    private static async Task<FaultRecord> InjectAsync(int number, NemesisFault fault, (string Primary, ulong Epoch) before, NemesisSettings settings,
        NetworkLab lab, ClusterHarness harness, IReadOnlyDictionary<string, NamespacedFleet> fleets, TopologyTracker tracker, ElectionLedger ledger, RunClock clock, CancellationToken ct)
    {
        var poll = settings.Config.HbInterval;
        var start = clock.Now;
        var window = new FaultWindow(number, start, fault.Affected, fault.PrimaryLost);
        ledger.Open(window);
        TimeSpan? failover = null;
        var failoverTimedOut = false;
        try
        {
            await lab.ApplyAsync(fault).ConfigureAwait(false);
            foreach (var id in fault.Paused)
            {
                harness.MarkPaused(id);
                fleets[id].Pause();
            }
            foreach (var id in fault.Killed) await harness.KillAsync(id).ConfigureAwait(false);
            if (fault.PrimaryLost)
            {
                (string, ulong, TimeSpan)? converged = null;
                var done = await WaitUntilAsync(tracker, clock, () => (converged = tracker.Converged(fault.Survivors, before.Primary, before.Epoch)) is not null,
                    settings.FailoverBound, poll, ct).ConfigureAwait(false);
                if (done && converged is { } c) failover = c.Item3 > start ? c.Item3 - start : TimeSpan.Zero;
                else failoverTimedOut = !ct.IsCancellationRequested;
            }
            await DelayAsync(start + settings.Hold - clock.Now, ct).ConfigureAwait(false);
        }
        finally
        {
            // Repair whatever happened, even on cancellation or a failed command.
            ledger.Repair(window, clock.Now);
            await lab.HealAsync().ConfigureAwait(false);
            foreach (var id in fault.Paused)
            {
                fleets[id].Resume();
                harness.MarkResumed(id);
            }
            foreach (var id in fault.Killed) await harness.RestartAsync(id, Role.Replica).ConfigureAwait(false);
        }
        var repaired = clock.Now;
        var ids = tracker.Members;
        var recovered = await WaitUntilAsync(tracker, clock, () => tracker.Agreed(ids) is not null, settings.RecoveryBound, poll, CancellationToken.None).ConfigureAwait(false);
        TimeSpan? recovery = null;
        string? primary = null;
        if (recovered)
        {
            var settledAt = tracker.States().Max(s => s.Since);
            recovery = settledAt > repaired ? settledAt - repaired : TimeSpan.Zero;
            primary = tracker.Agreed(ids)?.Primary;
        }
        ledger.Close(window, clock.Now);
        return new FaultRecord(number, fault, start, failover, failoverTimedOut, repaired, recovery, primary);
    }

    private static async Task SampleEverySecondAsync(Dictionary<string, NamespacedFleet> fleets, RunClock clock, List<NodeSample> samples, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(SampleEvery);
        try
        {
            do
            {
                KeyValuePair<string, NamespacedFleet>[] all;
                lock (fleets) all = [.. fleets];
                var taken = await Task.WhenAll(all.Select(f => SampleAsync(f.Key, f.Value, clock, ct))).ConfigureAwait(false);
                lock (samples) samples.AddRange(taken.OfType<NodeSample>());
            }
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
        }
    }

    // /proc first (it works on a paused process), then the heap over the pipe, given a second at most.
    private static async Task<NodeSample?> SampleAsync(string id, NamespacedFleet fleet, RunClock clock, CancellationToken ct)
    {
        if (fleet.ProcessId is not { } pid) return null;
        if (ProcessProbe.ResidentBytes(pid) is not { } rss || ProcessProbe.SendQueueBytes(pid) is not { } queued) return null;
        var at = clock.Now;
        var paused = fleet.Paused;
        FleetReading? reading = null;
        if (!paused)
        {
            using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
            budget.CancelAfter(SampleEvery);
            try
            {
                reading = await fleet.ReadAsync(budget.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException)
            {
                // Killed or stopped meanwhile, or slow: this sample has no heap figure.
            }
        }
        return new NodeSample(id, fleet.Incarnation, at, rss, queued, paused, reading?.HostHeapBytes, reading?.HostFullCollections);
    }

    // Waits until the condition holds (looked at on every tracker change and every poll), the bound passes, or ct is cancelled.
    private static async Task<bool> WaitUntilAsync(TopologyTracker tracker, RunClock clock, Func<bool> condition, TimeSpan bound, TimeSpan poll, CancellationToken ct)
    {
        var deadline = clock.Now + bound;
        while (true)
        {
            if (condition()) return true;
            var left = deadline - clock.Now;
            if (left <= TimeSpan.Zero || ct.IsCancellationRequested) return false;
            try
            {
                await tracker.WaitForChangeAsync(left < poll ? left : poll, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return condition();
            }
        }
    }

    private static async Task DelayAsync(TimeSpan delay, CancellationToken ct)
    {
        if (delay <= TimeSpan.Zero) return;
        try
        {
            await Task.Delay(delay, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static string Describe(FaultRecord record)
    {
        var failover = record.Fault.PrimaryLost
            ? record.Failover is { } f ? $", failover {DurationText.Format(f)}" : record.FailoverTimedOut ? ", FAILOVER TIMED OUT" : ", failover not measured"
            : "";
        var recovery = record.Recovery is { } r ? $"recovered in {DurationText.Format(r)} (primary {record.Primary})" : "NOT RECOVERED";
        return $"fault {record.Number} at {DurationText.Format(record.Start)}: {record.Fault.Description}{failover}; {recovery}";
    }
}
