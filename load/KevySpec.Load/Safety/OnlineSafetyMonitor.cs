using System.Globalization;
using KevySpec.Checking;
using KevySpec.Load.Runner;

namespace KevySpec.Load.Safety;

/// <summary>
/// Checks the spec's safety invariants (<see cref="InvariantSet"/>, named as in
/// <see cref="InvariantNames"/>) online, on what a TCP cluster lets a host observe: every
/// topology report and every durable save of every node, across kills and restarts.
/// </summary>
/// <remarks>
/// The simulator's checks (<c>KevySpec.Checking.SafetyInvariants</c>) judge one elector step at a
/// time from its outbound batch and its saves; a transport node exposes neither its batches nor its
/// steps, so this adapter applies the same statements to reports and saves:
/// <list type="bullet">
/// <item><c>election-safety</c>: two nodes report themselves primary at one epoch (ever).</item>
/// <item><c>single-primary</c>: two live nodes are primary at one epoch at the same time.</item>
/// <item><c>one-vote-per-epoch</c>: a node's vote saves (a non-empty <c>voted_for</c> raising its epoch:
/// a candidacy or an ACCEPT) name two candidates for one epoch, across restarts.</item>
/// <item><c>epoch-monotonic</c>: a node reports or saves an epoch below one it had, across restarts.</item>
/// <item><c>durable-before-send</c>: a node reports an epoch its store does not hold yet (every epoch change must be saved first).
/// That an OFFER or ACCEPT left only after its save is not observable here (the checker's step-level check covers it).</item>
/// </list>
/// </remarks>
public sealed class OnlineSafetyMonitor
{
    private readonly Lock _gate = new();
    private readonly InvariantSet _invariants;
    private readonly Dictionary<ulong, string> _winners = [];
    private readonly Dictionary<string, Dictionary<ulong, string>> _votes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ulong> _maxEpoch = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (bool Alive, Role Role, ulong Epoch)> _current = new(StringComparer.Ordinal);
    private readonly HashSet<string> _seen = [];
    private readonly List<SafetyViolation> _violations = [];

    /// <summary>A monitor of <paramref name="members"/> for the safety invariants of <paramref name="invariants"/>.</summary>
    public OnlineSafetyMonitor(IReadOnlyList<string> members, InvariantSet invariants)
    {
        ArgumentNullException.ThrowIfNull(invariants);
        _invariants = invariants;
        foreach (var id in members)
        {
            _votes[id] = [];
            _maxEpoch[id] = 0;
            _current[id] = (true, Role.Replica, 0);
        }
    }

    /// <summary>The safety invariants checked, by spec name.</summary>
    public IReadOnlyList<string> Checked => [.. _invariants.SafetyNames];

    /// <summary>Distinct violations found so far, in order.</summary>
    public IReadOnlyList<SafetyViolation> Violations
    {
        get { lock (_gate) return [.. _violations]; }
    }

    /// <summary>Checks a topology report; <paramref name="durable"/> is the node's store at that moment.</summary>
    public void OnReport(NodeObservation report, PersistedVote durable)
    {
        lock (_gate)
        {
            var id = report.NodeId;
            if (!_current[id].Alive) return;
            _current[id] = (true, report.Role, report.Epoch);

            if (report.Role == Role.Primary && _invariants.ElectionSafety)
            {
                if (_winners.TryGetValue(report.Epoch, out var winner) && winner != id)
                    Add(InvariantNames.ElectionSafety, $"{id} is primary of epoch {N(report.Epoch)}, which {winner} already won", report.At);
                else _winners[report.Epoch] = id;
            }

            if (report.Role == Role.Primary && _invariants.SinglePrimary)
            {
                foreach (var (other, state) in _current)
                    if (other != id && state.Alive && state.Role == Role.Primary && state.Epoch == report.Epoch)
                        Add(InvariantNames.SinglePrimary, $"{Ordered(id, other)} are both primary at epoch {N(report.Epoch)}", report.At);
            }

            if (_invariants.EpochMonotonic) CheckEpoch(id, report.Epoch, report.At, "reports");

            if (_invariants.DurableBeforeSend && report.Epoch > Math.Max(1UL, durable.Epoch))
                Add(InvariantNames.DurableBeforeSend, $"{id} is at epoch {N(report.Epoch)} but its store holds ({N(durable.Epoch)}, {durable.VotedFor ?? "-"})", report.At);
        }
    }

    /// <summary>Checks a durable save.</summary>
    public void OnSave(SaveEvent save)
    {
        lock (_gate)
        {
            var id = save.NodeId;
            var vote = save.Vote;
            if (_invariants.EpochMonotonic) CheckEpoch(id, vote.Epoch, save.At, "saves");

            // A vote (a candidacy or an ACCEPT) always raises the node's epoch; an ANNOUNCE at the
            // current epoch also writes voted_for but is not a vote.
            var isVote = vote.VotedFor is not null && vote.Epoch > save.Previous.Epoch;
            if (!isVote || !_invariants.OneVotePerEpoch) return;
            var votes = _votes[id];
            if (votes.TryGetValue(vote.Epoch, out var earlier))
            {
                if (earlier != vote.VotedFor)
                    Add(InvariantNames.OneVotePerEpoch, $"{id} votes for {vote.VotedFor} in epoch {N(vote.Epoch)} after voting for {earlier} in that epoch", save.At);
            }
            else votes[vote.Epoch] = vote.VotedFor!;
        }
    }

    /// <summary>The node's process died: it no longer counts as a live primary.</summary>
    public void OnKilled(string nodeId)
    {
        lock (_gate) _current[nodeId] = _current[nodeId] with { Alive = false };
    }

    /// <summary>The node's process started again on its store; its epoch must not go back.</summary>
    public void OnRestarted(string nodeId)
    {
        lock (_gate) _current[nodeId] = (true, Role.Replica, 0);
    }

    private void CheckEpoch(string id, ulong epoch, TimeSpan at, string how)
    {
        var highest = _maxEpoch[id];
        if (epoch < highest)
            Add(InvariantNames.EpochMonotonic, $"{id} {how} epoch {N(epoch)} after having had {N(highest)}", at);
        else _maxEpoch[id] = epoch;
    }

    private void Add(string invariant, string detail, TimeSpan at)
    {
        if (_seen.Add($"{invariant}|{detail}"))
            _violations.Add(new SafetyViolation(new Violation(invariant, detail), at));
    }

    private static string Ordered(string a, string b) => string.CompareOrdinal(a, b) < 0 ? $"{a} and {b}" : $"{b} and {a}";

    private static string N(ulong value) => value.ToString(CultureInfo.InvariantCulture);
}
