namespace KevySpec.Transport.Tests.Support;

public static class ClusterText
{
    public static string Describe(LoopbackCluster cluster) =>
        string.Join('\n', cluster.NodeIds.Select(id => cluster[id] is { } node ? Describe(node.Snapshot()) : $"{id}: killed"));

    public static string Describe(NodeSnapshot s) =>
        $"{s.NodeId}: {s.Role} epoch {s.Epoch} primary {s.Primary ?? "-"} quorum {s.HasQuorum} down [{string.Join(",", s.DownPeers)}] {s.Counters}";
}
