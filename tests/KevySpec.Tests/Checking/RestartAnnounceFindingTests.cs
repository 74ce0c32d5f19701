using static KevySpec.Tests.TestSupport.Time;

namespace KevySpec.Tests.Checking;

/// <summary>
/// A finding of the load runner (primary-kill over TCP, node host processes): a node that restarts
/// and hears the winner's ANNOUNCE before any of its heartbeats knows a primary it has no view of.
/// The reference and the first hardened spec both counted that primary as lost and the node, best
/// candidate among members it had not heard yet, stood at once and deposed the fresh primary.
/// The hardened spec now waits out the cold-start grace with a known primary too, and takes the
/// ANNOUNCE as its first view of the primary.
/// </summary>
public sealed class RestartAnnounceFindingTests
{
    private static IReadOnlyList<Outbound> RestartThenAnnounce(string spec, TimeSpan tickAt)
    {
        var elector = KevySpecElectors.Find(spec)!.Create("a", ["a", "b", "c"], "a:6379", Role.Replica, ElectConfig.Default, new FixedJitter(TimeSpan.Zero));
        var store = new InMemoryElectionStore();
        store.Save(new PersistedVote(1, null));   // what it saved before it died
        elector.AttachStore(store);
        elector.Tick(Ms(0));
        elector.OnMessage("b", new Announce(3, "b", "b:6379"), Ms(1));
        return elector.Tick(tickAt);
    }

    [Theory]
    [InlineData("election", true)]
    [InlineData("election-hardened", false)]
    public void A_restarted_replica_that_learns_the_primary_from_its_announce_stands_at_once_only_in_the_reference(string spec, bool standsAtOnce)
    {
        var sent = RestartThenAnnounce(spec, Ms(1));
        Assert.Equal(standsAtOnce, sent.Any(o => o.Message is Offer));
    }

    [Fact]
    public void The_hardened_replica_stands_once_the_primary_is_silent_for_down_after_since_its_announce()
    {
        // The ANNOUNCE, at 1 ms, is the first word from b: its view of b lasts down_after from then.
        Assert.DoesNotContain(RestartThenAnnounce("election-hardened", ElectConfig.Default.DownAfter), o => o.Message is Offer);
        var sent = RestartThenAnnounce("election-hardened", ElectConfig.Default.DownAfter + Ms(1));
        Assert.Contains(sent, o => o.Message is Offer { Epoch: 4, CandidateId: "a" });
    }
}
