using System.Net;

namespace KevySpec.Cli.Node;

/// <summary>A node's configuration as read from its TOML file (this project's format or a kevy server's).</summary>
/// <param name="NodeId">This node's id.</param>
/// <param name="Listen">Where it listens for election connections.</param>
/// <param name="Peers">The other members' election endpoints, by id.</param>
/// <param name="DataDir">Where <c>elect.meta</c> lives.</param>
/// <param name="StartRole">Its start role (the bootstrap primary says <c>primary</c>).</param>
/// <param name="Config">The timings.</param>
/// <param name="AdvertisedAddr">The address announced when it wins; null for the listen address.</param>
/// <param name="AuthSecret">The shared secret (UTF-8), or null for none.</param>
/// <param name="Notes">What the node should say at start about how it read the file (e.g. how a kevy config was mapped).</param>
internal sealed record NodeConfig(
    string NodeId,
    IPEndPoint Listen,
    IReadOnlyDictionary<string, IPEndPoint> Peers,
    string DataDir,
    Role StartRole,
    ElectConfig Config,
    string? AdvertisedAddr,
    byte[]? AuthSecret,
    IReadOnlyList<string> Notes)
{
    /// <summary>The full member list, in ordinal order so that every node builds the same one.</summary>
    public IReadOnlyList<string> Members => [.. Peers.Keys.Append(NodeId).Order(StringComparer.Ordinal)];

    /// <summary>Every member's endpoint, this node's included.</summary>
    public IReadOnlyDictionary<string, IPEndPoint> Endpoints =>
        new Dictionary<string, IPEndPoint>(Peers, StringComparer.Ordinal) { [NodeId] = Listen };
}
