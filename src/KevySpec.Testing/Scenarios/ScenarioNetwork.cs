namespace KevySpec.Scenarios;

/// <summary>
/// The messages in flight of a scenario, in send order (one FIFO queue: links never reorder
/// unless the script does), and the link rules that lose messages: partitions and one-way losses.
/// </summary>
internal sealed class ScenarioNetwork
{
    private readonly List<Pending> _pending = [];
    private readonly List<LossRule> _rules = [];

    public IReadOnlyList<Pending> Pending => _pending;

    public void Send(string from, IReadOnlyList<string> members, IReadOnlyList<Outbound> sent)
    {
        foreach (var item in sent)
        {
            if (!item.IsBroadcast)
            {
                _pending.Add(new Pending(from, item.To, item.Message));
                continue;
            }
            foreach (var to in members)
                if (to != from) _pending.Add(new Pending(from, to, item.Message));
        }
    }

    /// <summary>Takes the pending messages on <paramref name="link"/> (all when null), oldest first.</summary>
    public List<Pending> Take(Link? link)
    {
        var taken = _pending.Where(p => link is null || link.Value.Matches(p)).ToList();
        _pending.RemoveAll(p => link is null || link.Value.Matches(p));
        return taken;
    }

    /// <summary>Puts a copy of each pending message on <paramref name="link"/> right behind it.</summary>
    public int Duplicate(Link link)
    {
        var copies = 0;
        for (var i = 0; i < _pending.Count; i++)
        {
            if (!link.Matches(_pending[i])) continue;
            _pending.Insert(i + 1, _pending[i]);
            i++;
            copies++;
        }
        return copies;
    }

    public void Lose(Link link, string? kind) => _rules.Add(new LossRule(link, kind));

    public void Heal() => _rules.Clear();

    /// <summary>True when a rule loses <paramref name="message"/> on its way.</summary>
    public bool Loses(Pending message) =>
        _rules.Any(r => r.Link.Matches(message) && (r.Kind is null || Verb(message.Message) == r.Kind));

    public static string Verb(ElectionMessage message) => message switch
    {
        Heartbeat => "HB",
        Offer => "OFFER",
        Accept => "ACCEPT",
        Announce => "ANNOUNCE",
        _ => message.GetType().Name,
    };

    private sealed record LossRule(Link Link, string? Kind);
}

/// <summary>A message in flight.</summary>
internal sealed record Pending(string From, string To, ElectionMessage Message);

/// <summary>A directed link <c>from-&gt;to</c>.</summary>
internal readonly record struct Link(string From, string To)
{
    public bool Matches(Pending message) => message.From == From && message.To == To;

    public override string ToString() => $"{From}->{To}";
}
