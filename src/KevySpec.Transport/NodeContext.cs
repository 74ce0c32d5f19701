namespace KevySpec.Transport;

// What a node's connections share: its options, counters, the other members and its log.
internal sealed class NodeContext(NodeOptions options)
{
    public NodeOptions Options { get; } = options;

    public string NodeId => Options.NodeId;

    public TimeProvider Time => Options.Time;

    /// <summary>The shared secret (a private copy), or null when authentication is off.</summary>
    public byte[]? Secret { get; } = options.AuthSecret.IsEmpty ? null : options.AuthSecret.ToArray();

    public CounterSet Counters { get; } = new();

    /// <summary>The members a frame may come from: every member but this node.</summary>
    public HashSet<string> Others { get; } = new(options.PeerIds.Where(p => p != options.NodeId), StringComparer.Ordinal);

    /// <summary>Which open connections each member's frames arrive on (to notice one id used by two processes).</summary>
    public SenderAddressWatch Senders { get; } = new();

    /// <summary>Called on each admitted frame with its sender (set by the node: it nudges the link to that sender).</summary>
    public Action<string>? Heard { get; set; }

    public void Log(string line)
    {
        if (Options.Log is not { } log) return;
        try
        {
            log($"[{NodeId}] {line}");
        }
        catch (Exception)
        {
            // A failing log sink must not take the transport down.
        }
    }
}
