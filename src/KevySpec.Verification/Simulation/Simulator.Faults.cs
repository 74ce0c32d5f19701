using System.Globalization;
using KevySpec.Properties;

namespace KevySpec.Simulation;

// Fault injection: during the fault phase, at exponentially spaced instants, one fault of a kind
// drawn from the seed (weighted by SimOptions.FaultWeights); when the phase ends, every fault stops
// and a majority is brought back. Then, for PostFaultPhase, only restarts and rejoins happen (the
// events no-disruption says must not cause an election) and kills of the primary (which may).
public sealed partial class Simulator
{
    private TimeSpan _restartPhaseEnd;

    private TimeSpan NextFaultAt() => _now + Gap(_options.MeanFaultGap);

    private TimeSpan Gap(TimeSpan mean)
    {
        var gap = -Math.Log(1 - _random.NextDouble()) * mean.TotalMicroseconds;
        return TimeSpan.FromMicroseconds(Math.Max(1, (long)gap));
    }

    private FaultKind DrawFault()
    {
        var weights = _options.FaultWeights;
        var roll = _random.Next(weights.Sum());
        for (var kind = 0; kind < weights.Count; kind++)
        {
            if (roll < weights[kind]) return (FaultKind)kind;
            roll -= weights[kind];
        }
        return FaultKind.QuickRestart;
    }

    private void InjectFault()
    {
        var n = _members.Length;
        var kind = DrawFault();
        var node = _random.Next(n);
        var other = n > 1 ? (node + 1 + _random.Next(n - 1)) % n : node;
        switch (kind)
        {
            case FaultKind.OffsetMove:
                if (_hosts[node].Alive) MoveOffset(node);
                break;
            case FaultKind.OneWayCut:
                if (node != other) Cut(node, other, oneWay: true);
                break;
            case FaultKind.Cut:
                if (node != other) Cut(node, other, oneWay: false);
                break;
            case FaultKind.Isolate:
                Isolate(node);
                break;
            case FaultKind.Heal:
                if (_random.Next(3) == 0) HealAll();
                else if (node != other) Heal(node, other);
                break;
            case FaultKind.Kill:
                if (_hosts[node].Alive) Kill(node);
                break;
            case FaultKind.Revive:
                if (!_hosts[node].Alive) Revive(node);
                break;
            case FaultKind.Pause:
                if (_hosts[node].Alive) Pause(node);
                break;
            default:
                if (_hosts[node].Alive)
                {
                    Kill(node);
                    Revive(node);
                }
                break;
        }
    }

    private void MoveOffset(int node)
    {
        var id = _members[node];
        Record(_cluster.SetOffset(id, _cluster.DataOffsetOf(id) + 1 + (ulong)_random.Next(8)));
    }

    private void Cut(int a, int b, bool oneWay)
    {
        _links[a, b].Up = false;
        if (!oneWay) _links[b, a].Up = false;
        Note(oneWay ? $"link {_members[a]}→{_members[b]} is cut (one way)" : $"links {_members[a]}↔{_members[b]} are cut");
    }

    private void Isolate(int node)
    {
        for (var other = 0; other < _members.Length; other++)
        {
            _links[node, other].Up = false;
            _links[other, node].Up = false;
        }
        Note($"{_members[node]} is partitioned from everyone");
    }

    private void Heal(int a, int b)
    {
        _links[a, b].Up = true;
        _links[b, a].Up = true;
        Note($"links {_members[a]}↔{_members[b]} heal");
    }

    private void HealAll()
    {
        foreach (var link in _links) link.Up = true;
        Note("every link heals");
    }

    private void Kill(int node)
    {
        var host = _hosts[node];
        host.Alive = false;
        host.Incarnation++;
        host.PausedUntil = TimeSpan.Zero;
        Record(_cluster.Crash(_members[node]), "messages in flight to it are lost");
    }

    private void Revive(int node)
    {
        var host = _hosts[node];
        var id = _members[node];
        var role = _options.RestartRoles[_random.Next(_options.RestartRoles.Count)];
        host.Alive = true;
        host.LastTick = TimeSpan.MinValue;
        Record(_cluster.Restart(id, role, Jitter()));
        if (_cluster.DataOffsetOf(id) > 0) Record(_cluster.SetOffset(id, _cluster.DataOffsetOf(id)));
        WakeAt(node, _now);
    }

    private void Pause(int node)
    {
        var longest = _options.FaultPhase - _now;
        var wanted = TimeSpan.FromMicroseconds(100_000 + _random.NextInt64((long)(1.5 * _options.Config.DownAfter.TotalMicroseconds)));
        var pause = wanted < longest ? wanted : longest;
        if (pause <= TimeSpan.Zero) return;
        _hosts[node].PausedUntil = _now + pause;
        Note($"{_members[node]} pauses for {pause.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s (a stalled process)");
    }

    private void StopFaults()
    {
        _quiet = true;
        HealAll();
        var quorum = Quorum.Of(_members.Length);
        for (var node = 0; node < _members.Length; node++)
            if (!_hosts[node].Alive && _random.Next(2) == 0) Revive(node);
        while (_hosts.Count(h => h.Alive) < quorum)
        {
            var dead = Enumerable.Range(0, _members.Length).Where(i => !_hosts[i].Alive).ToList();
            Revive(dead[_random.Next(dead.Count)]);
        }
        _faultsStoppedAt = _now;
        if (!_options.QuietChecks)
        {
            Note("faults stop; the run ends once late messages have landed");
            Enqueue(_now + _options.MaxLateDelay, new Pending(PendingKind.End));
            return;
        }
        Note("faults stop: no more loss, duplication, late messages, partitions, crashes or offset moves");
        // Late messages sent just before may still arrive up to MaxLateDelay later: faults are over after that.
        var settled = _now + _options.MaxLateDelay;
        Enqueue(settled, new Pending(PendingKind.ArmNoDisruption));
        _restartPhaseEnd = settled + _options.PostFaultPhase;
        var first = settled + Gap(_options.MeanRestartGap);
        if (first < _restartPhaseEnd) Enqueue(first, new Pending(PendingKind.Restart));
        Enqueue(_restartPhaseEnd + _options.LivenessDeadline, new Pending(PendingKind.Deadline));
    }

    // After faults: a quick restart of any live node, a dead node rejoining, or the primary killed
    // and brought back a little later (a majority stays alive).
    private void PostFaultEvent()
    {
        var node = _random.Next(_members.Length);
        switch (_random.Next(3))
        {
            case 0 when _hosts[node].Alive:
                Kill(node);
                Revive(node);
                break;
            case 1 when Enumerable.Range(0, _members.Length).FirstOrDefault(i => !_hosts[i].Alive, -1) is var dead and >= 0:
                Revive(dead);
                break;
            default:
                var primary = ClusterProperties.OneLivePrimary(Facts).First; // the first live primary, or -1
                if (primary < 0 || _hosts.Count(h => h.Alive) - 1 < Quorum.Of(_members.Length)) return;
                Kill(primary);
                var back = _now + TimeSpan.FromMicroseconds(_random.NextInt64((long)(_options.Config.DownAfter + _options.Config.ElectionTimeout).TotalMicroseconds * 2));
                Enqueue(back < _restartPhaseEnd ? back : Max(_now, _restartPhaseEnd), new Pending(PendingKind.Revive, primary));
                break;
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private enum FaultKind { OffsetMove, OneWayCut, Cut, Isolate, Heal, Kill, Revive, Pause, QuickRestart }
}
