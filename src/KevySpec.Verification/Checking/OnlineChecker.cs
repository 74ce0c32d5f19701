namespace KevySpec.Checking;

/// <summary>
/// The spec's safety invariants, checked step by step as a cluster runs: the simulator's checks,
/// fed by whoever hosts the nodes (the simulator's <see cref="Simulation.SteppedCluster"/>, or a TCP cluster
/// through <c>NodeOptions.OnStep</c>). It keeps each node's status and the history the invariants need
/// (who won each epoch, each node's votes and highest epoch, across restarts). Thread-safe: nodes on
/// different threads may report at once.
/// </summary>
public sealed class OnlineChecker
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly NodeStatus[] _statuses;
    private readonly HashSet<Violation> _seen = [];
    private readonly List<Violation> _violations = [];
    private SafetyGhost _ghost;

    /// <summary>A checker of <paramref name="members"/> (in member-list order) for <paramref name="invariants"/>.</summary>
    public OnlineChecker(IReadOnlyList<string> members, InvariantSet invariants)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(invariants);
        Members = [.. members];
        Invariants = invariants;
        for (var i = 0; i < Members.Count; i++)
            if (!_index.TryAdd(Members[i], i)) throw new ArgumentException($"member '{Members[i]}' appears twice", nameof(members));
        _statuses = new NodeStatus[Members.Count];
        _ghost = SafetyGhost.Initial(Members.Count);
    }

    /// <summary>The member ids, in member-list order.</summary>
    public IReadOnlyList<string> Members { get; }

    /// <summary>The invariants checked (liveness, which needs time, is the simulator's).</summary>
    public InvariantSet Invariants { get; }

    /// <summary>Every distinct violation found so far, in order.</summary>
    public IReadOnlyList<Violation> Violations
    {
        get
        {
            lock (_gate) return [.. _violations];
        }
    }

    /// <summary>
    /// Checks one step (steps of one node must come in order). Returns the violation it found, the
    /// first in <see cref="InvariantNames.All"/> order, when it was not found before; otherwise null.
    /// </summary>
    /// <exception cref="ArgumentException">The step's node is not a member.</exception>
    public Violation? Observe(in NodeStep step)
    {
        if (!_index.TryGetValue(step.NodeId, out var node))
            throw new ArgumentException($"'{step.NodeId}' is not a member ({string.Join(", ", Members)})", nameof(step));
        if (step.IsQuiet) return null;
        lock (_gate)
        {
            _statuses[node] = step.Kind == StepKind.Crash ? default : new NodeStatus(true, step.RoleAfter, step.EpochAfter);
            var facts = new StepFacts
            {
                Kind = step.Kind,
                Node = node,
                NodeId = step.NodeId,
                EpochBefore = step.EpochBefore,
                EpochAfter = step.Kind == StepKind.Crash ? 0 : step.EpochAfter,
                Out = step.Sent,
                Saves = step.Saves,
                StoreAfter = step.StoreAfter,
                Offset = step.OffsetAfter,
                Nodes = _statuses,
                Members = Members,
            };
            if (Invariants.Check(facts, ref _ghost) is not { } violation || !_seen.Add(violation)) return null;
            _violations.Add(violation);
            return violation;
        }
    }
}
