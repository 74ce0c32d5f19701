namespace KevySpec.Checking;

/// <summary>
/// Numbers every distinct (sender, receiver, message) the checker has seen, so a network is a
/// sorted array of small ints: cheap to copy, compare and hash.
/// </summary>
internal sealed class MessageTable(int nodes)
{
    private readonly Dictionary<(int From, int To, ElectionMessage Message), int> _ids = [];
    private readonly List<(int From, int To, ElectionMessage Message)> _entries = [];

    public int Count => _entries.Count;

    public int Id(int from, int to, ElectionMessage message)
    {
        var key = (from, to, message);
        if (_ids.TryGetValue(key, out var id)) return id;
        id = _entries.Count;
        _entries.Add(key);
        _ids.Add(key, id);
        return id;
    }

    public int From(int id) => _entries[id].From;

    public int To(int id) => _entries[id].To;

    public ElectionMessage Message(int id) => _entries[id].Message;

    /// <summary>The directed link of a message, as <c>from * nodes + to</c>.</summary>
    public int Link(int id) => _entries[id].From * nodes + _entries[id].To;
}
