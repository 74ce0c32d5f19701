using System.Net;
using System.Text;
using KevySpec.Wire;

namespace KevySpec.Transport;

/// <summary>
/// Everything an <see cref="ElectionNode"/> needs: who it is, who the members are and where they listen,
/// the elector and its timings, and the transport's limits. Validated by <see cref="ElectionNode.StartAsync(NodeOptions, CancellationToken)"/>,
/// which throws <see cref="ArgumentException"/> naming the first property that is wrong.
/// </summary>
public sealed record NodeOptions
{
    /// <summary>This node's id (a member of <see cref="PeerIds"/>).</summary>
    public required string NodeId { get; init; }

    /// <summary>The full member list, <b>including</b> this node, in the operator's order.</summary>
    public required IReadOnlyList<string> PeerIds { get; init; }

    /// <summary>Every member's listen endpoint, this node's included (it listens on its own).</summary>
    public required IReadOnlyDictionary<string, IPEndPoint> Endpoints { get; init; }

    /// <summary>The address this node announces when it wins; null for its own endpoint's text (e.g. <c>127.0.0.1:7001</c>).</summary>
    public string? AdvertisedAddr { get; init; }

    /// <summary>
    /// Primary for the operator's bootstrap primary, Replica (default) otherwise. It applies at the first start only:
    /// a node whose store holds election state (it has run before) starts a configured Primary as a Replica, and logs so.
    /// </summary>
    public Role StartRole { get; init; } = Role.Replica;

    /// <summary>The election timings.</summary>
    public ElectConfig Config { get; init; } = ElectConfig.Default;

    /// <summary>Which generated elector to host; the reference spec's by default.</summary>
    public ElectorDefinition Elector { get; init; } = ReferenceElector.Definition;

    /// <summary>Where (epoch, voted_for) is kept; in memory by default. Loaded when the node starts.</summary>
    public IElectionStore Store { get; init; } = new InMemoryElectionStore();

    /// <summary>The backoff jitter source; null for a <see cref="SeededJitter"/> seeded with <see cref="JitterSeed"/>.</summary>
    public IJitterSource? Jitter { get; init; }

    /// <summary>The seed of the default jitter source; null for a random seed (logged at start).</summary>
    public int? JitterSeed { get; init; }

    /// <summary>The monotonic clock of elector time (<see cref="TimeProvider.GetTimestamp"/>), timers and delays.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Called on the elector loop when the role, the primary or has_quorum changes (and once at start). Keep it quick.</summary>
    public Action<TopologyChange>? OnTopologyChange { get; init; }

    /// <summary>
    /// Called after every step of the elector — its start (New, or Restart through <c>LoopbackCluster.RestartAsync</c>),
    /// each message, each tick, each offset change — and once more when the node is disposed (Crash), with what the step
    /// sent and saved. Feed it to a <c>OnlineChecker</c> (KevySpec.Verification) to check the spec's safety invariants on a live
    /// cluster. Runs on the elector loop (the last call on the disposing thread): keep it quick.
    /// </summary>
    public Action<NodeStep>? OnStep { get; init; }

    /// <summary>
    /// The shared secret; empty (default) for no authentication. When set, every inbound connection must
    /// answer an HMAC-SHA256 challenge before any election frame is accepted (docs/cluster.md). The node
    /// copies it when it starts.
    /// </summary>
    public ReadOnlyMemory<byte> AuthSecret { get; init; }

    /// <summary>Receives one line per notable event (connections, dropped connections, failures); null for silence.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Frames queued per peer while it is slow or unreachable; the oldest is dropped (and counted) beyond it.</summary>
    public int OutboundQueueCapacity { get; init; } = 256;

    /// <summary>The read buffer of one inbound connection, in bytes: a frame that does not fit closes the connection.</summary>
    public int MaxReadBuffer { get; init; } = 16 * 1024;

    /// <summary>The first pause before reconnecting to a peer; it doubles on each failure up to <see cref="ReconnectMax"/>.</summary>
    public TimeSpan ReconnectMin { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>The longest pause between reconnection attempts.</summary>
    public TimeSpan ReconnectMax { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a connection attempt (and, with authentication, its challenge) may take.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The smallest <see cref="MaxReadBuffer"/> accepted: room for any message with a short address.</summary>
    public const int MinReadBuffer = 512;

    /// <summary>The advertised address in effect: <see cref="AdvertisedAddr"/> or this node's endpoint text.</summary>
    internal string EffectiveAdvertisedAddr => AdvertisedAddr ?? Endpoints[NodeId].ToString();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first property that is not usable.</summary>
    internal void Validate()
    {
        if (NodeIds.Problem(NodeId) is { } idProblem) throw Bad(nameof(NodeId), idProblem);
        if (PeerIds is null || PeerIds.Count == 0) throw Bad(nameof(PeerIds), "the member list must not be empty");
        var members = new HashSet<string>(StringComparer.Ordinal);
        foreach (var peer in PeerIds)
        {
            if (NodeIds.Problem(peer) is { } problem) throw Bad(nameof(PeerIds), problem);
            if (!members.Add(peer)) throw Bad(nameof(PeerIds), $"node id '{peer}' appears twice");
        }
        if (!members.Contains(NodeId)) throw Bad(nameof(PeerIds), $"the member list must include this node '{NodeId}'");
        if (Endpoints is null) throw Bad(nameof(Endpoints), "must not be null");
        foreach (var peer in PeerIds)
        {
            if (!Endpoints.TryGetValue(peer, out var endpoint) || endpoint is null)
                throw Bad(nameof(Endpoints), $"no endpoint for member '{peer}'");
        }
        foreach (var id in Endpoints.Keys)
        {
            if (!members.Contains(id)) throw Bad(nameof(Endpoints), $"endpoint given for '{id}', which is not in the member list");
        }
        var advertised = EffectiveAdvertisedAddr;
        if (advertised.Length == 0) throw Bad(nameof(AdvertisedAddr), "must not be empty");
        if (Encoding.UTF8.GetByteCount(advertised) > RespCodec.MaxBulkLength)
            throw Bad(nameof(AdvertisedAddr), $"is longer than {RespCodec.MaxBulkLength} bytes");
        if (!Enum.IsDefined(StartRole)) throw Bad(nameof(StartRole), $"{StartRole} is not a role");
        if (Config is null) throw Bad(nameof(Config), "must not be null");
        try
        {
            Config.Validate();
        }
        catch (ArgumentException e)
        {
            throw Bad(nameof(Config), e.Message);
        }
        if (Elector is null) throw Bad(nameof(Elector), "must not be null");
        if (Store is null) throw Bad(nameof(Store), "must not be null");
        if (Time is null) throw Bad(nameof(Time), "must not be null");
        if (OutboundQueueCapacity < 1) throw Bad(nameof(OutboundQueueCapacity), $"must be at least 1 (got {OutboundQueueCapacity})");
        if (MaxReadBuffer < MinReadBuffer) throw Bad(nameof(MaxReadBuffer), $"must be at least {MinReadBuffer} bytes (got {MaxReadBuffer})");
        if (ReconnectMin <= TimeSpan.Zero) throw Bad(nameof(ReconnectMin), $"must be positive (got {ReconnectMin})");
        if (ReconnectMax < ReconnectMin) throw Bad(nameof(ReconnectMax), $"must not be below ReconnectMin {ReconnectMin} (got {ReconnectMax})");
        if (ConnectTimeout <= TimeSpan.Zero) throw Bad(nameof(ConnectTimeout), $"must be positive (got {ConnectTimeout})");
    }

    private static ArgumentException Bad(string property, string reason) =>
        new($"NodeOptions.{property}: {reason}", property);
}
