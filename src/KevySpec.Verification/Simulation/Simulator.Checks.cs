using System.Globalization;
using KevySpec.Checking;

namespace KevySpec.Simulation;

// The invariants only the simulator checks, beside liveness: write-safety (every step, while the
// delay bound holds), no-disruption (once faults have stopped) and convergence (at the end).
public sealed partial class Simulator
{
    // write-safety is not judged before this instant: a message that took longer than the delay
    // bound can keep a view fresh (has_quorum true) for down_after after it lands, and a vote it
    // carried late can complete a quorum up to the bound after that.
    private TimeSpan _writeSafetyFrom;

    // no-disruption: the primary every live node has known since faults stopped, while it lives; -1 before.
    private int _settledPrimary = -1;
    private bool _disruptionArmed;
    private TimeSpan _settledAt;

    private void Delivered(Pending pending)
    {
        var delay = _now - pending.SentAt;
        if (delay > _options.DelayBound)
        {
            var until = _now + _options.Config.DownAfter + _options.DelayBound;
            if (until > _writeSafetyFrom) _writeSafetyFrom = until;
        }
    }

    private void CheckSimulatorInvariants(ClusterStep step)
    {
        if (_simViolation is not null) return;
        if (_invariants.WriteSafety && _now >= _writeSafetyFrom) _simViolation = WriteSafety();
        if (_simViolation is null && _disruptionArmed) _simViolation = NoDisruption(step);
    }

    // Two live primaries, neither stalled, whose has_quorum(now) are both true at this instant.
    private Violation? WriteSafety()
    {
        string? first = null;
        for (var i = 0; i < _members.Length; i++)
        {
            if (_cluster.ElectorOf(_members[i]) is not { Role: Role.Primary } elector || _hosts[i].PausedUntil > _now || !elector.HasQuorum(_now)) continue;
            if (first is null)
            {
                first = _members[i];
                continue;
            }
            var other = _cluster.ElectorOf(first)!;
            return new Violation(InvariantNames.WriteSafety, string.Create(CultureInfo.InvariantCulture,
                $"{first} (primary of epoch {other.Epoch}) and {_members[i]} (primary of epoch {elector.Epoch}) both answer has_quorum true at {StepNarrator.Seconds(_now)}"));
        }
        return null;
    }

    // Once every live node knows one live primary (after faults stopped), nobody may stand while
    // that primary lives and stays primary: restarts and rejoins of other nodes must not cause an election.
    // With fewer than a majority alive the primary is cut off from a quorum, and that is no settled cluster.
    private Violation? NoDisruption(ClusterStep step)
    {
        if (_hosts.Count(h => h.Alive) < _members.Length / 2 + 1)
        {
            _settledPrimary = -1;
            return null;
        }
        if (_settledPrimary >= 0)
        {
            var primary = _members[_settledPrimary];
            if (step.Out is { } sent)
                foreach (var item in sent)
                    if (item.Message is Offer offer && offer.CandidateId == step.Node)
                        return new Violation(InvariantNames.NoDisruption, string.Create(CultureInfo.InvariantCulture,
                            $"{step.Node} stands (OFFER {offer.Epoch}) while {primary}, known to every live node since {StepNarrator.Seconds(_settledAt)}, is alive and connected"));
            if (_cluster.ElectorOf(primary) is not { } elector) _settledPrimary = -1;
            else if (elector.Role != Role.Primary)
                return new Violation(InvariantNames.NoDisruption, string.Create(CultureInfo.InvariantCulture,
                    $"{primary}, known to every live node since {StepNarrator.Seconds(_settledAt)}, is deposed while alive and connected (now {elector.Role.ToWire()} at epoch {elector.Epoch})"));
            return null;
        }
        _settledPrimary = KnownToAll();
        _settledAt = _now;
        return null;
    }

    // The one live primary that every other live node follows as a replica at its epoch, or -1: the
    // cluster has not settled (a candidate naming it still stands against it; a replica of a higher
    // epoch deposes it with its next heartbeat).
    private int KnownToAll()
    {
        var primary = -1;
        for (var i = 0; i < _members.Length; i++)
            if (_cluster.ElectorOf(_members[i]) is { Role: Role.Primary })
            {
                if (primary >= 0) return -1;
                primary = i;
            }
        if (primary < 0) return -1;
        var epoch = _cluster.ElectorOf(_members[primary])!.Epoch;
        for (var i = 0; i < _members.Length; i++)
            if (i != primary && _cluster.ElectorOf(_members[i]) is { } elector
                && (elector.Role != Role.Replica || elector.CurrentPrimary != _members[primary] || elector.Epoch != epoch)) return -1;
        return primary;
    }

    // At the end of a run: one live primary, and every other live node a replica following it.
    private Violation? Convergence()
    {
        var primary = -1;
        for (var i = 0; i < _members.Length; i++)
            if (_cluster.ElectorOf(_members[i]) is { Role: Role.Primary })
                primary = primary < 0 ? i : -2;
        string? problem = primary switch
        {
            -1 => "no live node is primary",
            -2 => "more than one live node is primary",
            _ => null,
        };
        if (problem is null)
            foreach (var id in _members)
                if (id != _members[primary] && _cluster.ElectorOf(id) is { } elector && (elector.Role != Role.Replica || elector.CurrentPrimary != _members[primary]))
                {
                    problem = $"{id} is {elector.Role.ToWire()} following {elector.CurrentPrimary ?? "nobody"}, not a replica following {_members[primary]}";
                    break;
                }
        if (problem is null) return null;
        var states = _members.Select(id => _cluster.ElectorOf(id) is { } e
            ? string.Create(CultureInfo.InvariantCulture, $"{id} {e.Role.ToWire()} epoch {e.Epoch} primary {e.CurrentPrimary ?? "-"}")
            : $"{id} down");
        return new Violation(InvariantNames.Convergence,
            $"{problem} at the end of the run, {StepNarrator.Seconds(_now - _faultsStoppedAt)} after faults stopped ({string.Join(", ", states)})");
    }
}
