using KevySpec.Transport;

namespace KevySpec.Cli.Node;

/// <summary>
/// Turns topology changes into one log line per changed item: role, primary, quorum. The primary line names the
/// primary this node follows: the elector's known primary, or the node itself while its role is primary. (A
/// bootstrap primary's elector knows no primary, per PROTOCOL.md: nothing teaches a primary about itself until it
/// wins an election, yet it acts as the primary from its first heartbeat.) A node starts without a quorum: its first
/// line says <c>not yet</c>, and <c>lost</c> means it had one.
/// </summary>
internal sealed class TopologyLog(LineLog log)
{
    private TopologyChange? _last;

    public void Report(TopologyChange change)
    {
        var last = _last;
        _last = change;
        var who = $"[{change.NodeId}]";
        if (last is null || last.Role != change.Role)
            log.Write($"{who} role {change.Role.ToWire()} (epoch {change.Epoch})");
        var primary = Followed(change);
        if (last is null || Followed(last) != primary)
            log.Write($"{who} primary {primary ?? "none"} (epoch {change.Epoch})");
        if (last is null || last.HasQuorum != change.HasQuorum)
            log.Write($"{who} quorum {(change.HasQuorum ? "yes" : last is null ? "not yet" : "lost")} (epoch {change.Epoch})");
    }

    private static string? Followed(TopologyChange change) =>
        change.Primary ?? (change.Role == Role.Primary ? change.NodeId : null);
}
