using System.Globalization;
using KevySpec.Simulation;

namespace KevySpec.Scenarios;

// The commands that step nodes or the network. Each prints what it caused: state changes, saves,
// messages sent (or lost), one line each.
public sealed partial class ScenarioRunner
{
    // stabilize gives up on a round whose deliveries never drain (messages causing messages for ever).
    private const int MaxDeliveriesPerRound = 100_000;

    private void SetOffset(ReadOnlySpan<string> args, List<string> output)
    {
        if (args.Length != 2 || !ulong.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
            throw Fail("usage: offset ID OFFSET");
        var id = Member(args[0]);
        Effects(id, () => Nodes.SetOffset(id, offset), output, "");
        FaultsNow();
    }

    private void Tick(ReadOnlySpan<string> args, List<string> output)
    {
        var at = args.IndexOf("at");
        if (at >= 0)
        {
            if (at != args.Length - 2) throw Fail("usage: tick ID... [at TIME]");
            var instant = ScenarioText.Duration(args[^1]) ?? throw Fail($"'{args[^1]}' is not a time (e.g. 5s, 200ms)");
            if (instant < _now) throw Fail($"time goes forward only: it is {ScenarioText.Time(_now)}, not {ScenarioText.Time(instant)}");
            _now = instant;
            args = args[..at];
        }
        if (args.Length == 0) throw Fail("usage: tick ID... [at TIME]");
        foreach (var raw in args)
        {
            var id = Member(raw);
            Effects(id, () => Nodes.Tick(id, _now), output, "");
        }
    }

    private void Deliver(ReadOnlySpan<string> args, List<string> output)
    {
        if (args.Length > 1) throw Fail("usage: deliver [FROM->TO]");
        foreach (var message in _network.Take(args.Length == 1 ? LinkArg(args[0]) : null)) DeliverOne(message, output, "");
    }

    private void DeliverOne(Pending message, List<string> output, string indent)
    {
        var line = $"{indent}{message.From}->{message.To}: {ScenarioText.Message(message.Message)}";
        if (_network.Loses(message)) output.Add(line + " (lost)");
        else if (!Nodes.IsAlive(message.To)) output.Add(line + $" (lost: {message.To} is down)");
        else
        {
            output.Add(line);
            Effects(message.To, () => Nodes.Deliver(message.From, message.To, message.Message, _now), output, indent + "  ");
        }
    }

    private void Drop(ReadOnlySpan<string> args, List<string> output)
    {
        if (args.Length > 1) throw Fail("usage: drop [FROM->TO]");
        foreach (var message in _network.Take(args.Length == 1 ? LinkArg(args[0]) : null))
            output.Add($"{message.From}->{message.To}: {ScenarioText.Message(message.Message)} (dropped)");
        FaultsNow();
    }

    private void Dup(ReadOnlySpan<string> args, List<string> output)
    {
        if (args.Length != 1) throw Fail("usage: dup FROM->TO");
        output.Add($"{_network.Duplicate(LinkArg(args[0]))} duplicated");
        FaultsNow();
    }

    private void Lose(ReadOnlySpan<string> args)
    {
        if (args.Length is < 1 or > 2) throw Fail("usage: lose FROM->TO [HB|OFFER|ACCEPT|ANNOUNCE]");
        string? kind = args.Length == 2 ? args[1] : null;
        if (kind is not (null or "HB" or "OFFER" or "ACCEPT" or "ANNOUNCE")) throw Fail($"'{kind}' is not a message kind (HB, OFFER, ACCEPT, ANNOUNCE)");
        _network.Lose(LinkArg(args[0]), kind);
        FaultsNow();
    }

    private void Partition(ReadOnlySpan<string> args)
    {
        var groups = string.Join(' ', args.ToArray()).Split('|', StringSplitOptions.TrimEntries)
            .Select(g => g.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Member).ToArray()).ToArray();
        if (groups.Length < 2 || groups.Any(g => g.Length == 0)) throw Fail("usage: partition ID... | ID... [| ID...]");
        for (var i = 0; i < groups.Length; i++)
            for (var j = 0; j < groups.Length; j++)
                if (i != j)
                    foreach (var from in groups[i])
                        foreach (var to in groups[j]) _network.Lose(new Link(from, to), null);
        FaultsNow();
    }

    private void Crash(ReadOnlySpan<string> args, List<string> output)
    {
        if (args.Length != 1) throw Fail("usage: crash ID");
        var id = Member(args[0]);
        Effects(id, () => Nodes.Crash(id), output, "");
        FaultsNow();
    }

    // A restart is a fresh elector on the node's store, then its data's offset, as a host does.
    private void Restart(ReadOnlySpan<string> args, List<string> output)
    {
        var usage = "usage: restart ID [as primary|replica|candidate]";
        if (args.Length is not (1 or 3) || (args.Length == 3 && args[1] != "as")) throw Fail(usage);
        var role = args.Length == 3 ? Roles.TryParse(args[2]) ?? throw Fail(usage) : Role.Replica;
        var id = Member(args[0]);
        Effects(id, () =>
        {
            Nodes.Restart(id, role, TimeSpan.Zero);
            return Nodes.SetOffset(id, Nodes.DataOffsetOf(id));
        }, output, "");
        FaultsNow();
    }

    // Rounds every heartbeat interval: tick each live node in member order, then deliver every
    // message and what it causes, in send order, until none is in flight; then time moves on.
    // Prints only the role, epoch and primary changes, with their instants: a long run sends thousands of heartbeats.
    private void Stabilize(ReadOnlySpan<string> args, List<string> output)
    {
        var end = _now + DurationArg(args, "stabilize DURATION");
        _changes = output;
        try
        {
            var scratch = new List<string>();
            while (_now < end)
            {
                foreach (var id in Nodes.Members)
                    if (Nodes.IsAlive(id)) Effects(id, () => Nodes.Tick(id, _now), scratch, "");
                for (var delivered = 0; _network.Pending.Count > 0;)
                    foreach (var message in _network.Take(null))
                    {
                        if (++delivered > MaxDeliveriesPerRound) throw Fail($"messages still in flight after {MaxDeliveriesPerRound} deliveries at {ScenarioText.Time(_now)}");
                        DeliverOne(message, scratch, "");
                    }
                scratch.Clear();
                _now += Nodes.Config.HbInterval;
            }
        }
        finally
        {
            _changes = null;
        }
    }

    // Runs one step of node id and prints what it did: its state change, its saves, what it sent
    // (queued for delivery; every message but heartbeats also goes to the log).
    private void Effects(string id, Func<ClusterStep> run, List<string> output, string indent)
    {
        var before = ScenarioText.State(Nodes.ElectorOf(id));
        var step = run();
        var after = ScenarioText.State(Nodes.ElectorOf(id));
        if (before != after)
        {
            output.Add($"{indent}{id}: {before} -> {after}");
            _changes?.Add($"{ScenarioText.Time(_now)} {id}: {before} -> {after}");
        }
        foreach (var save in step.Saves) output.Add($"{indent}{id} saves {ScenarioText.Save(save)}");
        var sent = step.Out ?? [];
        foreach (var item in sent)
        {
            var line = $"{id} -> {item.To}: {ScenarioText.Message(item.Message)}";
            output.Add(indent + line);
            if (item.Message is not Heartbeat) _sends.Add($"{ScenarioText.Time(_now)} {line}");
        }
        _network.Send(id, Nodes.Members, sent);
    }

    private string Member(string id) =>
        Nodes.Members.Contains(id) ? id : throw Fail($"'{id}' is not a node ({string.Join(", ", Nodes.Members)})");

    private Link LinkArg(string text)
    {
        var arrow = text.IndexOf("->", StringComparison.Ordinal);
        if (arrow <= 0 || arrow + 2 >= text.Length) throw Fail($"'{text}' is not a link FROM->TO");
        return new Link(Member(text[..arrow]), Member(text[(arrow + 2)..]));
    }
}
