using System.Diagnostics;
using KevySpec.Persistence;
using KevySpec.Transport.Tests.Support;

namespace KevySpec.Transport.Tests;

public sealed class ClusterFailoverTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Three_nodes_agree_on_the_bootstrap_primary()
    {
        await using var cluster = await StartAsync();
        await Stable.WaitAsync(cluster, "n1");
        Assert.All(cluster.NodeIds, id => Assert.Equal(1ul, cluster[id]!.Snapshot().Epoch));
    }

    [Fact]
    public async Task Killing_the_primary_elects_a_replica_and_the_other_follows_it()
    {
        await using var cluster = await StartAsync();
        await Stable.WaitAsync(cluster, "n1");

        var clock = Stopwatch.StartNew();
        await cluster.KillAsync("n1");
        string? winner = null;
        await Eventually.WaitAsync(() =>
        {
            var states = new[] { cluster["n2"]!.Snapshot(), cluster["n3"]!.Snapshot() };
            var primaries = states.Where(s => s.Role == Role.Primary).ToArray();
            if (primaries.Length != 1) return false;
            winner = primaries[0].NodeId;
            var follower = states.Single(s => s.NodeId != winner);
            return follower.Role == Role.Replica && follower.Primary == winner && follower.Epoch == primaries[0].Epoch;
        }, "a replica becomes primary and the other follows it", state: () => ClusterText.Describe(cluster));
        // How long it takes is the load runner's to measure (primary-kill), not a unit test's to assert.
        output.WriteLine($"failover to {winner} took {clock.Elapsed.TotalMilliseconds:0} ms");
        Assert.True(cluster[winner!]!.Snapshot().Epoch > 1);
        Assert.Contains("n1", cluster[winner!]!.Snapshot().DownPeers);
    }

    [Fact]
    public async Task The_old_primary_restarted_on_its_data_directory_rejoins_as_a_replica()
    {
        await using var cluster = await StartAsync(id => new FileElectionStore(_dir.Sub(id)));
        await Stable.WaitAsync(cluster, "n1");
        await cluster.KillAsync("n1");
        await Eventually.WaitAsync(() => cluster["n2"]!.Snapshot().Role == Role.Primary || cluster["n3"]!.Snapshot().Role == Role.Primary,
            "a new primary", state: () => ClusterText.Describe(cluster));
        var winner = cluster["n2"]!.Snapshot().Role == Role.Primary ? "n2" : "n3";
        var epoch = cluster[winner]!.Snapshot().Epoch;
        Assert.Equal(new PersistedVote(epoch, winner), new FileElectionStore(_dir.Sub(winner)).Load());

        // Restarted as its file says (start_role = primary), it starts as a replica (it has state) and follows the newer epoch's primary.
        await cluster.RestartAsync("n1", Role.Primary);
        await Stable.WaitAsync(cluster, winner);
        var n1 = cluster["n1"]!.Snapshot();
        Assert.Equal(Role.Replica, n1.Role);
        Assert.Equal(epoch, n1.Epoch);
        Assert.Equal(epoch, new FileElectionStore(_dir.Sub("n1")).Load().Epoch);
    }

    [Fact]
    public async Task A_cut_primary_is_replaced_and_steps_down_after_the_heal()
    {
        await using var cluster = await StartAsync();
        await Stable.WaitAsync(cluster, "n1");
        var reconnects = cluster["n1"]!.Snapshot().Counters.Reconnects;
        cluster.Cut("n1", "n2");
        cluster.Cut("n1", "n3");
        Assert.True(cluster["n1"]!.Faults.IsCut("n2"));

        await Eventually.WaitAsync(() => cluster["n2"]!.Snapshot().Role == Role.Primary || cluster["n3"]!.Snapshot().Role == Role.Primary,
            "n2 and n3 elect a new primary while n1's heartbeats are cut", state: () => ClusterText.Describe(cluster));
        Assert.Equal(reconnects, cluster["n1"]!.Snapshot().Counters.Reconnects);   // no reconnection while cut
        Assert.True(cluster["n1"]!.Snapshot().Counters.FramesDropped > 0);

        cluster.HealAll();
        var winner = cluster["n2"]!.Snapshot().Role == Role.Primary ? "n2" : "n3";
        await Stable.WaitAsync(cluster, winner);
        Assert.True(cluster["n1"]!.Snapshot().Counters.Reconnects >= reconnects + 2);
    }

    [Fact]
    public async Task Topology_changes_are_reported_on_change_only()
    {
        var changes = new System.Collections.Concurrent.ConcurrentQueue<TopologyChange>();
        await using var cluster = await LoopbackCluster.StartAsync(3, (id, o) => o with
        {
            Config = Timings.Fast,
            Log = Log,
            OnTopologyChange = id == "n2" ? changes.Enqueue : null,
        });
        await Stable.WaitAsync(cluster, "n1");
        await cluster.KillAsync("n1");
        await Eventually.WaitAsync(() => changes.Any(c => c.Role == Role.Primary || c.Primary == "n3"), "n2 reports the failover");
        var list = changes.ToArray();
        output.WriteLine(string.Join('\n', list));
        Assert.Equal(new TopologyChange("n2", Role.Replica, 1, null, false, list[0].At), list[0]);
        for (var i = 1; i < list.Length; i++)
        {
            Assert.True((list[i].Role, list[i].Primary, list[i].HasQuorum) != (list[i - 1].Role, list[i - 1].Primary, list[i - 1].HasQuorum),
                $"change {i} repeats the previous topology: {list[i]}");
            Assert.True(list[i].At >= list[i - 1].At);
        }
        Assert.Contains(list, c => c is { Primary: "n1", HasQuorum: true });
    }

    private Task<LoopbackCluster> StartAsync(Func<string, IElectionStore>? store = null) =>
        LoopbackCluster.StartAsync(3, (id, o) => o with
        {
            Config = Timings.Fast,
            Log = Log,
            Store = store?.Invoke(id) ?? o.Store,
        });

    private void Log(string line) => SoloNode.Try(() => output.WriteLine(line));
}
