using System.Collections.Concurrent;
using KevySpec.Persistence;
using KevySpec.Transport.Tests.Support;

namespace KevySpec.Transport.Tests;

/// <summary>A node refuses what would corrupt its election state or its cluster's, and says so in one line.</summary>
public sealed class NodeRefusalTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly ConcurrentQueue<string> _lines = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_bootstrap_primary_restarted_on_its_data_directory_starts_as_a_replica_and_says_so()
    {
        await using var cluster = await StartAsync(id => new FileElectionStore(_dir.Sub(id)));
        await Stable.WaitAsync(cluster, "n1");
        Assert.Equal(Role.Primary, cluster["n1"]!.StartRole);
        Assert.DoesNotContain(_lines, line => line.Contains("found persisted election state", StringComparison.Ordinal));
        Assert.Equal(new PersistedVote(1, null), new FileElectionStore(_dir.Sub("n1")).Load());   // a first start records its epoch

        await cluster.KillAsync("n1");
        await cluster.RestartAsync("n1", Role.Primary);
        var n1 = cluster["n1"]!;
        Assert.Equal(Role.Replica, n1.StartRole);
        Assert.Equal(Role.Replica, n1.Snapshot().Role);   // from its first step: never a second primary beside n2 or n3
        Assert.Single(_lines, line => line.StartsWith("[n1] found persisted election state (epoch 1): starting as replica, not primary", StringComparison.Ordinal));
        Assert.Contains(_lines, line => line.StartsWith("[n1] listening on ", StringComparison.Ordinal) && line.Contains(" as replica, epoch 1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_replica_start_role_is_kept_and_not_reported_on_restart()
    {
        await using var cluster = await StartAsync(id => new FileElectionStore(_dir.Sub(id)));
        await Stable.WaitAsync(cluster, "n1");
        await cluster.RestartAsync("n2", Role.Replica);
        Assert.Equal(Role.Replica, cluster["n2"]!.StartRole);
        Assert.DoesNotContain(_lines, line => line.Contains("found persisted election state", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_primary_that_cannot_persist_withdraws_once_and_the_others_elect_without_it()
    {
        var store = new FailingStore();
        await using var cluster = await StartAsync(id => id == "n1" ? store : new InMemoryElectionStore());
        await Stable.WaitAsync(cluster, "n1");
        store.Failing = true;
        // n2 and n3 stop hearing n1, elect one of them, and ask n1 for its vote too: its save fails.
        cluster.Cut("n1", "n2");
        cluster.Cut("n1", "n3");
        await Eventually.WaitAsync(() => cluster["n1"]!.Snapshot().Counters.SaveFailures > 0, "n1 fails to save a vote",
            state: () => ClusterText.Describe(cluster));
        cluster.HealAll();
        var winner = "";
        await Eventually.WaitAsync(() =>
        {
            var states = new[] { cluster["n2"]!.Snapshot(), cluster["n3"]!.Snapshot() };
            if (states.SingleOrDefault(s => s.Role == Role.Primary) is not { } primary) return false;
            winner = primary.NodeId;
            return states.All(s => s.Epoch == primary.Epoch && s.Primary == winner && s.HasQuorum);
        }, "n2 and n3 elect a primary without n1", state: () => ClusterText.Describe(cluster));

        // Healed, n1 hears the new primary's heartbeats but cannot adopt their epoch: it stays withdrawn and fenced.
        await Eventually.WaitAsync(() => cluster["n1"]!.Snapshot().Counters.SaveFailures > 3, "n1 keeps failing to save",
            state: () => ClusterText.Describe(cluster));
        var n1 = cluster["n1"]!.Snapshot();
        Assert.Equal((Role.Primary, 1ul, false), (n1.Role, n1.Epoch, n1.HasQuorum));
        Assert.Equal([new PersistedVote(1, null)], store.History);   // no vote, no candidacy
        Assert.Contains("n1", cluster[winner]!.Snapshot().DownPeers);   // it sends nothing, heartbeats included
        Assert.Single(_lines, line => line.StartsWith("[n1] cannot persist its election state", StringComparison.Ordinal));
        Assert.DoesNotContain(_lines, line => line.StartsWith("[n1] vote for", StringComparison.Ordinal));
        var other = winner == "n2" ? "n3" : "n2";
        var epoch = cluster[winner]!.Snapshot().Epoch;
        Assert.Contains(_lines, line => line.StartsWith($"[{other}] vote for {winner} in epoch {epoch}", StringComparison.Ordinal));
        Assert.Contains(_lines, line => line.StartsWith($"[{winner}] epoch {epoch} (was ", StringComparison.Ordinal) && line.EndsWith(", candidate itself", StringComparison.Ordinal));

        // Once saves work, its next save (the new primary's epoch) brings it back, as a replica.
        store.Failing = false;
        await Stable.WaitAsync(cluster, winner);
        Assert.Single(_lines, line => line.StartsWith("[n1] its election state persists again", StringComparison.Ordinal));
        Assert.Contains(_lines, line => line.StartsWith($"[n1] epoch {epoch} (was 1), from {winner}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_member_id_heard_from_two_addresses_at_once_is_logged_once()
    {
        await using var solo = await SoloNode.StartAsync(new InMemoryElectionStore(), output, o => o with { Log = Log });
        using var first = await RawClient.ConnectAsync(solo.EndPoint);
        using var second = await RawClient.ConnectAsync(solo.EndPoint);
        var node = solo.Node!;
        for (var i = 0; i < 3; i++)
        {
            foreach (var client in new[] { first, second })
            {
                var frames = node.Snapshot().Counters.FramesIn;
                await client.SendAsync(new Heartbeat(1, "n1", Role.Primary, 0));
                await Eventually.WaitAsync(() => node.Snapshot().Counters.FramesIn > frames, "the heartbeat is admitted");
            }
        }
        Assert.Single(_lines, line => line.StartsWith("[n2] member 'n1' is heard from two addresses at once, 127.0.0.1:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_peer_that_reconnects_is_not_taken_for_two()
    {
        await using var solo = await SoloNode.StartAsync(new InMemoryElectionStore(), output, o => o with { Log = Log });
        var node = solo.Node!;
        using (var first = await RawClient.ConnectAsync(solo.EndPoint))
        {
            await first.SendAsync(new Heartbeat(1, "n1", Role.Primary, 0));
            await Eventually.WaitAsync(() => node.Snapshot().Counters.FramesIn == 1, "the first heartbeat is admitted");
        }
        using var second = await RawClient.ConnectAsync(solo.EndPoint);
        for (var i = 0; i < 3; i++) await second.SendAsync(new Heartbeat(1, "n1", Role.Primary, 0));
        await Eventually.WaitAsync(() => node.Snapshot().Counters.FramesIn == 4, "the later heartbeats are admitted");
        Assert.DoesNotContain(_lines, line => line.Contains("two addresses", StringComparison.Ordinal));
    }

    private Task<LoopbackCluster> StartAsync(Func<string, IElectionStore> store) =>
        LoopbackCluster.StartAsync(3, (id, o) => o with { Config = Timings.Fast, Log = Log, Store = store(id) });

    private void Log(string line)
    {
        _lines.Enqueue(line);
        SoloNode.Try(() => output.WriteLine(line));
    }
}
