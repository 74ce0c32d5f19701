using KevySpec.Properties;
using KevySpec.Simulation;

namespace KevySpec.Checking;

// Liveness in the model: from a state, faults stop and the quiet continuation runs. It is
// deterministic: each round delivers every message in flight (consumed, none lost; what the round
// sends in the order it was sent), ticks every live node in member order, delivers again, then
// lets the smallest time step pass; a state whose majority is down first restarts dead nodes, as the simulator does when its
// faults stop. The continuation's states are model states, so it must end in a cycle (or run out of
// rounds, when epochs keep rising); the properties are read off the rounds and the cycle. Results
// are memoized by fingerprint, as every state after the first round is shared by many starts.
public sealed partial class ExhaustiveChecker
{
    internal const int Never = 0xFFFF;

    /// <summary>The rounds (each one time step) within which the quiet continuation must converge: the liveness bound, rounded up.</summary>
    internal int QuietRounds => (int)Math.Ceiling(LivenessBound.For(_options.Config, _n, TimeSpan.Zero) / _advances[QuietAdvance]);

    // The continuation gives up (and judges what it saw) after twice the bound.
    private int QuietLimit => 2 * QuietRounds + 4;

    private int QuietAdvance => Array.IndexOf(_advances, _advances.Min());

    // The quiet continuation decides the properties that need a fault-free stretch and that this checker can decide.
    private bool ChecksQuiet => _invariants.Properties.Any(p => p.Needs != PropertyNeeds.Step && (p.DecidedBy & CheckMode.Exhaustive) != 0);

    /// <summary>What the quiet continuation from a state does: how many rounds until each property holds for good, and whether it stands needlessly.</summary>
    internal readonly record struct QuietOutcome(int LiveFrom, int ConvergedFrom, bool OfferAhead, bool Disrupted)
    {
        public long Pack() => (long)(uint)LiveFrom | ((long)ConvergedFrom << 16) | (OfferAhead ? 1L << 32 : 0) | (Disrupted ? 1L << 33 : 0);

        public static QuietOutcome Unpack(long value) =>
            new((int)(value & 0xFFFF), (int)((value >> 16) & 0xFFFF), (value & (1L << 32)) != 0, (value & (1L << 33)) != 0);

        // The outcome one round earlier, from a state with these properties whose round sent `offered`.
        public QuietOutcome Before(bool live, bool converged, bool settled, bool offered)
        {
            var offerAhead = offered || OfferAhead;
            return new QuietOutcome(Earlier(LiveFrom, live), Earlier(ConvergedFrom, converged), offerAhead, Disrupted || (settled && offerAhead));
        }

        private static int Earlier(int from, bool holds) => from == Never ? Never : from == 0 && holds ? 0 : Math.Min(from + 1, Never - 1);
    }

    private WorldStateFacts Facts(WorldState state) => new(state, _members, _options.Config);

    // liveness: the only live primary, known to a majority (itself and the live nodes naming it).
    private bool Live(WorldState state) => ClusterProperties.KnownToMajority(Facts(state));

    // convergence: every other live node is a replica following the only live primary.
    private bool FollowedByAll(WorldState state) => ClusterProperties.Converged(Facts(state));

    /// <summary>The quiet continuation run by one worker.</summary>
    private sealed class Quiet(ExhaustiveChecker checker, Stepper stepper)
    {
        private readonly List<WorldState> _states = [];
        private readonly List<long> _fingerprints = [];
        private readonly List<bool> _offered = [];
        // The round's messages in delivery order, and how far delivery has got.
        private readonly List<int> _order = [];
        private int _head;
        private readonly int[] _row = new int[checker._codec.Width];

        /// <summary>The first invariant the quiet continuation from <paramref name="state"/> breaks, or null.</summary>
        public string? Judge(WorldState state, QuietMemo memo)
        {
            var outcome = Run(state, memo);
            var bound = checker.QuietRounds;
            if (checker._invariants.Checks(InvariantNames.Liveness) && outcome.LiveFrom > bound) return InvariantNames.Liveness;
            if (checker._invariants.Checks(InvariantNames.Convergence) && outcome.ConvergedFrom > bound) return InvariantNames.Convergence;
            if (checker._invariants.Checks(InvariantNames.NoDisruption) && outcome.Disrupted) return InvariantNames.NoDisruption;
            return null;
        }

        private QuietOutcome Run(WorldState start, QuietMemo memo)
        {
            _states.Clear();
            _fingerprints.Clear();
            _offered.Clear();
            var state = Start(start, null);
            _states.Add(state);
            _fingerprints.Add(Fingerprint(state));
            QuietOutcome? tail = null;
            var cycleFrom = -1;
            for (var round = 0; round < checker.QuietLimit; round++)
            {
                // The first state is one of a kind (the explored state itself); later ones are shared.
                if (round > 0 && memo.TryGet(_fingerprints[round], out var known))
                {
                    tail = QuietOutcome.Unpack(known);
                    break;
                }
                state = Round(state, null, out var offered);
                _offered.Add(offered);
                var fingerprint = Fingerprint(state);
                cycleFrom = _fingerprints.IndexOf(fingerprint);
                if (cycleFrom >= 0) break;
                _states.Add(state);
                _fingerprints.Add(fingerprint);
            }

            var last = _states.Count - 1;
            var conclusive = true;
            if (cycleFrom >= 0)
            {
                // States cycleFrom … last repeat for ever: a property holds for good there only if it holds on all of them.
                bool live = true, converged = true, settled = false, offer = false;
                for (var i = cycleFrom; i <= last; i++)
                {
                    live &= checker.Live(_states[i]);
                    converged &= checker.FollowedByAll(_states[i]);
                    settled |= Settled(_states[i]); // every state of the cycle comes again after the start
                    offer |= _offered[i];
                }
                var cycle = new QuietOutcome(live ? 0 : Never, converged ? 0 : Never, offer, settled && offer);
                for (var i = last; i >= cycleFrom; i--) Remember(memo, i, cycle);
                tail = cycle;
                last = cycleFrom - 1;
            }
            else if (tail is null)
            {
                // Out of rounds without a cycle (epochs still rising): judge the last state as it stands.
                conclusive = false;
                var end = _states[last];
                tail = new QuietOutcome(checker.Live(end) ? 0 : Never, checker.FollowedByAll(end) ? 0 : Never, false, false);
                last--;
            }
            else last = _states.Count - 2;

            var outcome = tail.Value;
            for (var i = last; i >= 0; i--)
            {
                var s = _states[i];
                outcome = outcome.Before(checker.Live(s), checker.FollowedByAll(s), settled: i > 0 && Settled(s), _offered[i]);
                if (conclusive) Remember(memo, i, outcome);
            }
            return outcome;
        }

        /// <summary>
        /// The moves of the quiet continuation from <paramref name="state"/> up to the round that shows
        /// <paramref name="invariant"/> broken (for liveness and convergence: the first state at or past the
        /// bound where it does not hold; for no-disruption: the round that stands once all follow a
        /// primary, with <paramref name="settledAt"/> the number of moves before the settled state, else −1).
        /// </summary>
        public List<Move> Witness(WorldState state, string invariant, out int settledAt)
        {
            var moves = new List<Move>();
            state = Start(state, moves);
            settledAt = -1;
            for (var round = 0; round <= 4 * checker.QuietLimit; round++)
            {
                var broken = invariant switch
                {
                    InvariantNames.Liveness => round >= checker.QuietRounds && !checker.Live(state),
                    InvariantNames.Convergence => round >= checker.QuietRounds && !checker.FollowedByAll(state),
                    _ => false,
                };
                if (broken) return moves;
                if (settledAt < 0 && round > 0 && Settled(state)) settledAt = moves.Count;
                state = Round(state, moves, out var offered);
                if (invariant == InvariantNames.NoDisruption && settledAt >= 0 && offered) return moves;
            }
            throw new InvalidOperationException($"internal error: the quiet continuation judged to break {invariant} does not show it");
        }

        // no-disruption is armed by a settled state of the continuation (ClusterProperties.Settled: a
        // majority alive, every other live node a replica of the one primary at its epoch, and in
        // touch with it both ways, read from the views). Never by the start: its views are as the
        // faults left them (a primary silent for seconds, a timer about to fire, late messages still
        // in flight), and acting on them is no disruption, as the simulator waits for late messages
        // before it arms. From a settled state the primary's heartbeats, due every hb_interval and
        // delivered in the round they are sent, keep every follower's view fresh.
        private bool Settled(WorldState state) => ClusterProperties.Settled(checker.Facts(state)) >= 0;

        private void Remember(QuietMemo memo, int index, QuietOutcome outcome)
        {
            if (index > 0) memo.Set(_fingerprints[index], outcome.Pack());
        }

        /// <summary>Faults stop: dead nodes restart (as the first restart role) while a majority is down.</summary>
        public WorldState Start(WorldState state, List<Move>? moves)
        {
            var alive = state.Nodes.Count(n => n is not null);
            for (var i = 0; i < checker._n && alive < Quorum.Of(checker._n); i++)
            {
                if (state.Nodes[i] is not null) continue;
                var offered = false;
                state = Apply(state, new Move(MoveKind.Restart, i, Arg: 0), moves, ref offered);
                alive++;
            }
            return state;
        }

        /// <summary>One round: deliver everything, tick every live node, deliver everything, one time step.</summary>
        public WorldState Round(WorldState state, List<Move>? moves, out bool offered)
        {
            offered = false;
            // What was in flight when the round began goes first (in the network's order, so the
            // round is a function of the state), then what the round sends, in the order sent.
            _order.Clear();
            _head = 0;
            _order.AddRange(state.Network);
            state = DeliverAll(state, moves, ref offered);
            for (var i = 0; i < checker._n; i++)
                if (state.Nodes[i] is not null) state = Apply(state, new Move(MoveKind.Tick, i), moves, ref offered);
            state = DeliverAll(state, moves, ref offered);
            return Apply(state, new Move(MoveKind.Advance, Arg: checker.QuietAdvance), moves, ref offered);
        }

        private WorldState DeliverAll(WorldState state, List<Move>? moves, ref bool offered)
        {
            // Replies can beget replies; the cap only guards against a protocol that chatters for ever.
            for (var k = 0; k < 64 && state.Network.Length > 0; k++)
            {
                var id = NextToDeliver(state.Network);
                state = Apply(state, new Move(MoveKind.Deliver, checker._messages.To(id), id), moves, ref offered);
            }
            return state;
        }

        private WorldState Apply(WorldState state, Move move, List<Move>? moves, ref bool offered)
        {
            moves?.Add(move);
            var next = stepper.Apply(state, move, out _);
            var sender = move.Node;
            foreach (var item in stepper.LastSent)
            {
                offered |= item.Message is Offer;
                for (var to = 0; to < checker._n; to++)
                    if (to != sender && next.Nodes[to] is not null && (item.IsBroadcast || item.To == checker._members[to]))
                        _order.Add(checker._messages.Id(sender, to, item.Message));
            }
            return next;
        }

        // The oldest message of the round still in flight. With faults stopped, each link is FIFO, as
        // the TCP transport is: a winner's heartbeat saying candidate, sent in the same tick just before
        // its ANNOUNCE, never lands after it (which would make the primary look lost to its followers).
        private int NextToDeliver(int[] network)
        {
            while (_head < _order.Count)
            {
                var id = _order[_head++];
                if (Array.IndexOf(network, id) >= 0) return id;
            }
            return network[0];
        }

        private long Fingerprint(WorldState state)
        {
            checker._codec.Pack(state, _row);
            return StateCodec.Fingerprint(_row);
        }
    }
}
