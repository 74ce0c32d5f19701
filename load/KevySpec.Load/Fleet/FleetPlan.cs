using System.Net;

namespace KevySpec.Load.Fleet;

/// <summary>
/// What one fleet hosts and how: the whole member list with every endpoint, the members it hosts,
/// and the run's node settings. Sent as JSON to a node host process, so it holds plain values.
/// </summary>
/// <param name="Members">Every member, <c>n1</c> (the bootstrap primary) first.</param>
/// <param name="Endpoints">Every member's listen endpoint, e.g. <c>127.0.0.1:40123</c>.</param>
/// <param name="Hosted">The members this fleet runs.</param>
/// <param name="Spec">The generated elector's spec name (<see cref="KevySpecElectors"/>).</param>
/// <param name="Config">The election timings.</param>
/// <param name="Seed">The run's seed (each node's jitter seed derives from it).</param>
/// <param name="FileStores">True for a fsynced file store per node under <paramref name="DataRoot"/>; false for stores in memory.</param>
/// <param name="DataRoot">The folder holding one data directory per node.</param>
/// <param name="StartRole">The role every hosted node starts as; null for the member order's (the first member Primary, the others Replica).
/// A node host started again for a node that was killed with its process starts it as a replica.</param>
public sealed record FleetPlan(
    IReadOnlyList<string> Members,
    IReadOnlyDictionary<string, string> Endpoints,
    IReadOnlyList<string> Hosted,
    string Spec,
    ElectConfig Config,
    int Seed,
    bool FileStores,
    string DataRoot,
    Role? StartRole = null)
{
    /// <summary>The endpoints, parsed.</summary>
    public IReadOnlyDictionary<string, IPEndPoint> ParsedEndpoints() =>
        Endpoints.ToDictionary(e => e.Key, e => IPEndPoint.Parse(e.Value), StringComparer.Ordinal);

    /// <summary>The elector the plan names.</summary>
    /// <exception cref="ArgumentException">No generated elector has that spec name.</exception>
    public ElectorDefinition Elector() =>
        KevySpecElectors.Find(Spec) ?? throw new ArgumentException($"unknown spec '{Spec}'", nameof(Spec));

    /// <summary>Node <paramref name="id"/>'s jitter seed: the run's seed mixed with the node's number.</summary>
    public int JitterSeedOf(string id) => unchecked(Seed * 7919 + int.Parse(id.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// The longest reconnection pause: a restarted node must hear its peers before its cold-start grace
    /// (down_after) ends, or it stands needlessly, so at least four attempts per down_after.
    /// </summary>
    public TimeSpan ReconnectMax =>
        TimeSpan.FromTicks(Math.Clamp(Config.DownAfter.Ticks / 4, TimeSpan.FromMilliseconds(20).Ticks, TimeSpan.FromSeconds(1).Ticks));

    /// <summary>
    /// A connect that waits on a full accept queue (N−1 peers dialing a node that just started) completes on
    /// the kernel's SYN retry after about 1 s; giving up at 1 s instead churns sockets and, past ~80 nodes in a
    /// process, exhausts the descriptors.
    /// </summary>
    public static TimeSpan ConnectTimeout { get; } = TimeSpan.FromSeconds(5);
}
