namespace KevySpec.Load.Runner;

/// <summary>
/// The run's view of every node: its latest report and whether it is alive, plus the timeline of
/// every report, kill and restart. Thread-safe: nodes report from their own elector loops.
/// Waiters are woken on every change.
/// </summary>
public sealed class TopologyTracker
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, NodeState> _states = new(StringComparer.Ordinal);
    private readonly List<TimelineEntry> _timeline = [];
    private readonly List<NodeObservation> _observations = [];
    private TaskCompletionSource _changed = NewSignal();

    /// <summary>A tracker of <paramref name="members"/>, all alive and not yet reported.</summary>
    public TopologyTracker(IReadOnlyList<string> members)
    {
        Members = members;
        foreach (var id in members) _states[id] = new NodeState(id, true, Role.Replica, 0, null, false, TimeSpan.Zero, false);
    }

    /// <summary>The member ids, in member-list order.</summary>
    public IReadOnlyList<string> Members { get; }

    /// <summary>Records a report. Reports of a killed node (late callbacks) are ignored.</summary>
    public void Record(NodeObservation report)
    {
        TaskCompletionSource signal;
        lock (_gate)
        {
            var before = _states[report.NodeId];
            if (!before.Alive) return;
            var allegianceChanged = !before.Reported || before.Role != report.Role || before.Leader != report.Leader;
            _states[report.NodeId] = before with
            {
                Role = report.Role,
                Epoch = report.Epoch,
                Primary = report.Primary,
                HasQuorum = report.HasQuorum,
                Since = allegianceChanged ? report.At : before.Since,
                Reported = true,
            };
            _observations.Add(report);
            _timeline.Add(new TimelineEntry(report.NodeId, TimelineKind.Report, report.At, report.Role, report.Epoch, report.Leader, report.HasQuorum));
            signal = Swap();
        }
        signal.TrySetResult();
    }

    /// <summary>Marks <paramref name="nodeId"/> killed at <paramref name="at"/>.</summary>
    public void MarkKilled(string nodeId, TimeSpan at)
    {
        TaskCompletionSource signal;
        lock (_gate)
        {
            var before = _states[nodeId];
            _states[nodeId] = before with { Alive = false };
            _timeline.Add(new TimelineEntry(nodeId, TimelineKind.Killed, at, before.Role, before.Epoch));
            signal = Swap();
        }
        signal.TrySetResult();
    }

    /// <summary>Marks <paramref name="nodeId"/> started again at <paramref name="at"/>; it counts as unreported until its new incarnation reports.</summary>
    public void MarkRestarted(string nodeId, TimeSpan at)
    {
        TaskCompletionSource signal;
        lock (_gate)
        {
            var before = _states[nodeId];
            _states[nodeId] = before with { Alive = true, Reported = false, Primary = null, Since = at };
            _timeline.Add(new TimelineEntry(nodeId, TimelineKind.Restarted, at, before.Role, before.Epoch));
            signal = Swap();
        }
        signal.TrySetResult();
    }

    /// <summary>The state of one node.</summary>
    public NodeState this[string nodeId]
    {
        get { lock (_gate) return _states[nodeId]; }
    }

    /// <summary>Every node's state, in member-list order.</summary>
    public IReadOnlyList<NodeState> States()
    {
        lock (_gate) return [.. Members.Select(id => _states[id])];
    }

    /// <summary>Every timeline entry so far, in arrival order.</summary>
    public IReadOnlyList<TimelineEntry> Timeline()
    {
        lock (_gate) return [.. _timeline];
    }

    /// <summary>The reports made at or after <paramref name="since"/>, in arrival order.</summary>
    public IReadOnlyList<NodeObservation> ReportsSince(TimeSpan since)
    {
        lock (_gate) return [.. _observations.Where(o => o.At >= since)];
    }

    /// <summary>
    /// The primary every node of <paramref name="nodes"/> agrees on: all alive and reported, all
    /// naming the same member of <paramref name="nodes"/>, which reports itself primary. Null otherwise.
    /// </summary>
    public (string Primary, ulong Epoch)? Agreed(IReadOnlyCollection<string> nodes)
    {
        lock (_gate)
        {
            string? primary = null;
            foreach (var id in nodes)
            {
                var state = _states[id];
                if (!state.Alive || !state.Reported || state.Leader is null) return null;
                if (primary is null) primary = state.Leader;
                else if (primary != state.Leader) return null;
            }
            if (primary is null || !nodes.Contains(primary)) return null;
            var leader = _states[primary];
            return leader.Role == Role.Primary ? (primary, leader.Epoch) : null;
        }
    }

    /// <summary>
    /// When every node of <paramref name="survivors"/> follows one primary other than
    /// <paramref name="oldPrimary"/> at an epoch above <paramref name="oldEpoch"/>: the new primary
    /// and the run time at which the last of them came to follow it. Null while not so.
    /// </summary>
    public (string Primary, ulong Epoch, TimeSpan At)? Converged(IReadOnlyCollection<string> survivors, string oldPrimary, ulong oldEpoch)
    {
        lock (_gate)
        {
            string? primary = null;
            var at = TimeSpan.Zero;
            foreach (var id in survivors)
            {
                var state = _states[id];
                if (state.Leader is null || state.Leader == oldPrimary) return null;
                primary ??= state.Leader;
                if (!survivors.Contains(primary) || !state.Follows(primary, oldEpoch)) return null;
                if (state.Since > at) at = state.Since;
            }
            return primary is null ? null : (primary, _states[primary].Epoch, at);
        }
    }

    /// <summary>
    /// The primary a majority of the members follows, among <paramref name="nodes"/>: a member
    /// of <paramref name="nodes"/> that reports itself primary and that at least <c>members / 2 + 1</c>
    /// alive, reported nodes of <paramref name="nodes"/> (itself included) follow. Null when none.
    /// </summary>
    public (string Primary, ulong Epoch)? Majority(IReadOnlyCollection<string> nodes)
    {
        lock (_gate)
        {
            var quorum = Quorum.Of(Members.Count);
            var best = nodes.Select(id => _states[id])
                .Where(s => s.Alive && s.Reported && s.Leader is not null && nodes.Contains(s.Leader))
                .GroupBy(s => s.Leader!)
                .Where(g => g.Count() >= quorum && _states[g.Key] is { Alive: true, Role: Role.Primary })
                .Select(g => g.Key)
                .FirstOrDefault();
            return best is null ? null : (best, _states[best].Epoch);
        }
    }

    /// <summary>
    /// The first report at or after <paramref name="since"/> by one of the nodes of
    /// <paramref name="baseline"/> (node → its epoch when the fault began) that leaves
    /// <paramref name="oldPrimary"/>: a candidacy, an epoch above the node's baseline, or another
    /// primary. Null while none.
    /// </summary>
    public NodeObservation? FirstDeparture(IReadOnlyDictionary<string, ulong> baseline, string oldPrimary, TimeSpan since)
    {
        lock (_gate)
        {
            NodeObservation? first = null;
            foreach (var report in _observations)
            {
                if (report.At < since || !baseline.TryGetValue(report.NodeId, out var epoch)) continue;
                if (report.Role != Role.Candidate && report.Epoch <= epoch && report.Leader == oldPrimary) continue;
                if (first is null || report.At < first.At) first = report;
            }
            return first;
        }
    }

    /// <summary>Completes at the next change (report, kill or restart), or after <paramref name="timeout"/>.</summary>
    public async Task WaitForChangeAsync(TimeSpan timeout, CancellationToken ct)
    {
        Task changed;
        lock (_gate) changed = _changed.Task;
        try
        {
            await changed.WaitAsync(timeout, ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A timeout just means "look again".
        }
    }

    private TaskCompletionSource Swap()
    {
        var signal = _changed;
        _changed = NewSignal();
        return signal;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
