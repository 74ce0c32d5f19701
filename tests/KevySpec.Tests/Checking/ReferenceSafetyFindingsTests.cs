using KevySpec.Checking;
using KevySpec.Simulation;

namespace KevySpec.Tests.Checking;

/// <summary>
/// The shortest counterexamples the exhaustive checker finds in the reference spec, as scripted
/// scenarios (docs/checking.md, "Findings"), and the same scripts against the hardened spec.
/// Timings are the checker's small config (hb 1 s, down 3 s, election timeout 2 s).
/// </summary>
public sealed class ReferenceSafetyFindingsTests
{
    private static readonly ElectorDefinition Hardened = KevySpecElectors.Find("election-hardened")!;

    private static TimeSpan S(int seconds) => TimeSpan.FromSeconds(seconds);

    private static SteppedCluster NewCluster(ElectorDefinition definition, params (string Id, Role Role)[] nodes)
    {
        var cluster = new SteppedCluster(definition, [.. nodes.Select(n => n.Id)], CheckOptions.SmallConfig, InvariantSet.ForSpec(definition.Table));
        foreach (var (id, role) in nodes) cluster.New(id, role, TimeSpan.Zero);
        return cluster;
    }

    // Finding 1 (N=3, 7 moves): the bootstrap primary votes for a higher OFFER and stays primary.
    [Fact]
    public void A_primary_that_votes_stays_primary_so_the_winner_makes_two_primaries_at_one_epoch()
    {
        var cluster = NewCluster(ReferenceElector.Definition, ("a", Role.Primary), ("b", Role.Replica), ("c", Role.Replica));
        cluster.SetOffset("b", 1);
        cluster.Tick("b", S(0));
        var offer = cluster.Tick("b", S(3)).Out!.Single(o => o.Message is Offer).Message;
        Assert.Equal(new Offer(2, "b", 1), offer);

        var vote = cluster.Deliver("b", "a", offer, S(3));
        Assert.Equal([new Outbound("b", new Accept(2, "a"))], vote.Out);
        Assert.Equal(new ObservedState(Role.Primary, 2, null, false), vote.State);
        cluster.Deliver("a", "b", new Accept(2, "a"), S(3));
        cluster.Tick("b", S(3));

        Assert.Equal(new Violation(InvariantNames.SinglePrimary, "a and b are both primary at epoch 2"), cluster.Violation);
    }

    [Fact]
    public void Hardened_a_primary_does_not_vote()
    {
        var cluster = NewCluster(Hardened, ("a", Role.Primary), ("b", Role.Replica), ("c", Role.Replica));
        cluster.SetOffset("b", 1);
        cluster.Tick("b", S(0));
        var offer = cluster.Tick("b", S(3)).Out!.Single(o => o.Message is Offer).Message;

        var refused = cluster.Deliver("b", "a", offer, S(3));
        cluster.Tick("b", S(3));

        Assert.Empty(refused.Out!);
        Assert.Empty(refused.Saves);
        Assert.Equal(new ObservedState(Role.Primary, 1, null, false), refused.State);
        Assert.Null(cluster.Violation);
    }

    // Finding 2 (N=2, 12 moves): a candidate that counted a quorum votes for a higher OFFER,
    // keeps its tally and announces at the other candidate's epoch, which that candidate also wins.
    [Fact]
    public void A_candidate_with_a_counted_quorum_that_votes_announces_at_the_other_candidates_epoch()
    {
        var cluster = NewCluster(ReferenceElector.Definition, ("a", Role.Replica), ("b", Role.Replica));
        RunFinding2Until_a_Votes(cluster);

        var win = cluster.Tick("a", S(3));
        Assert.Equal([new Outbound("*", new Announce(3, "a", SteppedCluster.AddressOf("a")))], win.Out);
        cluster.Deliver("a", "b", new Accept(3, "a"), S(3));
        cluster.Tick("b", S(3));

        Assert.Equal(new Violation(InvariantNames.ElectionSafety, "b announces itself primary of epoch 3, which a already won"), cluster.Violation);

        // The equal-epoch ANNOUNCE hazard then makes a follow the other winner of its own epoch.
        var switched = cluster.Deliver("b", "a", new Announce(3, "b", SteppedCluster.AddressOf("b")), S(3));
        Assert.Equal(new ObservedState(Role.Replica, 3, "b", false), switched.State);
    }

    [Fact]
    public void Hardened_a_candidate_does_not_vote_and_wins_its_own_epoch_alone()
    {
        var cluster = NewCluster(Hardened, ("a", Role.Replica), ("b", Role.Replica));
        var refused = RunFinding2Until_a_Votes(cluster);
        Assert.DoesNotContain(cluster.Tick("a", S(3)).Out!, o => o.Message is Announce);
        // With its quorum, a waits out the old primary's lease (down_after + election_timeout after its OFFER).
        var win = cluster.Tick("a", S(8));
        cluster.Tick("b", S(8));

        Assert.Empty(refused.Out!);
        Assert.Contains(new Outbound("*", new Announce(2, "a", SteppedCluster.AddressOf("a"))), win.Out!);
        Assert.Null(cluster.Violation);
    }

    // Both nodes tick at 0; a stands at 3 s and b votes; a counts the vote; b's offset moves, b
    // stands at epoch 3 and its OFFER reaches a (the reference's a votes, the hardened one refuses).
    private static ClusterStep RunFinding2Until_a_Votes(SteppedCluster cluster)
    {
        cluster.Tick("a", S(0));
        cluster.Tick("b", S(0));
        Assert.Contains(new Outbound("*", new Offer(2, "a", 0)), cluster.Tick("a", S(3)).Out!);
        Assert.Equal([new Outbound("a", new Accept(2, "b"))], cluster.Deliver("a", "b", new Offer(2, "a", 0), S(3)).Out);
        cluster.Deliver("b", "a", new Accept(2, "b"), S(3));
        cluster.SetOffset("b", 1);
        Assert.Contains(new Outbound("*", new Offer(3, "b", 1)), cluster.Tick("b", S(3)).Out!);
        return cluster.Deliver("b", "a", new Offer(3, "b", 1), S(3));
    }
}
