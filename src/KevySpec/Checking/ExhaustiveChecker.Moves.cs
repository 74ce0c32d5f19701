using KevySpec.Simulation;

namespace KevySpec.Checking;

// The transitions of the model. Each restores the acting node's elector from the state's snapshot,
// runs one step at the abstract present, captures the result and checks the invariants.
public sealed partial class ExhaustiveChecker
{
    private readonly AbstractTime _time;
    private readonly TimeSpan[] _advances;
    private readonly MessageTable _messages;
    private readonly Elector[] _electors;
    private readonly StepRecordingStore[] _stores;
    private readonly NodeStatus[] _statuses;
    private readonly Dictionary<ElectorSnapshot, ElectorSnapshot> _interned = [];
    private readonly Dictionary<(ElectorSnapshot, int), ElectorSnapshot> _shifted = [];
    private readonly Dictionary<(int, Role), ElectorSnapshot> _fresh = [];

    // Room for a full network: two classes of messages (heartbeats, election) per directed link.
    private readonly int[] _buffer;

    private static TimeSpan Present => AbstractTime.Present;

    private Elector Create(int node, Role role) =>
        _definition.Create(_members[node], _members, Cluster.AddressOf(_members[node]), role, _options.Config, new FixedJitter(_options.ClampedJitter));

    private IEnumerable<WorldState> InitialStates()
    {
        var starts = Starts();
        for (var s = 0; s < starts.Count; s++)
        {
            var nodes = new ElectorSnapshot?[_n];
            var ghost = SafetyGhost.Initial(_n);
            for (var i = 0; i < _n; i++)
            {
                nodes[i] = Fresh(i, starts[s][i]);
                ghost = ghost.WithMaxEpoch(i, 1);
            }
            yield return new WorldState(nodes, new PersistedVote[_n], new ulong[_n], [], ghost, 0, null, new Move(MoveKind.Start, Arg: s));
        }
    }

    /// <summary>The start roles of each initial state: bootstrap (first node primary) and/or cold start.</summary>
    internal List<Role[]> Starts()
    {
        var starts = new List<Role[]>();
        if (_options.BootstrapStart) starts.Add([.. Enumerable.Range(0, _n).Select(i => i == 0 ? Role.Primary : Role.Replica)]);
        if (_options.ColdStart) starts.Add([.. Enumerable.Range(0, _n).Select(_ => Role.Replica)]);
        return starts;
    }

    private ElectorSnapshot Fresh(int node, Role role)
    {
        if (!_fresh.TryGetValue((node, role), out var snapshot))
            _fresh[(node, role)] = snapshot = Intern(Create(node, role).CaptureBehaviour());
        return snapshot;
    }

    private ElectorSnapshot Intern(ElectorSnapshot snapshot)
    {
        if (_interned.TryGetValue(snapshot, out var known)) return known;
        _interned.Add(snapshot, snapshot);
        return snapshot;
    }

    private Elector Load(WorldState state, int node)
    {
        var elector = _electors[node];
        elector.Restore(state.Nodes[node]!);
        var store = _stores[node];
        store.Durable = state.Stores[node];
        store.BeginStep();
        return elector;
    }

    private void TickNode(WorldState state, int node)
    {
        var elector = Load(state, node);
        var epoch = elector.Epoch;
        var sent = elector.Tick(Present);
        Finish(state, node, StepKind.Tick, epoch, sent, consumed: -1, new Move(MoveKind.Tick, node));
    }

    private void Deliver(WorldState state, int index, bool keep)
    {
        var id = state.Network[index];
        var to = _messages.To(id);
        var elector = Load(state, to);
        var epoch = elector.Epoch;
        var sent = elector.OnMessage(_members[_messages.From(id)], _messages.Message(id), Present);
        Finish(state, to, StepKind.Message, epoch, sent, keep ? -1 : id, new Move(keep ? MoveKind.Duplicate : MoveKind.Deliver, to, id));
    }

    private void Drop(WorldState state, int index)
    {
        var id = state.Network[index];
        var network = new int[state.Network.Length - 1];
        for (int k = 0, j = 0; k < state.Network.Length; k++)
            if (k != index) network[j++] = state.Network[k];
        Emit(new WorldState(state.Nodes, state.Stores, state.Offsets, network, state.Ghost, state.Crashes, state, new Move(MoveKind.Drop, _messages.To(id), id)), null);
    }

    private void Advance(WorldState state, int advance)
    {
        var nodes = new ElectorSnapshot?[_n];
        var changed = false;
        for (var i = 0; i < _n; i++)
        {
            if (state.Nodes[i] is not { } snapshot) continue;
            if (!_shifted.TryGetValue((snapshot, advance), out var shifted))
                _shifted[(snapshot, advance)] = shifted = Intern(_time.Shift(snapshot, _advances[advance]));
            nodes[i] = shifted;
            changed |= !ReferenceEquals(shifted, snapshot);
        }
        // Time passing that no elector can notice leads back to the same state.
        Emit(new WorldState(changed ? nodes : state.Nodes, state.Stores, state.Offsets, state.Network, state.Ghost, state.Crashes, state,
            new Move(MoveKind.Advance, Arg: advance)), null);
    }

    private void Crash(WorldState state, int node)
    {
        var nodes = (ElectorSnapshot?[])state.Nodes.Clone();
        nodes[node] = null;
        var kept = 0;
        foreach (var id in state.Network)
            if (_messages.To(id) != node) _buffer[kept++] = id;
        var network = kept == state.Network.Length ? state.Network : _buffer.AsSpan(0, kept).ToArray();
        Emit(new WorldState(nodes, state.Stores, state.Offsets, network, state.Ghost, state.Crashes + 1, state, new Move(MoveKind.Crash, node)), null);
    }

    private void Restart(WorldState state, int node, int roleIndex)
    {
        var elector = _electors[node];
        elector.Restore(Fresh(node, _options.RestartRoles[roleIndex]));
        var store = _stores[node];
        store.Durable = state.Stores[node];
        store.BeginStep();
        elector.AttachStore(store);
        if (state.Offsets[node] > 0) elector.SetReplOffset(state.Offsets[node]);
        Finish(state, node, StepKind.Restart, 0, [], consumed: -1, new Move(MoveKind.Restart, node, Arg: roleIndex));
    }

    private void RaiseOffset(WorldState state, int node)
    {
        var elector = Load(state, node);
        var offsets = (ulong[])state.Offsets.Clone();
        offsets[node]++;
        elector.SetReplOffset(offsets[node]);
        Finish(state, node, StepKind.SetOffset, elector.Epoch, [], consumed: -1, new Move(MoveKind.RaiseOffset, node), offsets);
    }

    private void Finish(WorldState state, int node, StepKind kind, ulong epochBefore, IReadOnlyList<Outbound> sent, int consumed, Move move,
        ulong[]? offsets = null)
    {
        var elector = _electors[node];
        var snapshot = Intern(elector.CaptureBehaviour());
        var nodes = state.Nodes;
        if (!ReferenceEquals(snapshot, nodes[node]))
        {
            nodes = (ElectorSnapshot?[])nodes.Clone();
            nodes[node] = snapshot;
        }
        var durable = _stores[node].Durable;
        var stores = state.Stores;
        if (durable != stores[node])
        {
            stores = (PersistedVote[])stores.Clone();
            stores[node] = durable;
        }
        var network = Send(state.Network, consumed, node, sent, nodes);

        for (var i = 0; i < _n; i++)
            _statuses[i] = nodes[i] is { } s ? new NodeStatus(true, s.Role, s.Epoch) : default;
        var ghost = state.Ghost;
        var facts = new StepFacts
        {
            Kind = kind,
            Node = node,
            NodeId = _members[node],
            EpochBefore = epochBefore,
            EpochAfter = snapshot.Epoch,
            Out = sent,
            Saves = _stores[node].StepSaves,
            StoreAfter = durable,
            Offset = elector.ReplOffset,
            Nodes = _statuses,
            Members = _members,
        };
        var violation = _invariants.Check(facts, ref ghost);
        Emit(new WorldState(nodes, stores, offsets ?? state.Offsets, network, ghost, state.Crashes, state, move), violation);
    }

    // The network after a step: minus the delivered message, plus what the step sent (a broadcast
    // goes to every other member). A message to a dead node, or beyond its link's capacity, is lost
    // (heartbeats and election messages have a capacity each, so heartbeats never crowd out an
    // OFFER); one already in flight is not added twice (in-flight messages are a set).
    private int[] Send(int[] network, int consumed, int sender, IReadOnlyList<Outbound> sent, ElectorSnapshot?[] nodes)
    {
        if (consumed < 0 && sent.Count == 0) return network;
        var count = 0;
        foreach (var id in network)
            if (id != consumed) _buffer[count++] = id;
        var added = false;
        foreach (var item in sent)
        {
            if (item.IsBroadcast)
            {
                for (var to = 0; to < _n; to++)
                    if (to != sender) added |= Add(ref count, sender, to, item.Message, nodes);
            }
            else
            {
                var to = Array.IndexOf(_members, item.To);
                if (to >= 0 && to != sender) added |= Add(ref count, sender, to, item.Message, nodes);
            }
        }
        if (!added && count == network.Length) return network;
        var result = _buffer.AsSpan(0, count).ToArray();
        Array.Sort(result);
        return result;
    }

    private bool Add(ref int count, int from, int to, ElectionMessage message, ElectorSnapshot?[] nodes)
    {
        if (nodes[to] is null) return false;
        var id = _messages.Id(from, to, message);
        var link = _messages.Link(id);
        var heartbeat = message is Heartbeat;
        var onLink = 0;
        for (var k = 0; k < count; k++)
        {
            if (_buffer[k] == id) return false;
            if (_messages.Link(_buffer[k]) == link && _messages.Message(_buffer[k]) is Heartbeat == heartbeat) onLink++;
        }
        if (onLink >= _options.LinkCapacity) return false;
        _buffer[count++] = id;
        return true;
    }
}
