using Stateless;

namespace KevySpec;

/// <summary>
/// The sans-IO elector of the kevy election protocol: feed it <see cref="Tick"/> and
/// <see cref="OnMessage"/>, send what they return. It never reads a clock, a socket or a
/// random source; time is an argument.
/// </summary>
/// <remarks>
/// This class holds the protocol's state and its vocabulary: the named guards
/// (<c>Elector.Guards.cs</c>) and actions (<c>Elector.Actions.cs</c>). Which guard leads to
/// which action and role lives only in a spec table (<c>spec/*.spec.md</c>), which the
/// KevySpec generator compiles into a sealed subclass such as <c>ReferenceElector</c>.
/// The role is written only by that subclass's Stateless machine.
/// </remarks>
public abstract partial class Elector
{
    private static readonly Outbound[] NoOutput = [];

    private readonly string[] _peers;
    private readonly TimeSpan?[] _lastHbSent;
    private readonly Dictionary<string, PeerView> _views = new(StringComparer.Ordinal);
    private readonly HashSet<string> _tally = new(StringComparer.Ordinal);
    private readonly List<Outbound> _out = [];
    private readonly IJitterSource _jitter;
    private IElectionStore _store = NullElectionStore.Instance;

    private Role _role;
    private ulong _epoch = 1;
    private string? _currentPrimary;
    private ulong _offset;
    private TimeSpan? _firstTick;
    private TimeSpan? _offerAt;
    private TimeSpan? _backoffUntil;
    private TimeSpan? _lastVouch;
    private ulong? _votedEpoch;
    private TimeSpan _lastNow;
    private TimeSpan _lastTick;

    // The step being processed: set by Tick/OnMessage before any guard runs.
    private TimeSpan _now;
    private string _from = "";

    /// <summary>Builds an elector; see PROTOCOL.md "Public surface".</summary>
    /// <param name="nodeId">This node's id.</param>
    /// <param name="peerIds">The full member list, <b>including</b> this node, in the operator's order.</param>
    /// <param name="advertisedAddr">The address this node announces when it wins.</param>
    /// <param name="startRole">Primary for the bootstrap primary, Replica otherwise; Candidate for a host restarting mid-candidacy.</param>
    /// <param name="config">Timings; null for the protocol's defaults.</param>
    /// <param name="jitter">Backoff jitter source; null for no jitter.</param>
    /// <exception cref="ArgumentException">An id, the member list or a timing is invalid; the message names it.</exception>
    protected Elector(string nodeId, IReadOnlyList<string> peerIds, string advertisedAddr, Role startRole, ElectConfig? config, IJitterSource? jitter)
    {
        ArgumentNullException.ThrowIfNull(peerIds);
        ArgumentNullException.ThrowIfNull(advertisedAddr);
        if (NodeIds.Problem(nodeId) is { } idProblem) throw new ArgumentException(idProblem, nameof(nodeId));
        if (peerIds.Count == 0) throw new ArgumentException("the member list must not be empty", nameof(peerIds));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var peer in peerIds)
        {
            if (NodeIds.Problem(peer) is { } problem) throw new ArgumentException($"member list: {problem}", nameof(peerIds));
            if (!seen.Add(peer)) throw new ArgumentException($"member list: node id '{peer}' appears twice", nameof(peerIds));
        }
        if (!seen.Contains(nodeId)) throw new ArgumentException($"member list must include this node '{nodeId}'", nameof(peerIds));
        if (!Enum.IsDefined(startRole)) throw new ArgumentException($"start role {startRole} is not a role", nameof(startRole));
        Config = config ?? ElectConfig.Default;
        if (FencesWithLease) Config.ValidateWriteFence();
        else Config.Validate();

        NodeId = nodeId;
        _peers = [.. peerIds];
        PeerIds = Array.AsReadOnly(_peers);
        AdvertisedAddress = advertisedAddr;
        _jitter = jitter ?? new FixedJitter(TimeSpan.Zero);
        _lastHbSent = new TimeSpan?[_peers.Length];
        _role = startRole;
    }

    /// <summary>This node's id.</summary>
    public string NodeId { get; }

    /// <summary>The full member list, including this node.</summary>
    public IReadOnlyList<string> PeerIds { get; }

    /// <summary>The address announced when this node wins.</summary>
    public string AdvertisedAddress { get; }

    /// <summary>The timings.</summary>
    public ElectConfig Config { get; }

    /// <summary>The self-perceived role.</summary>
    public Role Role => _role;

    /// <summary>The current epoch (starts at 1).</summary>
    public ulong Epoch => _epoch;

    /// <summary>The last known primary, or null.</summary>
    public string? CurrentPrimary => _currentPrimary;

    /// <summary>This node's replication offset, as set by <see cref="SetReplOffset"/>.</summary>
    public ulong ReplOffset => _offset;

    /// <summary>Votes needed to win: <c>members / 2 + 1</c>.</summary>
    public int Quorum => KevySpec.Quorum.Of(_peers.Length);

    /// <summary>The table this elector was generated from.</summary>
    public abstract SpecTable Spec { get; }

    /// <summary>Stateless's description of this elector's machine: states, triggers and guard texts.</summary>
    public abstract Stateless.Reflection.StateMachineInfo GetInfo();

    /// <summary>Records this node's replication offset (used in HB, OFFER, candidacy and votes).</summary>
    public void SetReplOffset(ulong offset) => _offset = offset;

    /// <summary>
    /// The write fence: true while this node may take writes as far as quorum goes. A primary that
    /// answers false must fence writes. By default (the protocol's rule) it hears a majority:
    /// <c>(reachable + 1) * 2 &gt; members</c>, where reachable counts heartbeat senders heard less
    /// than <c>down_after</c> ago. A primary of a spec that declares the <c>lease-quorum</c> fence counts
    /// only replicas heard at its own epoch less than <c>write_lease</c> ago (<see cref="LeaseQuorum"/>);
    /// any other node of such a spec answers the protocol's rule (it takes no writes, so the answer only
    /// says whether it hears a majority).
    /// </summary>
    public bool HasQuorum(TimeSpan now) => FencesWithLease && _role == Role.Primary ? LeaseQuorum(now) : HearsMajority(now);

    /// <summary>
    /// True when the generated elector's spec fences writes with <c>lease-quorum</c> instead of the
    /// protocol's majority of fresh views.
    /// </summary>
    protected virtual bool FencesWithLease => false;

    private bool HearsMajority(TimeSpan now)
    {
        var reachable = 0;
        foreach (var view in _views.Values)
            if (Freshness.IsFresh(view, now, Config)) reachable++;
        return KevySpec.Quorum.IsMajority(reachable + 1, Math.Max(_peers.Length, 1));
    }

    /// <summary>Replaces the persistence store and restores from it: the epoch never goes back, and a recorded vote guards its epoch.</summary>
    public void AttachStore(IElectionStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var loaded = store.Load();
        if (loaded.Epoch > 0)
        {
            _epoch = Math.Max(_epoch, loaded.Epoch);
            if (loaded.VotedFor is not null) _votedEpoch = loaded.Epoch;
        }
        _store = store;
    }

    /// <summary>Runs the tick stages of the spec in order and returns what to send, in order.</summary>
    public IReadOnlyList<Outbound> Tick(TimeSpan now)
    {
        Begin(now, NodeId);
        _lastTick = now;
        RunTickStages();
        return Drain();
    }

    /// <summary>Handles one message from <paramref name="from"/> and returns what to send, in order.</summary>
    public IReadOnlyList<Outbound> OnMessage(string from, ElectionMessage message, TimeSpan now)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(message);
        Begin(now, from);
        Dispatch(message);
        return Drain();
    }

    /// <summary>Runs the tick stages, in the spec's order (generated).</summary>
    protected abstract void RunTickStages();

    /// <summary>Routes a message to its trigger's rows (generated).</summary>
    protected abstract void Dispatch(ElectionMessage message);

    /// <summary>
    /// A Stateless machine whose state is this elector's role: the only writer of the role.
    /// Generated subclasses configure it from their spec table.
    /// </summary>
    protected StateMachine<Role, TTrigger> CreateMachine<TTrigger>() => new(() => _role, role => _role = role);

    private void Begin(TimeSpan now, string from)
    {
        _now = now;
        _from = from;
        if (now > _lastNow) _lastNow = now;
        _out.Clear();
    }

    private IReadOnlyList<Outbound> Drain() => _out.Count == 0 ? NoOutput : _out.ToArray();
}
