using KevySpec.Checking;
using KevySpec.Simulation;

namespace KevySpec.Tests.Simulation;

public sealed class ClusterTests
{
    private static SteppedCluster NewCluster() =>
        new(ReferenceElector.Definition, ["a", "b", "c"], CheckOptions.SmallConfig, InvariantSet.ForSpec(ReferenceElector.Table));

    [Fact]
    public void A_restart_builds_a_fresh_elector_on_the_nodes_store()
    {
        var cluster = NewCluster();
        foreach (var id in new[] { "a", "b", "c" }) cluster.New(id, Role.Replica, TimeSpan.Zero);
        cluster.Deliver("b", "c", new Offer(5, "b", 0), TimeSpan.FromSeconds(1));
        cluster.Crash("c");
        Assert.False(cluster.IsAlive("c"));

        var restart = cluster.Restart("c", Role.Replica, TimeSpan.Zero);

        Assert.Equal(new ObservedState(Role.Replica, 5, null, false), restart.State);
        Assert.Equal(new PersistedVote(5, "b"), cluster.StoreOf("c"));
        Assert.Empty(cluster.Deliver("a", "c", new Offer(5, "a", 0), TimeSpan.FromSeconds(1)).Out!);
        Assert.Null(cluster.Violation);
    }

    [Fact]
    public void Steps_record_what_the_elector_did()
    {
        var cluster = NewCluster();
        cluster.New("a", Role.Primary, TimeSpan.Zero);
        var tick = cluster.Tick("a", TimeSpan.FromSeconds(2));

        Assert.Equal(StepKind.Tick, tick.Kind);
        Assert.Equal([new Outbound("b", new Heartbeat(1, "a", Role.Primary, 0)), new Outbound("c", new Heartbeat(1, "a", Role.Primary, 0))], tick.Out);
        Assert.Equal(2, cluster.Steps.Count);
    }

    [Fact]
    public void Misuse_is_refused_with_the_reason()
    {
        var cluster = NewCluster();
        cluster.New("a", Role.Replica, TimeSpan.Zero);
        cluster.Tick("a", TimeSpan.FromSeconds(2));

        Assert.Contains("time went backwards", Assert.Throws<ArgumentOutOfRangeException>(() => cluster.Tick("a", TimeSpan.FromSeconds(1))).Message);
        Assert.Contains("down", Assert.Throws<InvalidOperationException>(() => cluster.Tick("b", TimeSpan.Zero)).Message);
        Assert.Contains("already created", Assert.Throws<InvalidOperationException>(() => cluster.New("a", Role.Replica, TimeSpan.Zero)).Message);
        Assert.Contains("not a member", Assert.Throws<ArgumentException>(() => cluster.Tick("z", TimeSpan.Zero)).Message);
    }
}
