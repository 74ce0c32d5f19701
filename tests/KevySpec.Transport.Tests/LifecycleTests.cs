using System.Net;
using System.Net.Sockets;
using KevySpec.Transport.Tests.Support;

namespace KevySpec.Transport.Tests;

public sealed class LifecycleTests(ITestOutputHelper output)
{
    [Fact]
    public async Task After_disposal_no_socket_is_left_listening()
    {
        var cluster = await LoopbackCluster.StartAsync(3, (_, o) => o with { Config = Timings.Fast });
        var endpoints = cluster.NodeIds.Select(id => cluster[id]!.LocalEndPoint).ToArray();
        await Eventually.WaitAsync(() => cluster["n2"]!.Snapshot().Primary == "n1", "n2 follows n1");
        foreach (var endpoint in endpoints) Assert.False(await Ports.IsRefusedAsync(endpoint));

        await cluster.DisposeAsync();
        foreach (var endpoint in endpoints) Assert.Equal(Ports.Refused, await Ports.ConnectOutcomeAsync(endpoint));
    }

    [Fact]
    public async Task Disposal_closes_the_connections_of_the_node()
    {
        await using var solo = await SoloNode.StartAsync(new InMemoryElectionStore(), output);
        using var client = await RawClient.ConnectAsync(solo.EndPoint);
        await solo.N1.WaitForAsync(m => m is Heartbeat, "n2 connects to n1");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await solo.StopNodeAsync();
        output.WriteLine($"disposal took {clock.ElapsedMilliseconds} ms");
        Assert.True(await client.WaitClosedByPeerAsync(), "an inbound connection stayed open");
        Assert.Equal(Ports.Refused, await Ports.ConnectOutcomeAsync(solo.EndPoint));
    }

    [Fact]
    public async Task A_killed_node_really_closes_and_comes_back_on_the_same_port()
    {
        await using var cluster = await LoopbackCluster.StartAsync(3, (_, o) => o with { Config = Timings.Steady, Log = Log });
        var endpoint = cluster["n3"]!.LocalEndPoint;
        await Eventually.WaitAsync(() => cluster["n1"]!.Snapshot().DownPeers.Count == 0 && cluster["n3"]!.Snapshot().Primary == "n1", "n1 and n3 hear each other");
        await cluster.KillAsync("n3");
        Assert.Null(cluster["n3"]);
        Assert.Equal(Ports.Refused, await Ports.ConnectOutcomeAsync(endpoint));
        await cluster.RestartAsync("n3");
        Assert.Equal(endpoint, cluster["n3"]!.LocalEndPoint);
        await Eventually.WaitAsync(() => cluster["n3"]!.Snapshot() is { Primary: "n1", HasQuorum: true }, "n3 follows n1 again",
            state: () => ClusterText.Describe(cluster));
        await Eventually.WaitAsync(() => cluster["n1"]!.Snapshot().Counters.Reconnects >= 1, "n1 reconnected to n3",
            state: () => ClusterText.Describe(cluster));
    }

    [Fact]
    public async Task A_restarted_node_hears_its_peers_at_once_even_when_their_reconnect_pause_is_long()
    {
        // Peers would wait 3 s to reconnect to n3, far beyond its 1 s cold-start grace: without the
        // nudge (a peer that speaks is up) n3 would stand at a higher epoch and never follow n1.
        var n3Roles = new System.Collections.Concurrent.ConcurrentQueue<TopologyChange>();
        await using var cluster = await LoopbackCluster.StartAsync(3, (id, o) => o with
        {
            Config = Timings.Fast with { DownAfter = TimeSpan.FromSeconds(1) },
            Log = Log,
            ReconnectMin = TimeSpan.FromSeconds(3),
            ReconnectMax = TimeSpan.FromSeconds(3),
            OnTopologyChange = id == "n3" ? n3Roles.Enqueue : null,
        });
        await Eventually.WaitAsync(() => cluster.NodeIds.All(id => cluster[id]!.Snapshot() is { DownPeers.Count: 0 } s && (id == "n1" || s.Primary == "n1")),
            "everyone follows n1", state: () => ClusterText.Describe(cluster));
        await cluster.KillAsync("n3");
        n3Roles.Clear();
        await cluster.RestartAsync("n3");
        await Eventually.WaitAsync(() => cluster["n3"]!.Snapshot() is { Primary: "n1", DownPeers.Count: 0 }, "the restarted n3 hears everyone and follows n1",
            state: () => ClusterText.Describe(cluster));
        Assert.DoesNotContain(n3Roles, c => c.Role != Role.Replica);
        Assert.All(cluster.NodeIds, id => Assert.Equal(1ul, cluster[id]!.Snapshot().Epoch));
        Assert.Equal(Role.Primary, cluster["n1"]!.Snapshot().Role);
    }

    private void Log(string line) => SoloNode.Try(() => output.WriteLine(line));

    [Fact]
    public async Task A_taken_port_fails_the_start_clearly()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var endpoint = (IPEndPoint)squatter.LocalEndpoint;
        var options = new NodeOptions
        {
            NodeId = "n1",
            PeerIds = ["n1", "n2"],
            Endpoints = new Dictionary<string, IPEndPoint> { ["n1"] = endpoint, ["n2"] = Ports.Free() },
        };
        var e = await Assert.ThrowsAsync<IOException>(() => ElectionNode.StartAsync(options));
        Assert.Equal($"node 'n1' cannot listen on {endpoint}: the address is already in use", e.Message);
    }

    [Fact]
    public async Task Two_nodes_configured_on_one_port_do_not_share_it()
    {
        var endpoint = Ports.Free();
        NodeOptions OptionsFor(string id) => new()
        {
            NodeId = id,
            PeerIds = ["n1", "n2"],
            Endpoints = new Dictionary<string, IPEndPoint> { ["n1"] = endpoint, ["n2"] = endpoint },
        };
        await using var first = await ElectionNode.StartAsync(OptionsFor("n1"));

        // Sharing would split the inbound connections between the two listeners at random.
        var e = await Assert.ThrowsAsync<IOException>(() => ElectionNode.StartAsync(OptionsFor("n2")));
        Assert.Equal($"node 'n2' cannot listen on {endpoint}: the address is already in use", e.Message);
    }

    [Theory]
    [InlineData("no endpoint", "NodeOptions.Endpoints: no endpoint for member 'n2'")]
    [InlineData("stranger endpoint", "NodeOptions.Endpoints: endpoint given for 'x', which is not in the member list")]
    [InlineData("self not a member", "NodeOptions.PeerIds: the member list must include this node 'n1'")]
    [InlineData("duplicate member", "NodeOptions.PeerIds: node id 'n2' appears twice")]
    [InlineData("bad id", "NodeOptions.NodeId: node id 'n 1' must be printable ASCII without spaces (found U+0020)")]
    [InlineData("zero queue", "NodeOptions.OutboundQueueCapacity: must be at least 1 (got 0)")]
    [InlineData("tiny buffer", "NodeOptions.MaxReadBuffer: must be at least 512 bytes (got 100)")]
    [InlineData("backoff", "NodeOptions.ReconnectMax: must not be below ReconnectMin 00:00:00.0200000 (got 00:00:00.0100000)")]
    [InlineData("timing", "NodeOptions.Config: HbInterval must be positive (got 00:00:00).")]
    public async Task Bad_options_are_refused_with_the_property_and_the_reason(string kind, string message)
    {
        var endpoints = new Dictionary<string, IPEndPoint> { ["n1"] = Ports.Free(), ["n2"] = Ports.Free() };
        var good = new NodeOptions { NodeId = "n1", PeerIds = ["n1", "n2"], Endpoints = endpoints };
        var options = kind switch
        {
            "no endpoint" => good with { Endpoints = new Dictionary<string, IPEndPoint> { ["n1"] = endpoints["n1"] } },
            "stranger endpoint" => good with { Endpoints = new Dictionary<string, IPEndPoint>(endpoints) { ["x"] = Ports.Free() } },
            "self not a member" => good with { PeerIds = ["n2"] },
            "duplicate member" => good with { PeerIds = ["n1", "n2", "n2"] },
            "bad id" => good with { NodeId = "n 1" },
            "zero queue" => good with { OutboundQueueCapacity = 0 },
            "tiny buffer" => good with { MaxReadBuffer = 100 },
            "backoff" => good with { ReconnectMax = TimeSpan.FromMilliseconds(10) },
            "timing" => good with { Config = Timings.Fast with { HbInterval = TimeSpan.Zero } },
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        var e = await Assert.ThrowsAsync<ArgumentException>(() => ElectionNode.StartAsync(options));
        Assert.StartsWith(message, e.Message);
        Assert.True(await Ports.IsRefusedAsync(endpoints["n1"]));
    }

    [Fact]
    public async Task The_replication_offset_reaches_the_heartbeats()
    {
        await using var solo = await SoloNode.StartAsync(new InMemoryElectionStore(), output);
        solo.Node!.SetReplOffset(4242);
        await solo.N1.WaitForAsync(m => m is Heartbeat { ReplOffset: 4242, NodeId: "n2" }, "a heartbeat with the new offset");
    }

    [Fact]
    public async Task A_full_queue_to_an_unreachable_peer_drops_the_oldest_and_counts_them()
    {
        // n3 is a free port nobody listens on: n2's heartbeats to it pile up in its queue of 4.
        await using var solo = await SoloNode.StartAsync(new InMemoryElectionStore(), output,
            o => o with { OutboundQueueCapacity = 4, Endpoints = new Dictionary<string, IPEndPoint>(o.Endpoints) { ["n3"] = Ports.Free() } });
        await Eventually.WaitAsync(() => solo.Node!.Snapshot().Counters.FramesDropped >= 10, "heartbeats to the unreachable n3 are dropped");
        Assert.Empty(solo.N3.Frames);
        Assert.NotEmpty(solo.N1.Frames);
    }
}
