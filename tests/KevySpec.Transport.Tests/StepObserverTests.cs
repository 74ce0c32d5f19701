using System.Collections.Concurrent;
using KevySpec.Checking;
using KevySpec.Persistence;
using KevySpec.Transport.Tests.Support;

namespace KevySpec.Transport.Tests;

/// <summary><c>NodeOptions.OnStep</c>: every elector step of a TCP node, fed to the simulator's online checker.</summary>
public sealed class StepObserverTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_failover_over_tcp_reports_every_kind_of_step_and_breaks_no_invariant()
    {
        var steps = new ConcurrentQueue<NodeStep>();
        var checker = new OnlineChecker(["n1", "n2", "n3"], InvariantSet.ForSpec(HardenedElector.Definition.Table));
        await using var cluster = await LoopbackCluster.StartAsync(3, (id, o) => o with
        {
            Config = Timings.Fast,
            Elector = HardenedElector.Definition,
            Store = new FileElectionStore(_dir.Sub(id)),
            Log = Log,
            OnStep = step =>
            {
                steps.Enqueue(step);
                checker.Observe(step);
            },
        });
        await Eventually.WaitAsync(() => cluster["n3"]!.Snapshot() is { Primary: "n1", HasQuorum: true }, "n3 follows n1");
        cluster["n2"]!.SetReplOffset(42);
        await Eventually.WaitAsync(() => steps.Any(s => s is { NodeId: "n2", Kind: StepKind.SetOffset }), "n2 reports its offset change");

        await cluster.KillAsync("n1");
        await Eventually.WaitAsync(() => steps.Any(s => s.RoleAfter == Role.Primary && s.NodeId != "n1"), "a new primary",
            state: () => ClusterText.Describe(cluster));
        await cluster.RestartAsync("n1");
        await Eventually.WaitAsync(() => cluster["n1"]!.Snapshot() is { Role: Role.Replica, Epoch: > 1, HasQuorum: true }, "n1 rejoins",
            state: () => ClusterText.Describe(cluster));

        var list = steps.ToArray();
        Assert.Equal(StepKind.New, list.First(s => s.NodeId == "n1").Kind);
        // Its last role: primary, unless a loaded machine delayed heartbeats enough for an election before the kill.
        var crash = Array.FindIndex(list, s => s is { NodeId: "n1", Kind: StepKind.Crash });
        Assert.Single(list, s => s is { NodeId: "n1", Kind: StepKind.Crash });
        Assert.Equal(list[..crash].Last(s => s.NodeId == "n1").RoleAfter, list[crash].RoleBefore);
        Assert.Single(list, s => s is { NodeId: "n1", Kind: StepKind.Restart });
        Assert.Contains(list, s => s.Kind == StepKind.Message && s.Sent.Any(o => o.Message is Accept));
        var candidacies = list.Where(s => s.Sent.Any(o => o.Message is Offer)).ToArray();
        Assert.NotEmpty(candidacies);
        Assert.All(candidacies, c => Assert.Contains(new PersistedVote(c.EpochAfter, c.NodeId), c.Saves.Select(save => save.Vote)));
        Assert.Empty(checker.Violations);
    }

    [Fact]
    public async Task Two_bootstrap_primaries_are_caught_by_the_online_checker()
    {
        var checker = new OnlineChecker(["n1", "n2", "n3"], InvariantSet.ForSpec(ReferenceElector.Definition.Table));
        await using var cluster = await LoopbackCluster.StartAsync(3, (id, o) => o with
        {
            Config = Timings.Steady,
            StartRole = id == "n3" ? Role.Replica : Role.Primary,
            Log = Log,
            OnStep = step => checker.Observe(step),
        });
        await Eventually.WaitAsync(() => checker.Violations.Count > 0, "the checker sees two primaries");
        Assert.Equal(new Violation(InvariantNames.SinglePrimary, "n1 and n2 are both primary at epoch 1"), checker.Violations[0]);
    }

    private void Log(string line) => SoloNode.Try(() => output.WriteLine(line));
}
