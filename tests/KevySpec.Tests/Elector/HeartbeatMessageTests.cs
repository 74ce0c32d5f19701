using KevySpec.Tests.TestSupport;
using static KevySpec.Tests.TestSupport.Time;

namespace KevySpec.Tests.Elector;

// PROTOCOL.md on_message HB(epoch, id, role, offset): store the view of `from`. Then, if the HB
// claims primary, its epoch >= ours, and (its epoch > ours, or we know no primary and are a
// Replica): if its epoch > ours save (epoch, none) first; take its epoch; current primary = from;
// a Primary (from not us) becomes Replica; a Candidate becomes Replica and drops its candidacy.
public sealed class HeartbeatMessageTests
{
    // ---- Replica ----

    [Fact]
    public void A_replica_follows_a_higher_epoch_primary_after_saving_epoch_and_no_vote()
    {
        var b = new TestNode("b");

        b.Receive(Ms(0), "a", "HB 3 a primary 0").SendsNothing().Saved("(3, -)");
        Assert.Equal("replica epoch=3 primary=a", b.State);
    }

    [Fact]
    public void A_replica_follows_from_not_the_id_inside_the_heartbeat()
    {
        var b = new TestNode("b");

        b.Receive(Ms(0), "c", "HB 3 a primary 0");
        Assert.Equal("replica epoch=3 primary=c", b.State);
    }

    [Fact]
    public void A_higher_epoch_primary_replaces_the_known_primary()
    {
        var b = Setups.Follower("b", primary: "a");

        b.Receive(Ms(10), "c", "HB 2 c primary 0").Saved("(2, -)");
        Assert.Equal("replica epoch=2 primary=c", b.State);
    }

    [Fact]
    public void An_equal_epoch_primary_teaches_a_replica_that_knows_none_without_saving()
    {
        var b = new TestNode("b");

        b.Receive(Ms(0), "a", "HB 1 a primary 0").SendsNothing().SavesNothing();
        Assert.Equal("replica epoch=1 primary=a", b.State);
    }

    [Fact]
    public void An_equal_epoch_primary_does_not_replace_a_known_primary()
    {
        var b = Setups.Follower("b", primary: "a");

        b.Receive(Ms(10), "c", "HB 1 c primary 0").SavesNothing();
        Assert.Equal("replica epoch=1 primary=a", b.State);
    }

    [Fact]
    public void A_lower_epoch_primary_is_only_recorded()
    {
        var b = new TestNode("b");
        b.Receive(Ms(0), "x", "ANNOUNCE 4 c c:6379");

        b.Receive(Ms(10), "a", "HB 3 a primary 0").SavesNothing();
        Assert.Equal("replica epoch=4 primary=c", b.State);
        Assert.True(b.Elector.HasQuorum(Ms(10))); // …but a is in the view
    }

    [Fact]
    public void A_higher_epoch_heartbeat_not_claiming_primary_changes_nothing_but_the_view()
    {
        var b = new TestNode("b");

        b.Receive(Ms(0), "a", "HB 9 a replica 0").SavesNothing();
        b.Receive(Ms(0), "c", "HB 9 c candidate 0").SavesNothing();
        Assert.Equal("replica epoch=1 primary=-", b.State);
        Assert.True(b.Elector.HasQuorum(Ms(0)));
    }

    [Fact]
    public void Heartbeats_never_produce_messages()
    {
        var b = new TestNode("b");

        b.Receive(Ms(0), "a", "HB 2 a primary 0").SendsNothing();
        b.Receive(Ms(0), "c", "HB 2 c replica 0").SendsNothing();
    }

    [Fact]
    public void The_view_remembers_the_claimed_offset_for_candidate_ranking()
    {
        var c = Setups.Follower("c", primary: "a");
        c.Tick(Ms(0));
        c.Receive(Ms(1000), "b", "HB 1 b replica 50");
        c.WithOffset(40);

        c.Tick(Ms(5000)).SavesNothing(); // b claimed more
        c.Receive(Ms(5100), "b", "HB 1 b replica 30");
        c.Tick(Ms(5200)).Saved("(2, c)"); // the latest claim counts
    }

    // ---- Primary ----

    [Fact]
    public void A_primary_steps_down_for_a_higher_epoch_primary()
    {
        var a = new TestNode("a", start: Role.Primary);

        a.Receive(Ms(0), "c", "HB 2 c primary 0").SendsNothing().Saved("(2, -)");
        Assert.Equal("replica epoch=2 primary=c", a.State);
    }

    [Fact]
    public void A_primary_hearing_itself_at_a_higher_epoch_stays_primary_and_takes_the_epoch()
    {
        var a = new TestNode("a", start: Role.Primary);

        a.Receive(Ms(0), "a", "HB 2 a primary 0").Saved("(2, -)");
        Assert.Equal("primary epoch=2 primary=a", a.State);
    }

    [Fact]
    public void A_primary_ignores_an_equal_epoch_primary_even_when_it_knows_none()
    {
        var a = new TestNode("a", start: Role.Primary);

        a.Receive(Ms(0), "c", "HB 1 c primary 0").SavesNothing();
        Assert.Equal("primary epoch=1 primary=-", a.State); // only a Replica learns at the same epoch
    }

    // ---- Candidate ----

    [Fact]
    public void A_candidate_gives_up_for_a_higher_epoch_primary_and_never_announces()
    {
        var b = Setups.Candidate("b"); // epoch 2 at 5000
        b.Receive(Ms(5010), "a", "ACCEPT 2 a"); // a quorum it has not acted on

        b.Receive(Ms(5020), "c", "HB 3 c primary 0").SendsNothing().Saved("(3, -)");
        Assert.Equal("replica epoch=3 primary=c", b.State);

        b.Tick(Ms(5030)).SendsNothing(); // no ANNOUNCE: the tally went with the candidacy
        b.Tick(Ms(8000)).Sends("a: HB 3 b replica 0", "c: HB 3 b replica 0"); // and no timeout backoff to hit
        Assert.Equal("replica epoch=3 primary=c", b.State);
    }

    [Fact]
    public void A_candidate_ignores_an_equal_epoch_primary()
    {
        var b = Setups.Candidate("b");

        b.Receive(Ms(5010), "c", "HB 2 c primary 0").SavesNothing();
        Assert.Equal("candidate epoch=2 primary=-", b.State);
    }
}
