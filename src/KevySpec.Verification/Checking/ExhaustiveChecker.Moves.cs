using KevySpec.Simulation;

namespace KevySpec.Checking;

// The transitions of the model. A Stepper belongs to one worker thread: it owns one elector and
// one store per node, restores the acting node's elector from the state's snapshot, runs one step
// at the abstract present, captures the result and checks the invariants. Everything it shares
// (snapshots, messages, time shifts) is thread-safe.
public sealed partial class ExhaustiveChecker
{
    private static TimeSpan Present => AbstractTime.Present;

    private Elector Create(int node, Role role) =>
        _definition.Create(_members[node], _members, SteppedCluster.AddressOf(_members[node]), role, _options.Config, new FixedJitter(_options.ClampedJitter));

    /// <summary>The start roles of each initial state: bootstrap (first node primary) and/or cold start.</summary>
    internal List<Role[]> Starts()
    {
        var starts = new List<Role[]>();
        if (_options.BootstrapStart) starts.Add([.. Enumerable.Range(0, _n).Select(i => i == 0 ? Role.Primary : Role.Replica)]);
        if (_options.ColdStart) starts.Add([.. Enumerable.Range(0, _n).Select(_ => Role.Replica)]);
        return starts;
    }

    private WorldState InitialState(int start)
    {
        var roles = Starts()[start];
        var nodes = new ElectorSnapshot?[_n];
        var ghost = SafetyGhost.Initial(_n);
        for (var i = 0; i < _n; i++)
        {
            nodes[i] = Fresh(i, roles[i]);
            ghost = ghost.WithMaxEpoch(i, 1);
        }
        return new WorldState(nodes, new PersistedVote[_n], new ulong[_n], [], ghost, 0);
    }

    private ElectorSnapshot Fresh(int node, Role role) =>
        _fresh.GetOrAdd((node, role), key => _codec.Intern(Create(key.Node, key.Role).CaptureBehaviour()));

    private ElectorSnapshot Shifted(ElectorSnapshot snapshot, int advance) =>
        _shifted.GetOrAdd((snapshot, advance), key => _codec.Intern(_time.Shift(key.Snapshot, _advances[key.Advance])));

    private sealed class Stepper
    {
        private readonly ExhaustiveChecker _c;
        private readonly Elector[] _electors;
        private readonly StepRecordingStore[] _stores;
        private readonly NodeStatus[] _statuses;

        // Room for a full network: two classes of messages (heartbeats, election) per directed link.
        private readonly int[] _buffer;

        public Stepper(ExhaustiveChecker checker)
        {
            _c = checker;
            var n = checker._n;
            _electors = new Elector[n];
            _stores = new StepRecordingStore[n];
            _statuses = new NodeStatus[n];
            _buffer = new int[2 * checker._options.LinkCapacity * n * n + 1];
            for (var i = 0; i < n; i++)
            {
                _electors[i] = checker.Create(i, Role.Replica);
                _stores[i] = new StepRecordingStore { Owner = _electors[i] };
                _electors[i].AttachStore(_stores[i]);
            }
        }

        /// <summary>What the last step of <see cref="Apply"/> sent (empty for moves that are not steps).</summary>
        public IReadOnlyList<Outbound> LastSent { get; private set; } = [];

        // Every move from a state, in a fixed order (so runs are reproducible): ticks, then each
        // message in flight (deliver, duplicate, lose), time steps, crashes, restarts, offset moves.
        public void Moves(WorldState state, List<Move> moves)
        {
            moves.Clear();
            var n = _c._n;
            var options = _c._options;
            for (var i = 0; i < n; i++)
                if (state.Nodes[i] is not null) moves.Add(new Move(MoveKind.Tick, i));
            foreach (var id in state.Network)
            {
                var to = _c._messages.To(id);
                if (state.Nodes[to] is null) continue;
                moves.Add(new Move(MoveKind.Deliver, to, id));
                if (options.Duplication) moves.Add(new Move(MoveKind.Duplicate, to, id));
                if (options.Loss) moves.Add(new Move(MoveKind.Drop, to, id));
            }
            for (var a = 0; a < _c._advances.Length; a++) moves.Add(new Move(MoveKind.Advance, Arg: a));
            for (var i = 0; i < n; i++)
            {
                if (state.Nodes[i] is not null)
                {
                    if (state.Crashes < options.MaxCrashes) moves.Add(new Move(MoveKind.Crash, i));
                    if (state.Offsets[i] < options.MaxOffset) moves.Add(new Move(MoveKind.RaiseOffset, i));
                }
                else
                {
                    for (var r = 0; r < options.RestartRoles.Count; r++) moves.Add(new Move(MoveKind.Restart, i, Arg: r));
                }
            }
        }

        /// <summary>The state after <paramref name="move"/>, and the invariant it broke, if any.</summary>
        public WorldState Apply(WorldState state, Move move, out Violation? violation)
        {
            LastSent = [];
            violation = null;
            return move.Kind switch
            {
                MoveKind.Tick => TickNode(state, move.Node, out violation),
                MoveKind.Deliver => Deliver(state, move.Message, keep: false, out violation),
                MoveKind.Duplicate => Deliver(state, move.Message, keep: true, out violation),
                MoveKind.Drop => Drop(state, move.Message),
                MoveKind.Advance => Advance(state, move.Arg),
                MoveKind.Crash => Crash(state, move.Node),
                MoveKind.Restart => Restart(state, move.Node, move.Arg, out violation),
                MoveKind.RaiseOffset => RaiseOffset(state, move.Node, out violation),
                _ => throw new ArgumentOutOfRangeException(nameof(move), move, "not a move of the model"),
            };
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

        private WorldState TickNode(WorldState state, int node, out Violation? violation)
        {
            var elector = Load(state, node);
            var epoch = elector.Epoch;
            var sent = elector.Tick(Present);
            return Finish(state, node, StepKind.Tick, epoch, sent, consumed: -1, out violation);
        }

        private WorldState Deliver(WorldState state, int id, bool keep, out Violation? violation)
        {
            var messages = _c._messages;
            var to = messages.To(id);
            var elector = Load(state, to);
            var epoch = elector.Epoch;
            var sent = elector.OnMessage(_c._members[messages.From(id)], messages.Message(id), Present);
            return Finish(state, to, StepKind.Message, epoch, sent, keep ? -1 : id, out violation);
        }

        private static WorldState Drop(WorldState state, int id)
        {
            var network = new int[state.Network.Length - 1];
            for (int k = 0, j = 0; k < state.Network.Length; k++)
                if (state.Network[k] != id) network[j++] = state.Network[k];
            return new WorldState(state.Nodes, state.Stores, state.Offsets, network, state.Ghost, state.Crashes);
        }

        private WorldState Advance(WorldState state, int advance)
        {
            var nodes = new ElectorSnapshot?[_c._n];
            var changed = false;
            for (var i = 0; i < nodes.Length; i++)
            {
                if (state.Nodes[i] is not { } snapshot) continue;
                var shifted = _c.Shifted(snapshot, advance);
                nodes[i] = shifted;
                changed |= !ReferenceEquals(shifted, snapshot);
            }
            // Time passing that no elector can notice leads back to the same state.
            return new WorldState(changed ? nodes : state.Nodes, state.Stores, state.Offsets, state.Network, state.Ghost, state.Crashes);
        }

        private WorldState Crash(WorldState state, int node)
        {
            var nodes = (ElectorSnapshot?[])state.Nodes.Clone();
            nodes[node] = null;
            var kept = 0;
            foreach (var id in state.Network)
                if (_c._messages.To(id) != node) _buffer[kept++] = id;
            var network = kept == state.Network.Length ? state.Network : _buffer.AsSpan(0, kept).ToArray();
            return new WorldState(nodes, state.Stores, state.Offsets, network, state.Ghost, state.Crashes + 1);
        }

        private WorldState Restart(WorldState state, int node, int roleIndex, out Violation? violation)
        {
            var elector = _electors[node];
            elector.Restore(_c.Fresh(node, _c._options.RestartRoles[roleIndex]));
            var store = _stores[node];
            store.Durable = state.Stores[node];
            store.BeginStep();
            elector.AttachStore(store);
            if (state.Offsets[node] > 0) elector.SetReplOffset(state.Offsets[node]);
            return Finish(state, node, StepKind.Restart, 0, [], consumed: -1, out violation);
        }

        private WorldState RaiseOffset(WorldState state, int node, out Violation? violation)
        {
            var elector = Load(state, node);
            var offsets = (ulong[])state.Offsets.Clone();
            offsets[node]++;
            elector.SetReplOffset(offsets[node]);
            return Finish(state, node, StepKind.SetOffset, elector.Epoch, [], consumed: -1, out violation, offsets);
        }

        private WorldState Finish(WorldState state, int node, StepKind kind, ulong epochBefore, IReadOnlyList<Outbound> sent, int consumed,
            out Violation? violation, ulong[]? offsets = null)
        {
            LastSent = sent;
            var elector = _electors[node];
            var snapshot = _c._codec.Intern(elector.CaptureBehaviour());
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

            for (var i = 0; i < _statuses.Length; i++)
                _statuses[i] = nodes[i] is { } s ? new NodeStatus(true, s.Role, s.Epoch) : default;
            var ghost = state.Ghost;
            var facts = new StepFacts
            {
                Kind = kind,
                Node = node,
                NodeId = _c._members[node],
                EpochBefore = epochBefore,
                EpochAfter = snapshot.Epoch,
                Out = sent,
                Saves = _stores[node].StepSaves,
                StoreAfter = durable,
                Offset = elector.ReplOffset,
                Nodes = _statuses,
                Members = _c._members,
            };
            violation = _c._invariants.Check(facts, ref ghost);
            return new WorldState(nodes, stores, offsets ?? state.Offsets, network, ghost, state.Crashes);
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
                    for (var to = 0; to < nodes.Length; to++)
                        if (to != sender) added |= Add(ref count, sender, to, item.Message, nodes);
                }
                else
                {
                    var to = Array.IndexOf(_c._members, item.To);
                    if (to >= 0 && to != sender) added |= Add(ref count, sender, to, item.Message, nodes);
                }
            }
            if (!added && count == network.Length) return network;
            var result = _buffer.AsSpan(0, count).ToArray();
            _c._messages.Sort(result);
            return result;
        }

        private bool Add(ref int count, int from, int to, ElectionMessage message, ElectorSnapshot?[] nodes)
        {
            if (nodes[to] is null) return false;
            var messages = _c._messages;
            var id = messages.Id(from, to, message);
            var link = messages.Link(id);
            var heartbeat = message is Heartbeat;
            var onLink = 0;
            for (var k = 0; k < count; k++)
            {
                if (_buffer[k] == id) return false;
                if (messages.Link(_buffer[k]) == link && messages.Message(_buffer[k]) is Heartbeat == heartbeat) onLink++;
            }
            if (onLink >= _c._options.LinkCapacity) return false;
            _buffer[count++] = id;
            return true;
        }
    }
}
