using KevySpec.Transport;

namespace KevySpec.Load.Tests.Fleet;

/// <summary>What fleet tests share: a temporary data root (deleted on dispose) and members on free loopback ports.</summary>
internal sealed class FleetFolder : IDisposable
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "kevyspec-fleet-" + Guid.NewGuid().ToString("N"));

    /// <summary>Ids <c>n1..nN</c> and an endpoint text for each, as a plan carries them.</summary>
    public static (IReadOnlyList<string> Ids, IReadOnlyDictionary<string, string> Endpoints) Members(int nodes)
    {
        var ids = LoopbackCluster.IdsFor(nodes);
        return (ids, LoopbackCluster.ReservePorts(ids).ToDictionary(e => e.Key, e => e.Value.ToString()));
    }

    public void Dispose()
    {
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }
}
