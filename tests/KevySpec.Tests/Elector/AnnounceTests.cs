using KevySpec.Tests.TestSupport;
using static KevySpec.Tests.TestSupport.Time;

namespace KevySpec.Tests.Elector;

// PROTOCOL.md on_message ANNOUNCE(epoch, primary, addr): ignore if epoch <= ours and it names our
// current primary; ignore if epoch < ours. Otherwise save (epoch, primary) first; take the epoch;
// follow the announced primary; vote epoch = epoch; clear tally and offer; role Primary if it names
// us, else Replica.
public sealed class AnnounceTests
{
    [Fact]
    public void A_replica_follows_a_newer_announce_after_saving_it()
    {
        var c = new TestNode("c");

        c.Receive(Ms(0), "b", "ANNOUNCE 2 b b:6379").SendsNothing().Saved("(2, b)");
        Assert.Equal("replica epoch=2 primary=b", c.State);
    }

    [Fact]
    public void The_announced_id_is_followed_not_from()
    {
        var c = new TestNode("c");

        c.Receive(Ms(0), "a", "ANNOUNCE 2 b b:6379").Saved("(2, b)");
        Assert.Equal("replica epoch=2 primary=b", c.State);
    }

    [Fact]
    public void A_stale_announce_is_ignored()
    {
        var c = new TestNode("c");
        c.Receive(Ms(0), "b", "ANNOUNCE 3 b b:6379");

        c.Receive(Ms(10), "a", "ANNOUNCE 2 a a:6379").SendsNothing().SavesNothing();
        Assert.Equal("replica epoch=3 primary=b", c.State);
    }

    [Fact]
    public void A_repeated_announce_of_the_current_primary_is_ignored()
    {
        var c = new TestNode("c");
        c.Receive(Ms(0), "b", "ANNOUNCE 2 b b:6379");

        c.Receive(Ms(10), "b", "ANNOUNCE 2 b b:6379").SavesNothing();
        Assert.Equal("replica epoch=2 primary=b", c.State);
    }

    [Fact]
    public void A_primary_learned_from_a_heartbeat_is_not_announced_again_at_the_same_epoch()
    {
        var c = Setups.Follower("c", primary: "a");

        c.Receive(Ms(10), "a", "ANNOUNCE 1 a a:6379").SavesNothing();
        Assert.Equal("replica epoch=1 primary=a", c.State);
    }

    [Fact]
    public void A_newer_announce_of_the_same_primary_is_taken()
    {
        var c = new TestNode("c");
        c.Receive(Ms(0), "b", "ANNOUNCE 2 b b:6379");

        c.Receive(Ms(10), "b", "ANNOUNCE 5 b b:6379").Saved("(5, b)");
        Assert.Equal("replica epoch=5 primary=b", c.State);
    }

    [Fact]
    public void Hazard_an_equal_epoch_announce_of_another_primary_is_taken()
    {
        var c = new TestNode("c");
        c.Receive(Ms(0), "b", "ANNOUNCE 2 b b:6379");

        c.Receive(Ms(10), "a", "ANNOUNCE 2 a a:6379").Saved("(2, a)");
        Assert.Equal("replica epoch=2 primary=a", c.State);
    }

    [Fact]
    public void Hazard_a_primary_steps_down_for_an_equal_epoch_announce_of_another()
    {
        var b = Setups.Candidate("b");
        b.Receive(Ms(5010), "c", "ACCEPT 2 c");
        b.Tick(Ms(5020)).Sends("*: ANNOUNCE 2 b b:6379");

        b.Receive(Ms(5030), "a", "ANNOUNCE 2 a a:6379").Saved("(2, a)");
        Assert.Equal("replica epoch=2 primary=a", b.State);
    }

    [Fact]
    public void An_announce_naming_this_node_makes_it_primary()
    {
        var c = new TestNode("c");

        c.Receive(Ms(0), "a", "ANNOUNCE 4 c c:6379").SendsNothing().Saved("(4, c)");
        Assert.Equal("primary epoch=4 primary=c", c.State);
    }

    [Fact]
    public void A_candidate_yields_to_an_announce_and_its_tally_is_gone()
    {
        var b = Setups.Candidate("b"); // epoch 2
        b.Receive(Ms(5010), "c", "ACCEPT 2 c");

        b.Receive(Ms(5020), "a", "ANNOUNCE 2 a a:6379").Saved("(2, a)");
        Assert.Equal("replica epoch=2 primary=a", b.State);
        b.Receive(Ms(5020), "a", "HB 2 a primary 0"); // a is alive, so b does not stand again either

        b.Tick(Ms(5030)).SendsNothing(); // no ANNOUNCE of its own
    }

    [Fact]
    public void A_candidate_announced_as_winner_by_someone_else_becomes_primary_without_announcing_itself()
    {
        var b = Setups.Candidate("b");

        b.Receive(Ms(5010), "a", "ANNOUNCE 2 b b:6379").Saved("(2, b)");
        Assert.Equal("primary epoch=2 primary=b", b.State);
        b.Tick(Ms(5020)).SendsNothing();
    }

    [Fact]
    public void An_announce_ends_a_bootstrap_primarys_reign()
    {
        var a = new TestNode("a", start: Role.Primary);

        a.Receive(Ms(0), "c", "ANNOUNCE 1 c c:6379").Saved("(1, c)"); // same epoch, no primary known yet
        Assert.Equal("replica epoch=1 primary=c", a.State);
    }

    [Fact]
    public void An_announce_guards_its_epoch_against_later_offers()
    {
        var c = new TestNode("c");
        c.Receive(Ms(0), "a", "ANNOUNCE 3 a a:6379");

        c.Receive(Ms(10), "b", "OFFER 3 b 0").SendsNothing().SavesNothing();
        c.Receive(Ms(20), "b", "OFFER 4 b 0").Sends("b: ACCEPT 4 c");
    }
}
