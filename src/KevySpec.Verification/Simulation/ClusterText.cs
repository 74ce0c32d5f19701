using System.Globalization;

namespace KevySpec.Simulation;

// How a violation shows the cluster's end state: each node's role, epoch and primary, or "down".
internal static class ClusterText
{
    public static string Describe(SteppedCluster cluster) => string.Join(", ", cluster.Members.Select(id => cluster.ElectorOf(id) is { } e
        ? string.Create(CultureInfo.InvariantCulture, $"{id} {e.Role.ToWire()} epoch {e.Epoch} primary {e.CurrentPrimary ?? "-"}")
        : $"{id} down"));
}
