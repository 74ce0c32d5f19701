using System.Collections.Concurrent;
using KevySpec.Checking;
using KevySpec.Load.Cli;
using KevySpec.Load.Fleet;
using KevySpec.Transport;

namespace KevySpec.Load.Tests.Fleet;

/// <summary>Nodes in a real node host process (this build's <c>kevyspec-load node-host</c>), driven like local ones.</summary>
public sealed class RemoteFleetTests : IDisposable
{
    private readonly FleetFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Two_hosts_run_one_cluster_and_the_runner_sees_its_reports_steps_saves_and_counters()
    {
        var (ids, endpoints) = FleetFolder.Members(4);
        var reports = new ConcurrentQueue<TopologyChange>();
        var saves = new ConcurrentQueue<(string Node, PersistedVote Vote)>();
        var checker = new OnlineChecker(ids, InvariantSet.ForSpec(HardenedElector.Definition.Table));
        var events = new FleetEvents((change, _) => reports.Enqueue(change), (step, _) =>
        {
            checker.Observe(step);
            foreach (var save in step.Saves) saves.Enqueue((step.NodeId, save.Vote));
        });
        FleetPlan Plan(IReadOnlyList<string> hosted) => new(ids, endpoints, hosted, "election-hardened", TimingPresets.Fast, 5, FileStores: true, _folder.Root);

        await using var first = await RemoteFleet.StartAsync(Plan(["n1", "n2"]), events, "host 1", CancellationToken.None);
        await using var second = await RemoteFleet.StartAsync(Plan(["n3", "n4"]), events, "host 2", CancellationToken.None);
        await Until(() => second.Snapshot("n4") is { Primary: "n1", HasQuorum: true, DownPeers.Count: 0 }, "n4 (host 2) follows n1 (host 1)");

        await first.KillAsync("n1");
        await Until(() => reports.Any(r => r.Role == Role.Primary && r.NodeId != "n1"), "a new primary");
        Assert.Null(first.Snapshot("n1"));
        var winner = reports.First(r => r.Role == Role.Primary && r.NodeId != "n1");
        Assert.Contains((winner.NodeId, new PersistedVote(winner.Epoch, winner.NodeId)), saves);

        await first.RestartAsync("n1", Role.Replica);
        await Until(() => first.Snapshot("n1") is { Role: Role.Replica, HasQuorum: true } s && s.Epoch >= winner.Epoch, "n1 rejoins");

        // A cut made through one host isolates n4 from the others' side only for what it sends.
        second.Cut("n4", "n1");
        second.Heal("n4", "n1");

        var reading = await first.ReadAsync();
        Assert.True(reading.Counters.FramesOut > 0, "frames counted");
        Assert.True(reading.HostCpu > TimeSpan.Zero && reading.HostPeakMemory > 0, "the host's usage is read");
        Assert.Empty(checker.Violations);
    }

    [Fact]
    public async Task A_host_that_cannot_start_its_nodes_says_why()
    {
        var (ids, endpoints) = FleetFolder.Members(2);
        using var squatter = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        squatter.Bind(System.Net.IPEndPoint.Parse(endpoints["n1"]));
        squatter.Listen();
        var plan = new FleetPlan(ids, endpoints, ids, "election", ElectConfig.Default, 1, FileStores: false, _folder.Root);
        var events = new FleetEvents((_, _) => { }, (_, _) => { });

        var error = await Assert.ThrowsAsync<IOException>(() => RemoteFleet.StartAsync(plan, events, "host 1", CancellationToken.None));
        Assert.StartsWith($"host 1: node 'n1' cannot listen on {endpoints["n1"]}: the address is already in use", error.Message);
    }

    [Fact]
    public async Task A_host_that_dies_fails_what_is_asked_of_it_with_its_exit_code()
    {
        var (ids, endpoints) = FleetFolder.Members(2);
        var plan = new FleetPlan(ids, endpoints, ids, "election", ElectConfig.Default, 1, FileStores: false, _folder.Root);
        await using var fleet = await RemoteFleet.StartAsync(plan, new FleetEvents((_, _) => { }, (_, _) => { }), "host 1", CancellationToken.None);

        using (var process = System.Diagnostics.Process.GetProcessById(fleet.ProcessId)) process.Kill();

        var error = await Assert.ThrowsAsync<IOException>(() => fleet.KillAsync("n1"));
        Assert.StartsWith("host 1 exited with code ", error.Message);
    }

    private static async Task Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"not within 30 s: {what}");
            await Task.Delay(20);
        }
    }
}
