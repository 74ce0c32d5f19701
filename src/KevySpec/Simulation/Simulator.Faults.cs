using System.Globalization;

namespace KevySpec.Simulation;

// Fault injection: during the fault phase, at exponentially spaced instants, one fault of a kind
// drawn from the seed; when the phase ends, every fault stops and a majority is brought back.
public sealed partial class Simulator
{
    private TimeSpan NextFaultAt()
    {
        var gap = -Math.Log(1 - _random.NextDouble()) * _options.MeanFaultGap.TotalMicroseconds;
        return _now + TimeSpan.FromMicroseconds(Math.Max(1, (long)gap));
    }

    private void InjectFault()
    {
        var n = _members.Length;
        var roll = _random.Next(100);
        var node = _random.Next(n);
        var other = n > 1 ? (node + 1 + _random.Next(n - 1)) % n : node;
        switch (roll)
        {
            case < 25:
                if (_hosts[node].Alive) MoveOffset(node);
                break;
            case < 40:
                if (node != other) Cut(node, other, oneWay: true);
                break;
            case < 48:
                if (node != other) Cut(node, other, oneWay: false);
                break;
            case < 53:
                Isolate(node);
                break;
            case < 68:
                if (_random.Next(3) == 0) HealAll();
                else if (node != other) Heal(node, other);
                break;
            case < 78:
                if (_hosts[node].Alive) Kill(node);
                break;
            case < 88:
                if (!_hosts[node].Alive) Revive(node);
                break;
            case < 94:
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
        var quorum = _members.Length / 2 + 1;
        for (var node = 0; node < _members.Length; node++)
            if (!_hosts[node].Alive && _random.Next(2) == 0) Revive(node);
        while (_hosts.Count(h => h.Alive) < quorum)
        {
            var dead = Enumerable.Range(0, _members.Length).Where(i => !_hosts[i].Alive).ToList();
            Revive(dead[_random.Next(dead.Count)]);
        }
        Note("faults stop: no more loss, duplication, late messages, partitions, crashes or offset moves");
        // Late messages sent just before may still arrive up to MaxLateDelay later: faults are over after that.
        Enqueue(_now + _options.MaxLateDelay + _options.LivenessDeadline, new Pending(PendingKind.Deadline));
    }
}
