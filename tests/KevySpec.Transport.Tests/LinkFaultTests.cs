using System.Diagnostics;
using KevySpec.Transport.Tests.Support;

namespace KevySpec.Transport.Tests;

public sealed class LinkFaultTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_link_dropping_every_frame_makes_the_sender_look_down_until_it_is_lifted()
    {
        var config = Timings.Fast with { DownAfter = TimeSpan.FromSeconds(1), ElectionTimeout = TimeSpan.FromSeconds(1) };
        await using var cluster = await LoopbackCluster.StartAsync(3, (_, o) => o with { Config = config, Log = Log });
        await Eventually.WaitAsync(() => cluster["n2"]!.Snapshot() is { Primary: "n1", DownPeers.Count: 0 }, "n2 follows n1 and hears everyone");

        cluster["n3"]!.Faults.SetDropRatio("n2", 1.0, seed: 1);
        await Eventually.WaitAsync(() => cluster["n2"]!.Snapshot().DownPeers.SequenceEqual(["n3"]), "n2 sees n3 down",
            state: () => ClusterText.Describe(cluster));
        Assert.True(cluster["n3"]!.Snapshot().Counters.FramesDropped > 0);
        Assert.True(cluster["n1"]!.Snapshot().DownPeers.Count == 0, "only the link n3 → n2 drops frames");

        cluster["n3"]!.Faults.SetDropRatio("n2", 0);
        await Eventually.WaitAsync(() => cluster["n2"]!.Snapshot().DownPeers.Count == 0, "n2 hears n3 again");
    }

    [Fact]
    public async Task A_partial_drop_ratio_drops_some_frames_and_not_others()
    {
        await using var cluster = await LoopbackCluster.StartAsync(3, (_, o) => o with { Config = Timings.Steady, Log = Log });
        cluster["n3"]!.Faults.SetDropRatio("n2", 0.5, seed: 42);
        var before = cluster["n3"]!.Snapshot().Counters;
        await Eventually.WaitAsync(() => cluster["n3"]!.Snapshot().Counters.FramesDropped >= before.FramesDropped + 20, "some frames to n2 are dropped");
        await Eventually.WaitAsync(() => cluster["n2"]!.Snapshot().DownPeers.Count == 0, "others still reach n2");
    }

    [Fact]
    public async Task A_delay_holds_each_frame_at_least_that_long_and_keeps_the_order()
    {
        var delay = TimeSpan.FromMilliseconds(300);
        await using var solo = await SoloNode.StartAsync(new InMemoryElectionStore(), output);
        await solo.N1.WaitForAsync(m => m is Heartbeat, "n2 heartbeats n1");
        solo.Node!.Faults.SetDelay("n1", delay);

        using var n1 = await RawClient.ConnectAsync(solo.EndPoint);
        var clock = Stopwatch.StartNew();
        await n1.SendAsync(new Offer(2, "n1", 0));
        var before = await solo.N1.WaitForAsync(m => m is Accept(2, "n2"), "n2's vote reaches n1");
        var elapsed = clock.Elapsed;
        output.WriteLine($"the vote arrived after {elapsed.TotalMilliseconds:0} ms (delay {delay.TotalMilliseconds:0} ms)");
        // A lower bound only: the fault must hold the frame; how much longer a busy machine takes does not matter.
        Assert.True(elapsed >= delay, $"the vote arrived after {elapsed.TotalMilliseconds:0} ms, before the {delay.TotalMilliseconds:0} ms delay");

        // Order is kept: every heartbeat before the vote carries epoch 1, the first after it epoch 2.
        Assert.All(before.OfType<Heartbeat>(), hb => Assert.Equal(1ul, hb.Epoch));
        await solo.N1.WaitForAsync(m => m is Heartbeat { Epoch: 2 }, "a heartbeat of epoch 2");
        var frames = solo.N1.Frames.ToList();
        var vote = frames.FindIndex(m => m is Accept);
        Assert.All(frames.Skip(vote + 1).OfType<Heartbeat>(), hb => Assert.Equal(2ul, hb.Epoch));

        solo.Node.Faults.SetDelay("n1", TimeSpan.Zero);
        Assert.False(solo.Node.Faults.IsCut("n1"));
    }

    [Fact]
    public void Faults_name_their_peer_precisely()
    {
        var faults = new LinkFaultsProbe().Faults;
        Assert.Equal("'n1' is this node: there is no link to itself (Parameter 'peer')", Assert.Throws<ArgumentException>(() => faults.Cut("n1")).Message);
        Assert.Equal("'x' is not a member of this node's cluster (Parameter 'peer')", Assert.Throws<ArgumentException>(() => faults.SetDelay("x", TimeSpan.Zero)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => faults.SetDropRatio("n2", 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => faults.SetDelay("n2", TimeSpan.FromSeconds(-1)));
        faults.Cut("n2");
        Assert.True(faults.IsCut("n2"));
        faults.HealAll();
        Assert.False(faults.IsCut("n2"));
    }

    private void Log(string line) => SoloNode.Try(() => output.WriteLine(line));

    // A started node's faults (LinkFaults has no public constructor: it belongs to a node).
    private sealed class LinkFaultsProbe
    {
        public LinkFaults Faults { get; }

        public LinkFaultsProbe()
        {
            var node = ElectionNode.StartAsync(new NodeOptions
            {
                NodeId = "n1",
                PeerIds = ["n1", "n2"],
                Endpoints = new Dictionary<string, System.Net.IPEndPoint> { ["n1"] = Ports.Free(), ["n2"] = Ports.Free() },
            }).GetAwaiter().GetResult();
            Faults = node.Faults;
            node.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
