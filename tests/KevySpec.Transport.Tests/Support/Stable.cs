namespace KevySpec.Transport.Tests.Support;

/// <summary>Waits until a cluster has settled on one primary.</summary>
public static class Stable
{
    /// <summary>Every node of <paramref name="members"/> (default: all) follows <paramref name="primary"/> and hears everyone.</summary>
    public static Task WaitAsync(LoopbackCluster cluster, string primary, IReadOnlyList<string>? members = null) =>
        Eventually.WaitAsync(() => (members ?? cluster.NodeIds).All(id => cluster[id]?.Snapshot() is { } s
                && s.HasQuorum && s.DownPeers.Count == 0
                && (id == primary ? s.Role == Role.Primary : s.Role == Role.Replica && s.Primary == primary)),
            $"every node follows {primary} and hears everyone", state: () => ClusterText.Describe(cluster));
}
