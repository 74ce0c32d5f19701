using System.Globalization;
using KevySpec.Checking;
using KevySpec.Load.Runner;
using KevySpec.Properties;

namespace KevySpec.Load.Safety;

/// <summary>
/// Judges write-safety online, as the simulator does, with the properties library's one rule
/// (<see cref="ClusterProperties.TwoWritablePrimaries{T}"/>) over the nodes' reports: every report,
/// kill, restart, pause and resume is applied in the order of its instant on the run's clock and the
/// cluster is judged after each. A report may reach the runner up to the delay bound after its step, so
/// nothing is judged until the bound has passed since its instant. Where the bound was exceeded (a report
/// later than the bound, a paused node) write-safety is not judged until <c>down_after</c> + the bound
/// after the late report landed or the node resumed: a late message can keep a view fresh that long.
/// Not thread-safe: the caller serializes.
/// </summary>
public sealed class WriteSafetyWatch
{
    private readonly IReadOnlyList<string> _members;
    private readonly TimeSpan _downAfter;
    private readonly NodeFacts[] _nodes;
    private readonly bool[] _quorum;
    private readonly PriorityQueue<Change, (TimeSpan At, long Seq)> _pending = new();
    private readonly List<(TimeSpan From, TimeSpan To)> _unjudged = [];
    // The stretches that can still cover a change to judge (changes are judged in instant order).
    private readonly List<(TimeSpan From, TimeSpan To)> _open = [];
    private readonly Dictionary<int, TimeSpan> _pausedSince = [];
    private readonly HashSet<(int, ulong, int, ulong)> _seen = [];
    private readonly List<((int, ulong, int, ulong) Pair, SafetyViolation Found)> _violations = [];
    private long _seq;

    /// <summary>A watch of <paramref name="members"/> (all alive, none yet writable) assuming <paramref name="delayBound"/>.</summary>
    public WriteSafetyWatch(IReadOnlyList<string> members, TimeSpan delayBound, TimeSpan downAfter)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(delayBound, TimeSpan.Zero);
        _members = members;
        DelayBound = delayBound;
        _downAfter = downAfter;
        _nodes = [.. members.Select(_ => new NodeFacts(true, false, Role.Replica, 0, null))];
        _quorum = new bool[members.Count];
    }

    /// <summary>The delay bound the judgement assumes (the config's <c>delay_bound</c>).</summary>
    public TimeSpan DelayBound { get; }

    /// <summary>How many times the bound was exceeded (a late report, a pause).</summary>
    public int Exceeded { get; private set; }

    /// <summary>Write-safety violations found, in the order found (one per pair of primaries and epochs).</summary>
    public IReadOnlyList<SafetyViolation> Violations => [.. _violations.Select(v => v.Found)];

    /// <summary>Takes a report that reached the runner at <paramref name="arrived"/>.</summary>
    public void Report(NodeObservation report, TimeSpan arrived)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (arrived - report.At > DelayBound) NotJudged(report.At, arrived + _downAfter + DelayBound);
        Enqueue(new Change(IndexOf(report.NodeId), ChangeKind.Report, report), report.At, arrived);
    }

    /// <summary>The runner killed <paramref name="node"/> at <paramref name="at"/>.</summary>
    public void Killed(string node, TimeSpan at) => Enqueue(new Change(IndexOf(node), ChangeKind.Killed, null), at, at);

    /// <summary>The runner started <paramref name="node"/> again at <paramref name="at"/> (a replica until it reports).</summary>
    public void Restarted(string node, TimeSpan at) => Enqueue(new Change(IndexOf(node), ChangeKind.Restarted, null), at, at);

    /// <summary>The runner stopped <paramref name="node"/>'s process at <paramref name="at"/>: the delay bound no longer holds.</summary>
    public void Paused(string node, TimeSpan at)
    {
        Exceeded++;
        Enqueue(new Change(IndexOf(node), ChangeKind.Paused, null), at, at);
    }

    /// <summary>The runner let <paramref name="node"/>'s process go on at <paramref name="at"/>.</summary>
    public void Resumed(string node, TimeSpan at) => Enqueue(new Change(IndexOf(node), ChangeKind.Resumed, null), at, at);

    /// <summary>Judges every change stamped up to the delay bound before <paramref name="now"/>.</summary>
    public void Advance(TimeSpan now)
    {
        while (_pending.TryPeek(out _, out var key) && key.At <= now - DelayBound)
        {
            var change = _pending.Dequeue();
            Apply(change, key.At);
            if (Judged(key.At)) Judge(key.At);
        }
    }

    /// <summary>The run time write-safety was not judged up to <paramref name="now"/> (the union of the stretches).</summary>
    public TimeSpan Unjudged(TimeSpan now)
    {
        var stretches = _unjudged.Concat(_pausedSince.Values.Select(from => (From: from, To: now)))
            .Select(s => (s.From, To: s.To < now ? s.To : now)).Where(s => s.To > s.From).OrderBy(s => s.From);
        var total = TimeSpan.Zero;
        var reached = TimeSpan.MinValue;
        foreach (var (from, to) in stretches)
        {
            var start = from > reached ? from : reached;
            if (to > start) total += to - start;
            if (to > reached) reached = to;
        }
        return total;
    }

    private void Enqueue(Change change, TimeSpan at, TimeSpan arrived)
    {
        _pending.Enqueue(change, (at, _seq++));
        Advance(arrived);
    }

    private void NotJudged(TimeSpan from, TimeSpan to)
    {
        Exceeded++;
        Suspend(from, to);
        // A violation judged on the stale state the late report corrects is withdrawn.
        foreach (var (pair, _) in _violations.Where(v => v.Found.At >= from && v.Found.At <= to)) _seen.Remove(pair);
        _violations.RemoveAll(v => v.Found.At >= from && v.Found.At <= to);
    }

    private void Suspend(TimeSpan from, TimeSpan to)
    {
        _unjudged.Add((from, to));
        _open.Add((from, to));
    }

    private bool Judged(TimeSpan at)
    {
        _open.RemoveAll(s => s.To < at);
        return !_open.Exists(s => s.From <= at) && !_pausedSince.Values.Any(from => from <= at);
    }

    private void Apply(Change change, TimeSpan at)
    {
        var node = _nodes[change.Node];
        switch (change.Kind)
        {
            case ChangeKind.Report when node.Alive:
                var report = change.Report!;
                _nodes[change.Node] = node with { Role = report.Role, Epoch = report.Epoch, CurrentPrimary = report.Primary };
                _quorum[change.Node] = report.HasQuorum;
                break;
            case ChangeKind.Killed:
                _nodes[change.Node] = node with { Alive = false, Paused = false };
                _quorum[change.Node] = false;
                break;
            case ChangeKind.Restarted:
                _nodes[change.Node] = new NodeFacts(true, false, Role.Replica, node.Epoch, null);
                _quorum[change.Node] = false;
                break;
            case ChangeKind.Paused:
                _nodes[change.Node] = node with { Paused = true };
                _pausedSince.TryAdd(change.Node, at);
                break;
            case ChangeKind.Resumed:
                _nodes[change.Node] = node with { Paused = false };
                if (_pausedSince.Remove(change.Node, out var since)) Suspend(since, at + _downAfter + DelayBound);
                break;
        }
    }

    private void Judge(TimeSpan at)
    {
        var facts = new ObservedClusterFacts(_members, _nodes, _quorum);
        if (ClusterProperties.TwoWritablePrimaries(facts) is not var (first, second)) return;
        var (a, b) = (facts.Node(first), facts.Node(second));
        var pair = (first, a.Epoch, second, b.Epoch);
        if (!_seen.Add(pair)) return;
        _violations.Add((pair, new SafetyViolation(new Violation(InvariantNames.WriteSafety, string.Create(CultureInfo.InvariantCulture,
            $"{_members[first]} (primary of epoch {a.Epoch}) and {_members[second]} (primary of epoch {b.Epoch}) both answer has_quorum true at {at.TotalSeconds:0.000} s")), at)));
    }

    private int IndexOf(string node)
    {
        for (var i = 0; i < _members.Count; i++)
            if (_members[i] == node) return i;
        throw new ArgumentException($"'{node}' is not a member of this run", nameof(node));
    }

    private enum ChangeKind
    {
        Report,
        Killed,
        Restarted,
        Paused,
        Resumed,
    }

    private readonly record struct Change(int Node, ChangeKind Kind, NodeObservation? Report);
}
