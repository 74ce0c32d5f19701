using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace KevySpec.Transport;

/// <summary>
/// One elector on TCP: listens on its endpoint, keeps one outbound connection per peer, and runs the
/// elector on a single loop that ticks after each inbound frame and exactly when the elector's
/// <see cref="Elector.NextTickAt"/> falls due (no polling). The wire is PROTOCOL.md's RESP2 frames with
/// no handshake (unless <see cref="NodeOptions.AuthSecret"/> is set), so it can share a cluster with
/// reference nodes.
/// </summary>
public sealed partial class ElectionNode : IAsyncDisposable
{
    private static readonly TimeSpan StopBudget = TimeSpan.FromSeconds(1);

    private readonly NodeContext _ctx;
    private readonly Elector _elector;
    private readonly StepRecordingStore? _recorder;
    private readonly SaveCounter _saves;
    private readonly bool _restarted;
    private readonly Role _startRole;
    private readonly Socket _listener;
    private readonly Channel<LoopItem> _inbox;
    private readonly PeerLink[] _links;
    private readonly Dictionary<string, PeerLink> _linkById;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<InboundConnection, Task> _inbound = new();
    private readonly List<Task> _loops = [];
    private readonly long _origin;
    private ITimer? _timer;
    private Task? _disposal;

    private ElectionNode(NodeOptions options, IJitterSource jitter, bool restarted)
    {
        _ctx = new NodeContext(options);
        NodeId = options.NodeId;
        _restarted = restarted;
        var persisted = options.Store.Load();
        _startRole = StartRoleFor(options.StartRole, persisted);
        _elector = options.Elector.Create(options.NodeId, options.PeerIds, options.EffectiveAdvertisedAddr, _startRole, options.Config, jitter);
        // A first start records its epoch, so that a later start finds state and knows it is not the first.
        if (persisted == PersistedVote.Empty) options.Store.Save(new PersistedVote(_elector.Epoch, null));
        // Steps are reported with their saves, so a step observer needs the saves recorded.
        _saves = new SaveCounter(options.Store);
        _recorder = options.OnStep is null ? null : new StepRecordingStore(_saves) { Owner = _elector };
        _elector.AttachStore(_recorder ?? (IElectionStore)_saves);
        _origin = options.Time.GetTimestamp();
        _others = [.. options.PeerIds.Where(p => p != options.NodeId)];
        _lastHeard = [.. _others.Select(_ => NeverHeard)];
        Faults = new LinkFaults(options.NodeId, options.PeerIds);
        _links = [.. _others.Select(peer => new PeerLink(_ctx, peer, options.Endpoints[peer], Faults.State(peer)))];
        _linkById = _links.ToDictionary(link => link.Peer, StringComparer.Ordinal);
        _ctx.Heard = peer => _linkById[peer].Nudge();
        _inbox = Channel.CreateBounded<LoopItem>(new BoundedChannelOptions(1024)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            // The loop resumes on the thread that hands it work (a connection's reader or a timer
            // callback, both pool threads): one thread hop per event instead of two.
            AllowSynchronousContinuations = true,
        });
        _listener = Listen(options.NodeId, options.Endpoints[options.NodeId]);
        LocalEndPoint = (IPEndPoint)_listener.LocalEndPoint!;
        _state = new NodeState(_elector.Role, _elector.Epoch, _elector.CurrentPrimary, _elector.HasQuorum(TimeSpan.Zero));
    }

    /// <summary>This node's id.</summary>
    public string NodeId { get; }

    /// <summary>The role the elector started in: <see cref="NodeOptions.StartRole"/>, except that a configured primary with persisted election state starts as a replica.</summary>
    public Role StartRole => _startRole;

    /// <summary>The endpoint the listener is bound to.</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Fault injection on this node's outbound links (by peer id).</summary>
    public LinkFaults Faults { get; }

    /// <summary>
    /// Validates <paramref name="options"/> (<see cref="ArgumentException"/> naming the property), loads the store
    /// (its exception, e.g. a <c>PersistenceException</c>, propagates), binds the listener (<see cref="IOException"/>
    /// naming the endpoint when it is taken) and starts the loops.
    /// </summary>
    public static Task<ElectionNode> StartAsync(NodeOptions options, CancellationToken ct = default) => StartAsync(options, null, restarted: false, ct);

    /// <summary>
    /// Starts a node as <see cref="StartAsync(NodeOptions, CancellationToken)"/> does, for a host that runs its nodes
    /// in-process (a test cluster): <paramref name="prepare"/> sets the node's <see cref="Faults"/> before it makes any
    /// connection, and a <paramref name="restarted"/> node reports its first step to <see cref="NodeOptions.OnStep"/>
    /// as a restart rather than a new node.
    /// </summary>
    public static Task<ElectionNode> StartAsync(NodeOptions options, Action<LinkFaults>? prepare, bool restarted, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ct.ThrowIfCancellationRequested();
        options.Validate();
        var seed = options.JitterSeed ?? Random.Shared.Next();
        var node = new ElectionNode(options, options.Jitter ?? new SeededJitter(seed), restarted);
        prepare?.Invoke(node.Faults);
        node.Start(options.Jitter is null ? seed : null);
        return Task.FromResult(node);
    }

    /// <summary>
    /// The elector's state as of its last step, with the DOWN peers and the counters read now (a peer is DOWN
    /// when its last heartbeat is down_after old). Thread-safe.
    /// </summary>
    public NodeSnapshot Snapshot()
    {
        var state = _state;
        return new NodeSnapshot(NodeId, state.Role, state.Epoch, state.Primary, DownPeersAt(Now()).AsReadOnly(), state.HasQuorum, _ctx.Counters.Read());
    }

    /// <summary>Sets the replication offset the elector advertises; applied on the elector loop before its next step.</summary>
    public void SetReplOffset(ulong offset)
    {
        Interlocked.Exchange(ref _pendingOffset, unchecked((long)offset));
        Volatile.Write(ref _offsetChanged, 1);
        // Wake the loop from the pool, so that it never runs on (and calls back on) the caller's thread.
        ThreadPool.UnsafeQueueUserWorkItem(static inbox => inbox.TryWrite(LoopItem.Wake), _inbox.Writer, preferLocal: false);
    }

    /// <summary>Stops every loop and closes every socket (the listener first); returns within about a second.</summary>
    public ValueTask DisposeAsync()
    {
        lock (_loops) _disposal ??= StopAsync();
        return new ValueTask(_disposal);
    }

    private static Socket Listen(string nodeId, IPEndPoint endpoint)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            AllowRebindOverTimeWait(socket);
            socket.Bind(endpoint);
            socket.Listen(64);
            return socket;
        }
        catch (SocketException e)
        {
            socket.Dispose();
            var why = e.SocketErrorCode == SocketError.AddressAlreadyInUse ? "the address is already in use" : e.Message;
            throw new IOException($"node '{nodeId}' cannot listen on {endpoint}: {why}", e);
        }
    }

    // A restarted node must get its port back while old connections linger in TIME_WAIT: SO_REUSEADDR.
    // Not .NET's ReuseAddress option: on Unix it also sets SO_REUSEPORT, which lets a second listener
    // (another node configured on the same port, even in another process) share the port and take
    // half of its connections. Windows needs nothing (its default already allows the rebind).
    private static void AllowRebindOverTimeWait(Socket socket)
    {
        const int one = 1;
        if (OperatingSystem.IsLinux()) socket.SetRawSocketOption(1 /* SOL_SOCKET */, 2 /* SO_REUSEADDR */, BitConverter.GetBytes(one));
        else if (OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD()) socket.SetRawSocketOption(0xffff /* SOL_SOCKET */, 4 /* SO_REUSEADDR */, BitConverter.GetBytes(one));
    }

    // The start role is the operator's declaration for the cluster's first start. A node that has run before may
    // have been replaced by an elected primary meanwhile: standing up as primary again would make two writable
    // primaries until the newer one's heartbeat arrives, so it starts as a replica and lets the election decide.
    private static Role StartRoleFor(Role configured, PersistedVote persisted) =>
        configured == Role.Primary && persisted != PersistedVote.Empty ? Role.Replica : configured;

    private void Start(int? jitterSeed)
    {
        var options = _ctx.Options;
        if (_startRole != options.StartRole)
            _ctx.Log($"found persisted election state (epoch {_elector.Epoch}): starting as replica, not {options.StartRole.ToWire()} (the start role applies at the first start only)");
        _ctx.Log($"listening on {LocalEndPoint} as {_startRole.ToWire()}, epoch {_elector.Epoch}"
            + (jitterSeed is { } seed ? $", jitter seed {seed}" : "")
            + (_ctx.Secret is null ? "" : ", authentication on"));
        _timer = options.Time.CreateTimer(_ => _inbox.Writer.TryWrite(LoopItem.Wake), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        var token = _stop.Token;
        lock (_loops)
        {
            _loops.Add(Task.Run(RunLoopAsync, CancellationToken.None));
            _loops.Add(Task.Run(AcceptLoopAsync, CancellationToken.None));
            foreach (var link in _links) _loops.Add(Task.Run(() => link.RunAsync(token), CancellationToken.None));
        }
    }

    private async Task AcceptLoopAsync()
    {
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync(token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                if (token.IsCancellationRequested) return;
                _ctx.Log($"accept failed: {e.SocketErrorCode}");
                continue;
            }
            socket.NoDelay = true;
            var connection = new InboundConnection(_ctx, socket, DeliverAsync);
            var served = connection.RunAsync(token);
            _inbound[connection] = served;
            _ = served.ContinueWith(_ => _inbound.TryRemove(connection, out var _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            if (token.IsCancellationRequested) connection.Close();
        }
    }

    private ValueTask DeliverAsync(LoopItem item, CancellationToken ct) => _inbox.Writer.WriteAsync(item, ct);

    private async Task StopAsync()
    {
        _stop.Cancel();
        _timer?.Dispose();
        _listener.Dispose();
        foreach (var connection in _inbound.Keys) connection.Close();
        foreach (var link in _links) link.CloseConnection();
        _inbox.Writer.TryComplete();
        Task[] pending;
        lock (_loops) pending = [.. _loops, .. _inbound.Values];
        try
        {
            await Task.WhenAll(pending).WaitAsync(StopBudget).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _ctx.Log($"some loops were still running {StopBudget.TotalSeconds:0} s after disposal");
        }
        catch (Exception e)
        {
            _ctx.Log($"a loop failed while stopping: {e.GetType().Name}: {e.Message}");
        }
        // The loop has ended: the node's last step is its death (it no longer counts as a live primary).
        ReportStep(StepKind.Crash, (_elector.Role, _elector.Epoch), []);
        _ctx.Log("stopped");
    }
}
