using KevySpec.Transport;

namespace KevySpec.Cli.Node;

/// <summary>Turns topology changes into one log line per changed item: role, primary, quorum.</summary>
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
        if (last is null || last.Primary != change.Primary)
            log.Write($"{who} primary {change.Primary ?? "none"} (epoch {change.Epoch})");
        if (last is null || last.HasQuorum != change.HasQuorum)
            log.Write($"{who} quorum {(change.HasQuorum ? "yes" : "lost")} (epoch {change.Epoch})");
    }
}
