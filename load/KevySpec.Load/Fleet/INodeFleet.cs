using KevySpec.Load.Runner;
using KevySpec.Transport;

namespace KevySpec.Load.Fleet;

/// <summary>
/// Some of a run's nodes (or all of them), hosted in this process (<see cref="LocalFleet"/>) or in a
/// node host process (<see cref="RemoteFleet"/>). A cluster too big for one process's open-file limit
/// is spread over several fleets; what the nodes report reaches the runner through <see cref="FleetEvents"/>.
/// </summary>
public interface INodeFleet : IAsyncDisposable
{
    /// <summary>The members this fleet hosts, in member order.</summary>
    IReadOnlyList<string> NodeIds { get; }

    /// <summary>The node's state (a remote fleet's as of its latest status), or null while it is killed.</summary>
    NodeSnapshot? Snapshot(string id);

    /// <summary>Counters over the fleet's nodes and their killed incarnations, and what its process used if it is not this one.</summary>
    Task<FleetReading> ReadAsync(CancellationToken ct = default);

    /// <summary>Kills the node: its sockets close now; its data directory stays.</summary>
    Task KillAsync(string id);

    /// <summary>Starts the node again on its port and data directory, as <paramref name="role"/>.</summary>
    Task RestartAsync(string id, Role role);

    /// <summary>Cuts the directed link <paramref name="from"/> (hosted here) → <paramref name="to"/>.</summary>
    void Cut(string from, string to);

    /// <summary>Heals the directed link <paramref name="from"/> (hosted here) → <paramref name="to"/>.</summary>
    void Heal(string from, string to);
}

/// <summary>A reading of a fleet.</summary>
/// <param name="Counters">Transport counters summed over its nodes, killed incarnations included.</param>
/// <param name="HostCpu">CPU time of the node host process so far (zero for a fleet in the runner's own process).</param>
/// <param name="HostPeakMemory">Peak resident set of the node host process, in bytes (zero in the runner's own process).</param>
/// <param name="HostHeapBytes">The node host's managed heap as of its last GC, in bytes (zero in the runner's own process).</param>
/// <param name="HostFullCollections">Full (gen 2) GCs the node host ran so far (zero in the runner's own process).</param>
public sealed record FleetReading(CounterTotals Counters, TimeSpan HostCpu, long HostPeakMemory, long HostHeapBytes = 0, int HostFullCollections = 0);
