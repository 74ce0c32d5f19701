using KevySpec.Simulation;
using KevySpec.Tests.Simulation;

namespace KevySpec.Tests.Checking;

/// <summary>
/// The liveness findings of the simulator in the reference spec, as scripted scenarios with the
/// protocol's default timings (docs/checking.md, "Findings"): after the faults of the script
/// stop, the reference has no primary known to a majority within the liveness bound; the
/// hardened spec has one.
/// </summary>
public sealed class LivenessFindingsTests
{
    private static readonly ElectorDefinition Hardened = KevySpecElectors.Find("election-hardened")!;
    private static readonly TimeSpan Bound = LivenessBound.For(ElectConfig.Default, 3, TimeSpan.Zero);
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    public static TheoryData<string> Specs => ["election", "election-hardened"];

    // Finding 4: followers keep "hearing" a primary that restarted as a replica, so they never stand.
    [Theory]
    [MemberData(nameof(Specs))]
    public void Followers_of_a_primary_that_restarted_as_a_replica(string spec)
    {
        var run = new Lockstep(KevySpecElectors.Find(spec)!, "a b c").Start(("a", Role.Primary), ("b", Role.Replica), ("c", Role.Replica));
        run.Cluster.SetOffset("b", 10);
        run.Run(2 * Second);
        Assert.Equal("a", run.Cluster.ElectorOf("b")!.CurrentPrimary);

        run.Cluster.Crash("a");
        run.Cluster.Restart("a", Role.Replica, TimeSpan.Zero);
        run.Run(Bound, until: r => r.HasKnownPrimary);

        AssertOutcome(spec, run, winner: "b");
    }

    // Finding 5: a best candidate behind by k epochs needs k failed candidacies.
    [Theory]
    [MemberData(nameof(Specs))]
    public void A_best_candidate_behind_in_epoch(string spec)
    {
        var run = new Lockstep(KevySpecElectors.Find(spec)!, "a b c").Start(("a", Role.Replica), ("b", Role.Replica), ("c", Role.Replica));
        run.Cluster.SetOffset("b", 10);
        run.Cluster.Crash("b");
        run.Lose = (_, _, _) => true;
        run.Run(60 * Second);
        Assert.True(run.Cluster.ElectorOf("a")!.Epoch > 10, "a and c stood alone again and again");

        run.Cluster.Restart("b", Role.Replica, TimeSpan.Zero);
        run.Cluster.SetOffset("b", 10);
        run.Lose = (_, _, _) => false;
        run.Run(Bound, until: r => r.HasKnownPrimary);

        AssertOutcome(spec, run, winner: "b");
    }

    // Finding 6: a primary left behind in epoch keeps its role; replicas never follow a lower epoch,
    // and nobody stands against the best candidate.
    [Theory]
    [MemberData(nameof(Specs))]
    public void A_primary_left_behind_in_epoch(string spec)
    {
        var run = new Lockstep(KevySpecElectors.Find(spec)!, "a b c").Start(("a", Role.Primary), ("b", Role.Replica), ("c", Role.Replica));
        run.Cluster.SetOffset("a", 10);
        run.Lose = (_, _, _) => true;
        run.Run(60 * Second);
        Assert.True(run.Cluster.ElectorOf("b")!.Epoch > 10, "b and c stood alone again and again");

        run.Lose = (_, _, _) => false;
        run.Run(Bound, until: r => r.HasKnownPrimary);

        AssertOutcome(spec, run, winner: "a");
    }

    // Finding 7: a replica that missed the winner's ANNOUNCE, but remembers a dead primary of an
    // earlier epoch, never follows the winner's heartbeats at its own epoch.
    [Theory]
    [MemberData(nameof(Specs))]
    public void A_replica_that_missed_the_announce_and_remembers_a_dead_primary(string spec)
    {
        var run = new Lockstep(KevySpecElectors.Find(spec)!, "a b c").Start(("a", Role.Primary), ("b", Role.Replica), ("c", Role.Replica));
        run.Cluster.SetOffset("b", 10);
        run.Run(2 * Second);
        run.Cluster.Crash("a");
        run.Lose = (from, to, message) => message is Announce && to == "c";
        run.Run(Bound, until: r => r.HasKnownPrimary);

        Assert.Equal(Role.Primary, run.Cluster.ElectorOf("b")!.Role);
        AssertOutcome(spec, run, winner: "b");
    }

    private static void AssertOutcome(string spec, Lockstep run, string winner)
    {
        if (spec == "election")
        {
            Assert.NotNull(run.Liveness());
        }
        else
        {
            Assert.Null(run.Liveness());
            Assert.Equal(Role.Primary, run.Cluster.ElectorOf(winner)!.Role);
        }
    }
}
