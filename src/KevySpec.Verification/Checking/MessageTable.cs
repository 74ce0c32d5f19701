namespace KevySpec.Checking;

/// <summary>
/// Numbers every distinct (sender, receiver, message) the checker has seen, so a network is a
/// sorted array of small ints: cheap to copy, compare and hash. Thread-safe. Ids depend on the
/// order messages are first seen; networks are sorted by <see cref="Order"/>, a key computed from
/// the message itself, so the order moves are tried in is the same in every run.
/// </summary>
internal sealed class MessageTable(int nodes)
{
    private readonly Interner<(int From, int To, ElectionMessage Message)> _entries = new(EqualityComparer<(int, int, ElectionMessage)>.Default, OrderOf);

    public int Count => _entries.Count;

    public int Id(int from, int to, ElectionMessage message) => _entries.Id((from, to, message));

    public int From(int id) => _entries[id].From;

    public int To(int id) => _entries[id].To;

    public ElectionMessage Message(int id) => _entries[id].Message;

    /// <summary>The directed link of a message, as <c>from * nodes + to</c>.</summary>
    public int Link(int id) => _entries[id].From * nodes + _entries[id].To;

    /// <summary>The message's sort key: a hash of its content, the same in every run.</summary>
    public long Order(int id) => _entries.Tag(id);

    /// <summary>Sorts <paramref name="network"/> by <see cref="Order"/> (ties, which need a 64-bit hash collision, by id).</summary>
    public void Sort(Span<int> network)
    {
        for (var i = 1; i < network.Length; i++)
        {
            var id = network[i];
            var key = Order(id);
            var j = i - 1;
            for (; j >= 0 && (Order(network[j]) > key || (Order(network[j]) == key && network[j] > id)); j--) network[j + 1] = network[j];
            network[j + 1] = id;
        }
    }

    private static long OrderOf((int From, int To, ElectionMessage Message) entry)
    {
        var hash = new StableHash();
        hash.Add(entry.From);
        hash.Add(entry.To);
        switch (entry.Message)
        {
            case Heartbeat hb:
                hash.Add(1);
                hash.Add((long)hb.Epoch);
                hash.Add(hb.NodeId);
                hash.Add((int)hb.Role);
                hash.Add((long)hb.ReplOffset);
                break;
            case Offer offer:
                hash.Add(2);
                hash.Add((long)offer.Epoch);
                hash.Add(offer.CandidateId);
                hash.Add((long)offer.ReplOffset);
                break;
            case Accept accept:
                hash.Add(3);
                hash.Add((long)accept.Epoch);
                hash.Add(accept.VoterId);
                break;
            case Announce announce:
                hash.Add(4);
                hash.Add((long)announce.Epoch);
                hash.Add(announce.PrimaryId);
                hash.Add(announce.PrimaryAddr);
                break;
            default:
                hash.Add(entry.Message.ToString() ?? "");
                break;
        }
        return hash.Value;
    }
}
