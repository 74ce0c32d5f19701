using KevySpec.Load.Metrics;
using KevySpec.Load.Scenarios;

namespace KevySpec.Load.Runner;

/// <summary>
/// Carries out churn events on a cluster: picks targets (seeded), keeps a connected majority (the
/// fault budget: at most <c>members − quorum</c> nodes killed or cut off at once, one partition
/// at a time, one failover at a time), injects the fault, measures detection and failover,
/// repairs, waits for the nodes to rejoin, and records the event.
/// </summary>
public sealed class ChurnEngine
{
    private readonly ClusterHarness _harness;
    private readonly Scenario _scenario;
    private readonly RunClock _clock;
    private readonly ElectionLedger _ledger;
    private readonly EventTimings _timings;
    private readonly Lock _gate = new();
    private readonly Dictionary<int, HashSet<string>> _reserved = [];
    private readonly List<EventRecord> _records = [];
    private bool _partitionActive;
    private bool _failoverInProgress;
    private int _nextId;
    private int _rolling;

    /// <summary>An engine for <paramref name="harness"/>'s cluster.</summary>
    public ChurnEngine(ClusterHarness harness, Scenario scenario, RunClock clock, ElectionLedger ledger, EventTimings timings)
    {
        _harness = harness;
        _scenario = scenario;
        _clock = clock;
        _ledger = ledger;
        _timings = timings;
        Budget = FaultBudget(harness.NodeIds.Count);
    }

    /// <summary>How many nodes may be killed or cut off at once while a majority stays connected.</summary>
    public int Budget { get; }

    /// <summary>
    /// The fault budget of a cluster of <paramref name="members"/>: <c>members − quorum</c> (0 for 1 or 2
    /// nodes, whose every fault would leave no connected majority, so no event can start).
    /// </summary>
    public static int FaultBudget(int members) => members - Quorum.Of(members);

    /// <summary>Fault → convergence on a new primary.</summary>
    public LatencyHistogram Failover { get; } = new();

    /// <summary>Fault → the first survivor leaves the old primary.</summary>
    public LatencyHistogram Detection { get; } = new();

    /// <summary>The events finished so far, in finishing order.</summary>
    public IReadOnlyList<EventRecord> Records
    {
        get { lock (_gate) return [.. _records]; }
    }

    /// <summary>Events started and not finished.</summary>
    public int InFlight
    {
        get { lock (_gate) return _reserved.Count; }
    }

    /// <summary>Starts an event of <paramref name="kind"/>, or returns null when the budget or the cluster's state does not allow one now.</summary>
    public Task<EventRecord>? TryStart(ChurnEventKind kind, CancellationToken ct)
    {
        lock (_gate)
        {
            var reservedNodes = _reserved.Values.SelectMany(r => r).ToHashSet();
            var connected = _harness.NodeIds.Where(n => !reservedNodes.Contains(n)).ToArray();
            var left = Budget - reservedNodes.Count;
            if (left <= 0 || _harness.Tracker.Majority(connected) is not { } agreed) return null;
            var (primary, epoch) = agreed;

            string[] targets;
            switch (kind)
            {
                case ChurnEventKind.KillPrimary:
                    if (_failoverInProgress) return null;
                    targets = [primary];
                    break;
                case ChurnEventKind.KillReplica:
                    var replicas = connected.Where(n => n != primary).ToArray();
                    if (replicas.Length == 0) return null;
                    targets = [_scenario.Pick(replicas)];
                    break;
                case ChurnEventKind.IsolatePrimary:
                    if (_partitionActive || _failoverInProgress) return null;
                    targets = [primary, .. PickSome(connected.Where(n => n != primary).ToArray(), _scenario.Between(1, left) - 1)];
                    break;
                case ChurnEventKind.IsolateMinority:
                    if (_partitionActive) return null;
                    var others = connected.Where(n => n != primary).ToArray();
                    targets = PickSome(others, Math.Min(others.Length, _scenario.Between(1, left)));
                    if (targets.Length == 0) return null;
                    break;
                case ChurnEventKind.RestartNext:
                    var next = NextInTurn(reservedNodes);
                    if (next is null || (next == primary && _failoverInProgress)) return null;
                    targets = [next];
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(kind), kind, "not an event kind");
            }

            var id = ++_nextId;
            _reserved[id] = [.. targets];
            if (kind.IsPartition()) _partitionActive = true;
            var touchesPrimary = targets.Contains(primary);
            if (touchesPrimary) _failoverInProgress = true;
            // Back-to-back events would strike right after a heartbeat (the previous event ends on
            // one): a random phase within the heartbeat interval samples detection fairly.
            var phase = TimeSpan.FromTicks((long)(_timings.Poll.Ticks * _scenario.Fraction()));
            return Task.Run(() => RunAsync(id, kind, targets, primary, epoch, touchesPrimary, phase, ct), CancellationToken.None);
        }
    }

    private string? NextInTurn(HashSet<string> reserved)
    {
        var ids = _harness.NodeIds;
        for (var i = 0; i < ids.Count; i++)
        {
            var candidate = ids[(_rolling + i) % ids.Count];
            if (reserved.Contains(candidate)) continue;
            _rolling = (_rolling + i + 1) % ids.Count;
            return candidate;
        }
        return null;
    }

    private string[] PickSome(string[] from, int count)
    {
        var pool = from.ToList();
        var picked = new List<string>();
        while (picked.Count < count && pool.Count > 0)
        {
            var one = _scenario.Pick(pool);
            pool.Remove(one);
            picked.Add(one);
        }
        return [.. picked];
    }

    private async Task<EventRecord> RunAsync(int id, ChurnEventKind kind, string[] targets, string primary, ulong epoch, bool touchesPrimary, TimeSpan phase, CancellationToken ct)
    {
        var partition = kind.IsPartition();
        try
        {
            await Task.Delay(phase, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        var start = _clock.Now;
        var window = new FaultWindow(id, start, targets.ToHashSet(), touchesPrimary);
        _ledger.Open(window);
        var outcome = EventOutcome.Converged;
        TimeSpan? failover = null, detection = null;
        string? newPrimary = null;
        ulong newEpoch = 0;
        TimeSpan? repaired = null;
        try
        {
            var survivors = Survivors();
            var baseline = _harness.Tracker.States().Where(s => survivors.Contains(s.NodeId)).ToDictionary(s => s.NodeId, s => s.Epoch);
            if (partition) _harness.Partition(targets);
            else await _harness.KillAsync(targets[0]).ConfigureAwait(false);

            if (touchesPrimary)
            {
                var converged = await ConvergeAsync(primary, epoch, start, ct).ConfigureAwait(false);
                lock (_gate) _failoverInProgress = false;
                if (converged is { } done)
                {
                    var (elected, electedEpoch, at) = done;
                    newPrimary = elected;
                    newEpoch = electedEpoch;
                    failover = at - start;
                    Failover.Record(failover.Value);
                    if (_harness.Tracker.FirstDeparture(baseline, primary, start) is { } first)
                    {
                        detection = first.At - start;
                        Detection.Record(detection.Value);
                    }
                }
                else outcome = EventOutcome.FailoverTimedOut;
            }
            else
            {
                await Task.Delay(partition ? _timings.MinorityHold : _timings.ReplicaDowntime, ct).ConfigureAwait(false);
            }

            repaired = _clock.Now;
            _ledger.Repair(window, repaired.Value);
            await RepairAsync(targets, partition).ConfigureAwait(false);
            if (!await RejoinAsync(id, targets, ct).ConfigureAwait(false) && outcome == EventOutcome.Converged) outcome = EventOutcome.NotRejoined;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The run was stopped early: repair, and report the event as unfinished.
            outcome = touchesPrimary && failover is null ? EventOutcome.FailoverTimedOut : EventOutcome.NotRejoined;
            if (repaired is null)
            {
                repaired = _clock.Now;
                _ledger.Repair(window, repaired.Value);
                await RepairAsync(targets, partition).ConfigureAwait(false);
            }
        }
        finally
        {
            lock (_gate)
            {
                if (touchesPrimary) _failoverInProgress = false;
                if (partition) _partitionActive = false;
            }
        }

        var end = _clock.Now;
        _ledger.Close(window, end);
        var record = new EventRecord(id, kind, targets, start, repaired, end, primary, epoch, newPrimary, newEpoch,
            detection, failover, _ledger.CountBetween(start, end), outcome);
        lock (_gate)
        {
            _reserved.Remove(id);
            _records.Add(record);
        }
        return record;
    }

    private async Task RepairAsync(string[] targets, bool partition)
    {
        if (partition) _harness.Heal(targets);
        else await _harness.RestartAsync(targets[0], Role.Replica).ConfigureAwait(false);
    }

    // The nodes a failover must convince: every node no event has killed or cut off.
    private HashSet<string> Survivors()
    {
        lock (_gate)
        {
            var reserved = _reserved.Values.SelectMany(r => r).ToHashSet();
            return _harness.NodeIds.Where(n => !reserved.Contains(n)).ToHashSet();
        }
    }

    private async Task<(string, ulong, TimeSpan)?> ConvergeAsync(string oldPrimary, ulong oldEpoch, TimeSpan start, CancellationToken ct)
    {
        var deadline = start + _timings.ConvergeBound;
        while (true)
        {
            if (_harness.Tracker.Converged(Survivors(), oldPrimary, oldEpoch) is { } done) return done;
            var left = deadline - _clock.Now;
            if (left <= TimeSpan.Zero) return null;
            await _harness.Tracker.WaitForChangeAsync(left < _timings.Poll ? left : _timings.Poll, ct).ConfigureAwait(false);
        }
    }

    // The repaired nodes follow the primary a majority follows, and (restarted ones) hear every node no other event took away.
    private async Task<bool> RejoinAsync(int id, string[] targets, CancellationToken ct)
    {
        var deadline = _clock.Now + _timings.RejoinBound;
        while (true)
        {
            HashSet<string> elsewhere;
            lock (_gate) elsewhere = _reserved.Where(r => r.Key != id).SelectMany(r => r.Value).ToHashSet();
            var expected = _harness.NodeIds.Where(n => !elsewhere.Contains(n)).ToArray();
            if (_harness.Tracker.Majority(expected) is { } majority
                && targets.All(t => _harness.Tracker[t].Follows(majority.Primary, 0) && HearsAll(t, elsewhere)))
                return true;
            var left = deadline - _clock.Now;
            if (left <= TimeSpan.Zero) return false;
            await _harness.Tracker.WaitForChangeAsync(left < _timings.Poll ? left : _timings.Poll, ct).ConfigureAwait(false);
        }
    }

    private bool HearsAll(string node, HashSet<string> elsewhere) =>
        _harness.Snapshot(node) is { } snapshot && snapshot.DownPeers.All(elsewhere.Contains);
}
