using KevySpec.Tests.TestSupport;
using static KevySpec.Tests.TestSupport.Time;

namespace KevySpec.Tests.Elector;

// PROTOCOL.md on_message OFFER(new_epoch, candidate, offset): ignore if new_epoch <= epoch; if our
// offset > the offer's; if offsets are equal and our id is byte-wise smaller; if we already voted
// in new_epoch. Otherwise save (new_epoch, candidate) BEFORE replying, take new_epoch and send
// ACCEPT(new_epoch, self) to the candidate named in the message. The role never changes.
public sealed class OfferTests
{
    [Fact]
    public void A_replica_votes_for_a_newer_epoch_saving_first_and_replying_to_the_candidate()
    {
        var c = new TestNode("c");

        c.Receive(Ms(0), "b", "OFFER 2 b 0").Sends("b: ACCEPT 2 c").Saved("(2, b)");
        Assert.Equal("replica epoch=2 primary=-", c.State);
    }

    [Fact]
    public void The_accept_goes_to_the_candidate_in_the_message_not_to_from()
    {
        var c = new TestNode("c");

        c.Receive(Ms(0), "a", "OFFER 2 b 0").Sends("b: ACCEPT 2 c").Saved("(2, b)");
    }

    [Fact]
    public void An_offer_may_skip_epochs()
    {
        var c = new TestNode("c");

        c.Receive(Ms(0), "b", "OFFER 7 b 0").Sends("b: ACCEPT 7 c").Saved("(7, b)");
        Assert.Equal(7UL, c.Elector.Epoch);
    }

    [Fact]
    public void The_known_primary_stays_known_after_a_vote()
    {
        var c = Setups.Follower("c", primary: "a");

        c.Receive(Ms(10), "b", "OFFER 2 b 0").Sends("b: ACCEPT 2 c");
        Assert.Equal("replica epoch=2 primary=a", c.State);
    }

    [Fact]
    public void An_offer_for_the_current_epoch_is_refused_and_saves_nothing()
    {
        var c = new TestNode("c");

        c.Receive(Ms(0), "b", "OFFER 1 b 0").SendsNothing().SavesNothing();
        Assert.Equal("replica epoch=1 primary=-", c.State);
    }

    [Fact]
    public void An_offer_for_an_older_epoch_is_refused()
    {
        var c = new TestNode("c");
        c.Receive(Ms(0), "b", "OFFER 3 b 0");

        c.Receive(Ms(10), "a", "OFFER 2 a 0").SendsNothing().SavesNothing();
        Assert.Equal(3UL, c.Elector.Epoch);
    }

    [Fact]
    public void A_second_offer_in_the_same_epoch_gets_no_vote()
    {
        var c = new TestNode("c");
        c.Receive(Ms(0), "b", "OFFER 2 b 0").Sends("b: ACCEPT 2 c");

        c.Receive(Ms(10), "a", "OFFER 2 a 0").SendsNothing().SavesNothing();
    }

    [Fact]
    public void A_voter_ahead_of_the_candidate_refuses()
    {
        var c = new TestNode("c").WithOffset(101);

        c.Receive(Ms(0), "b", "OFFER 2 b 100").SendsNothing().SavesNothing();
        Assert.Equal("replica epoch=1 primary=-", c.State); // the refused epoch is not taken either
    }

    [Fact]
    public void A_voter_behind_the_candidate_accepts_whatever_the_ids()
    {
        var a = new TestNode("a").WithOffset(99);

        a.Receive(Ms(0), "c", "OFFER 2 c 100").Sends("c: ACCEPT 2 a").Saved("(2, c)");
    }

    [Fact]
    public void On_equal_offsets_a_voter_with_a_bytewise_smaller_id_refuses()
    {
        var a = new TestNode("a").WithOffset(5);

        a.Receive(Ms(0), "b", "OFFER 2 b 5").SendsNothing().SavesNothing();
    }

    [Fact]
    public void On_equal_offsets_a_voter_with_a_bytewise_larger_id_accepts()
    {
        var c = new TestNode("c").WithOffset(5);

        c.Receive(Ms(0), "b", "OFFER 2 b 5").Sends("b: ACCEPT 2 c");
    }

    [Fact]
    public void Byte_wise_order_puts_uppercase_first_and_prefixes_first()
    {
        new TestNode("B", "B a ab").Receive(Ms(0), "a", "OFFER 2 a 0").SendsNothing(); // "B" < "a": B refuses
        new TestNode("a", "B a ab").Receive(Ms(0), "B", "OFFER 2 B 0").Sends("B: ACCEPT 2 a");
        new TestNode("a", "B a ab").Receive(Ms(0), "ab", "OFFER 2 ab 0").SendsNothing(); // "a" < "ab": a refuses
        new TestNode("ab", "B a ab").Receive(Ms(0), "a", "OFFER 2 a 0").Sends("a: ACCEPT 2 ab");
    }

    [Fact]
    public void A_vote_restored_from_the_store_guards_its_epoch()
    {
        // A fresh elector at epoch 1 would accept OFFER 3 from a…
        new TestNode("c").Receive(Ms(0), "a", "OFFER 3 a 0").Sends("a: ACCEPT 3 c");

        // …one restarted after voting for b in epoch 3 refuses it, and saves nothing.
        var c = new TestNode("c", store: new RecordingStore(new PersistedVote(3, "b")));
        c.Receive(Ms(0), "a", "OFFER 3 a 0").SendsNothing().SavesNothing();
        c.Receive(Ms(10), "a", "OFFER 4 a 0").Sends("a: ACCEPT 4 c").Saved("(4, a)");
    }

    // ---- the role never changes (known hazard) ----

    [Fact]
    public void A_candidate_votes_for_a_newer_offer_and_stays_candidate()
    {
        var b = Setups.Candidate("b"); // epoch 2

        b.Receive(Ms(5010), "a", "OFFER 3 a 0").Sends("a: ACCEPT 3 b").Saved("(3, a)");
        Assert.Equal("candidate epoch=3 primary=-", b.State);
    }

    [Fact]
    public void A_primary_votes_for_a_newer_offer_and_stays_primary()
    {
        var c = new TestNode("c", start: Role.Primary);

        c.Receive(Ms(0), "b", "OFFER 2 b 0").Sends("b: ACCEPT 2 c").Saved("(2, b)");
        Assert.Equal("primary epoch=2 primary=-", c.State);
    }

    [Fact]
    public void Hazard_a_candidate_with_an_uncounted_quorum_announces_at_the_other_candidates_epoch()
    {
        var b = Setups.Candidate("b"); // stood for epoch 2
        b.Receive(Ms(5010), "c", "ACCEPT 2 c"); // quorum {b, c}, not acted on yet

        b.Receive(Ms(5020), "a", "OFFER 3 a 0").Sends("a: ACCEPT 3 b").Saved("(3, a)"); // votes for a in 3…
        Assert.Equal("candidate epoch=3 primary=-", b.State);

        b.Tick(Ms(5030)).Sends("*: ANNOUNCE 3 b b:6379"); // …then announces itself in a's epoch
        Assert.Equal("primary epoch=3 primary=b", b.State);
    }
}
