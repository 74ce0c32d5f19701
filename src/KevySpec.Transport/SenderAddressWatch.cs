namespace KevySpec.Transport;

/// <summary>
/// Notices one member id speaking on two open connections at once — two processes configured as the same node, or
/// one started twice on different ports — and logs it once per pair of addresses. A peer that reconnects moves to its
/// new connection and never returns to the old one; frames for one id that go back to a connection it used before,
/// while that connection is still open, can only come from two senders.
/// </summary>
internal sealed class SenderAddressWatch
{
    private readonly object _gate = new();
    private readonly Dictionary<string, object> _last = new(StringComparer.Ordinal);
    private readonly Dictionary<object, (string Remote, HashSet<string> Ids)> _open = [];
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);

    /// <summary>
    /// Notes a frame from member <paramref name="id"/> on <paramref name="connection"/>, whose peer is <paramref name="remote"/>;
    /// returns the line to log when this shows the id on two connections for the first time, else null.
    /// </summary>
    public string? Heard(string id, object connection, string remote)
    {
        string? other = null;
        lock (_gate)
        {
            if (!_open.TryGetValue(connection, out var entry)) _open[connection] = entry = (remote, new HashSet<string>(StringComparer.Ordinal));
            if (_last.TryGetValue(id, out var last) && !ReferenceEquals(last, connection) && entry.Ids.Contains(id)
                && _open.TryGetValue(last, out var previous) && _reported.Add(PairKey(id, previous.Remote, remote)))
                other = previous.Remote;
            _last[id] = connection;
            entry.Ids.Add(id);
        }
        return other is null ? null : $"member '{id}' is heard from two addresses at once, {other} and {remote}: two processes run as '{id}'?";
    }

    private static string PairKey(string id, string a, string b) =>
        string.CompareOrdinal(a, b) < 0 ? $"{id} {a} {b}" : $"{id} {b} {a}";

    /// <summary>Forgets <paramref name="connection"/> once it is closed.</summary>
    public void Closed(object connection)
    {
        lock (_gate) _open.Remove(connection);
    }
}
