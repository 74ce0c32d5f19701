using System.Net;
using System.Net.Sockets;

namespace KevySpec.Transport;

/// <summary>
/// N <see cref="ElectionNode"/>s on 127.0.0.1 with ports chosen at run time, for tests and load runs:
/// ids <c>n1</c>..<c>nN</c>, <c>n1</c> starts as Primary. Nodes can be killed (their sockets really close)
/// and restarted on the same port with the same store; links can be cut and healed, and a cut
/// outlives a restart of its sender.
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

    private LoopbackCluster(IReadOnlyList<string> ids, Dictionary<string, NodeOptions> options)
    {
        NodeIds = ids;
        _options = options;
        _nodes = ids.ToDictionary(id => id, _ => (ElectionNode?)null, StringComparer.Ordinal);
    }

    /// <summary>The node ids, <c>n1</c> first.</summary>
    public IReadOnlyList<string> NodeIds { get; }

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
    public static async Task<LoopbackCluster> StartAsync(int nodes, Func<string, NodeOptions, NodeOptions>? configure = null, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nodes, 1);
        var ids = Enumerable.Range(1, nodes).Select(i => $"n{i}").ToArray();
        var endpoints = ReservePorts(ids);
        var options = new Dictionary<string, NodeOptions>(StringComparer.Ordinal);
        for (var i = 0; i < ids.Length; i++)
        {
            var id = ids[i];
            var defaults = new NodeOptions
            {
                NodeId = id,
                PeerIds = ids,
                Endpoints = endpoints,
                StartRole = i == 0 ? Role.Primary : Role.Replica,
                JitterSeed = i + 1,
            };
            options[id] = configure?.Invoke(id, defaults) ?? defaults;
        }
        var cluster = new LoopbackCluster(ids, options);
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

    // Binding port 0 lets the OS pick free ports; they are released just before the nodes bind them.
    private static Dictionary<string, IPEndPoint> ReservePorts(string[] ids)
    {
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

    private void Check(string from, string to)
    {
        if (!_options.ContainsKey(from)) throw UnknownNode(from);
        if (!_options.ContainsKey(to)) throw UnknownNode(to);
        if (from == to) throw new ArgumentException($"'{from}' has no link to itself", nameof(to));
    }

    private static ArgumentException UnknownNode(string id) => new($"'{id}' is not a node of this cluster", nameof(id));
}
