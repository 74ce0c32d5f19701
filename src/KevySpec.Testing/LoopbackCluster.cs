using System.Net;
using System.Net.Sockets;

namespace KevySpec.Transport;

/// <summary>
/// N <see cref="ElectionNode"/>s on 127.0.0.1 with ports chosen at run time, for tests and load runs:
/// ids <c>n1</c>..<c>nN</c>, <c>n1</c> starts as Primary. Nodes can be killed (their sockets really close)
/// and restarted on the same port with the same store; links can be cut and healed, and a cut
/// outlives a restart of its sender. A cluster too big for one process's open-file limit can be
/// spread over several: each hosts some of the members (<see cref="StartAsync(IReadOnlyList{string}, IReadOnlyDictionary{string, IPEndPoint}, IReadOnlyCollection{string}, Func{string, NodeOptions, NodeOptions}?, CancellationToken)"/>).
/// </summary>
public sealed class LoopbackCluster : IAsyncDisposable
{
    private const int RebindAttempts = 40;
    private static readonly TimeSpan RebindPause = TimeSpan.FromMilliseconds(50);

    private readonly Dictionary<string, NodeOptions> _options;
    private readonly Dictionary<string, ElectionNode?> _nodes;
    private readonly HashSet<(string From, string To)> _cuts = [];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _disposed;

    private LoopbackCluster(IReadOnlyList<string> members, IReadOnlyList<string> hosted, Dictionary<string, NodeOptions> options)
    {
        Members = members;
        NodeIds = hosted;
        _options = options;
        _nodes = hosted.ToDictionary(id => id, _ => (ElectionNode?)null, StringComparer.Ordinal);
    }

    /// <summary>The ids of the nodes this process hosts, in member order (every member unless the cluster is spread over processes).</summary>
    public IReadOnlyList<string> NodeIds { get; }

    /// <summary>Every member of the cluster, <c>n1</c> first, wherever it runs.</summary>
    public IReadOnlyList<string> Members { get; }

    /// <summary>The running node <paramref name="id"/>, or null while it is killed.</summary>
    public ElectionNode? this[string id]
    {
        get
        {
            lock (_nodes) return _nodes.TryGetValue(id, out var node) ? node : throw UnknownNode(id);
        }
    }

    /// <summary>The options node <paramref name="id"/> runs with (after <c>configure</c>).</summary>
    public NodeOptions OptionsOf(string id) => _options.TryGetValue(id, out var options) ? options : throw UnknownNode(id);

    /// <summary>
    /// Starts <paramref name="nodes"/> nodes. <paramref name="configure"/> may change each node's options
    /// (id, default options → options), e.g. timings, a <c>FileElectionStore</c> or a log; the member list and
    /// endpoints should be kept.
    /// </summary>
    public static Task<LoopbackCluster> StartAsync(int nodes, Func<string, NodeOptions, NodeOptions>? configure = null, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nodes, 1);
        var ids = IdsFor(nodes);
        return StartAsync(ids, ReservePorts(ids), ids, configure, ct);
    }

    /// <summary>
    /// Starts the members listed in <paramref name="hosted"/> of a cluster of <paramref name="members"/> (the first
    /// starts as Primary) listening at <paramref name="endpoints"/>; the others run elsewhere, e.g. in another process
    /// started with the same members and endpoints. <paramref name="configure"/> is as for <see cref="StartAsync(int, Func{string, NodeOptions, NodeOptions}?, CancellationToken)"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A hosted id is not a member, or a member has no endpoint.</exception>
    public static async Task<LoopbackCluster> StartAsync(IReadOnlyList<string> members, IReadOnlyDictionary<string, IPEndPoint> endpoints,
        IReadOnlyCollection<string> hosted, Func<string, NodeOptions, NodeOptions>? configure = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(hosted);
        foreach (var id in hosted)
            if (!members.Contains(id)) throw new ArgumentException($"'{id}' is not a member ({string.Join(", ", members)})", nameof(hosted));
        var ids = members.Where(hosted.Contains).ToArray();
        var options = new Dictionary<string, NodeOptions>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            var index = IndexOf(members, id);
            var defaults = new NodeOptions
            {
                NodeId = id,
                PeerIds = members,
                Endpoints = endpoints,
                StartRole = index == 0 ? Role.Primary : Role.Replica,
                JitterSeed = index + 1,
            };
            options[id] = configure?.Invoke(id, defaults) ?? defaults;
        }
        var cluster = new LoopbackCluster(members, ids, options);
        try
        {
            foreach (var id in ids)
            {
                var node = await StartNodeAsync(options[id], null, restarted: false, ct).ConfigureAwait(false);
                lock (cluster._nodes) cluster._nodes[id] = node;
            }
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return cluster;
    }

    /// <summary>Disposes node <paramref name="id"/> (its listener and connections close); its store is kept. No-op if already killed.</summary>
    public async Task KillAsync(string id)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            ElectionNode? node;
            lock (_nodes)
            {
                node = _nodes.TryGetValue(id, out var found) ? found : throw UnknownNode(id);
                _nodes[id] = null;
            }
            if (node is not null) await node.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Starts node <paramref name="id"/> again on the same port with the same store (killing it first if it runs).</summary>
    public async Task RestartAsync(string id, Role startRole = Role.Replica)
    {
        await KillAsync(id).ConfigureAwait(false);
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            string[] cut;
            lock (_cuts) cut = [.. _cuts.Where(c => c.From == id).Select(c => c.To)];
            var node = await StartNodeAsync(_options[id] with { StartRole = startRole }, faults =>
            {
                foreach (var to in cut) faults.Cut(to);
            }, restarted: true, CancellationToken.None).ConfigureAwait(false);
            lock (_nodes) _nodes[id] = node;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Cuts the directed link <paramref name="from"/> → <paramref name="to"/> (also across restarts of <paramref name="from"/>).</summary>
    public void Cut(string from, string to)
    {
        Check(from, to);
        lock (_cuts) _cuts.Add((from, to));
        this[from]?.Faults.Cut(to);
    }

    /// <summary>Heals the directed link <paramref name="from"/> → <paramref name="to"/>.</summary>
    public void Heal(string from, string to)
    {
        Check(from, to);
        lock (_cuts) _cuts.Remove((from, to));
        this[from]?.Faults.Heal(to);
    }

    /// <summary>Heals every link and clears every node's delay and drop faults.</summary>
    public void HealAll()
    {
        lock (_cuts) _cuts.Clear();
        foreach (var id in NodeIds) this[id]?.Faults.HealAll();
    }

    /// <summary>Disposes every running node.</summary>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed) return;
            _disposed = true;
            ElectionNode[] running;
            lock (_nodes)
            {
                running = [.. _nodes.Values.OfType<ElectionNode>()];
                foreach (var id in NodeIds) _nodes[id] = null;
            }
            await Task.WhenAll(running.Select(node => node.DisposeAsync().AsTask())).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    // While a node's port is free (before its start, or while it is killed), a peer's connection attempt
    // may briefly hold it as its ephemeral local port: binding then fails for a moment, so retry.
    private static async Task<ElectionNode> StartNodeAsync(NodeOptions options, Action<LinkFaults>? prepare, bool restarted, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ElectionNode.StartAsync(options, prepare, restarted, ct).ConfigureAwait(false);
            }
            catch (IOException e) when (attempt < RebindAttempts && e.InnerException is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
            {
                await Task.Delay(RebindPause, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The ids of a cluster of <paramref name="nodes"/>: <c>n1</c>..<c>nN</c>.</summary>
    public static IReadOnlyList<string> IdsFor(int nodes) => [.. Enumerable.Range(1, nodes).Select(i => $"n{i}")];

    /// <summary>
    /// Free ports on 127.0.0.1, one per id: the OS picks them (binding port 0) and they are released at once,
    /// so bind them soon (a node start retries a port that a connection attempt holds for a moment).
    /// </summary>
    public static IReadOnlyDictionary<string, IPEndPoint> ReservePorts(IReadOnlyList<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var sockets = new List<Socket>();
        try
        {
            var endpoints = new Dictionary<string, IPEndPoint>(StringComparer.Ordinal);
            foreach (var id in ids)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                sockets.Add(socket);
                socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                endpoints[id] = (IPEndPoint)socket.LocalEndPoint!;
            }
            return endpoints;
        }
        finally
        {
            foreach (var socket in sockets) socket.Dispose();
        }
    }

    private static int IndexOf(IReadOnlyList<string> members, string id)
    {
        for (var i = 0; i < members.Count; i++)
            if (members[i] == id) return i;
        return -1;
    }

    private void Check(string from, string to)
    {
        if (!_options.ContainsKey(from)) throw UnknownNode(from);
        if (!Members.Contains(to)) throw new ArgumentException($"'{to}' is not a member of this cluster", nameof(to));
        if (from == to) throw new ArgumentException($"'{from}' has no link to itself", nameof(to));
    }

    private ArgumentException UnknownNode(string id) =>
        new(Members.Contains(id) ? $"'{id}' is a member hosted by another process" : $"'{id}' is not a node of this cluster", nameof(id));
}
