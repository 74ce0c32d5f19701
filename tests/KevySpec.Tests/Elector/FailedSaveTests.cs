using KevySpec.Tests.TestSupport;
using static KevySpec.Tests.TestSupport.Time;

namespace KevySpec.Tests.Elector;

// PROTOCOL.md: every save happens BEFORE the state change and the message it guards ("durable
// before send"). With a store whose Save throws, the step throws: the host gets no batch, and the
// epoch, role and primary are those from before the step. Once the disk recovers, the same input
// does what it would have done.
public sealed class FailedSaveTests
{
    private static void Throws(Func<StepResult> step) =>
        Assert.Contains("disk full", Assert.Throws<IOException>(() => step()).Message, StringComparison.Ordinal);

    [Fact]
    public void A_failed_save_of_a_candidacy_sends_no_offer_and_keeps_the_epoch()
    {
        var b = new TestNode("b");
        b.Tick(Ms(0));
        b.Store.Failing = true;

        Throws(() => b.Tick(Ms(5000)));
        Assert.Equal("replica epoch=1 primary=-", b.State);
        Assert.Empty(b.Store.Saves);

        b.Store.Failing = false;
        var retry = b.Tick(Ms(5000)).Saved("(2, b)"); // epoch 2, not 3: nothing moved on
        Assert.Contains("*: OFFER 2 b 0", retry.Sent);
        Assert.Equal("candidate epoch=2 primary=-", b.State);
    }

    [Fact]
    public void A_failed_save_of_a_vote_sends_no_accept_and_keeps_the_epoch()
    {
        var c = new TestNode("c");
        c.Store.Failing = true;

        Throws(() => c.Receive(Ms(0), "b", "OFFER 2 b 0"));
        Assert.Equal("replica epoch=1 primary=-", c.State);

        c.Store.Failing = false;
        c.Receive(Ms(10), "b", "OFFER 2 b 0").Sends("b: ACCEPT 2 c").Saved("(2, b)"); // no vote was recorded
    }

    [Fact]
    public void A_failed_save_of_a_vote_leaves_a_candidate_candidate()
    {
        var b = Setups.Candidate("b");
        b.Store.Failing = true;

        Throws(() => b.Receive(Ms(5010), "a", "OFFER 3 a 0"));
        Assert.Equal("candidate epoch=2 primary=-", b.State);
    }

    [Fact]
    public void A_failed_save_of_a_heartbeats_epoch_keeps_a_primary_primary()
    {
        var a = new TestNode("a", start: Role.Primary);
        a.Store.Failing = true;

        Throws(() => a.Receive(Ms(0), "c", "HB 2 c primary 0"));
        Assert.Equal("primary epoch=1 primary=-", a.State);

        a.Store.Failing = false;
        a.Receive(Ms(10), "c", "HB 2 c primary 0").Saved("(2, -)");
        Assert.Equal("replica epoch=2 primary=c", a.State);
    }

    [Fact]
    public void A_failed_save_of_a_heartbeats_epoch_keeps_a_candidate_candidate()
    {
        var b = Setups.Candidate("b");
        b.Receive(Ms(5010), "a", "ACCEPT 2 a");
        b.Store.Failing = true;

        Throws(() => b.Receive(Ms(5020), "c", "HB 3 c primary 0"));
        Assert.Equal("candidate epoch=2 primary=-", b.State);

        b.Store.Failing = false;
        b.Tick(Ms(5030)).Sends("*: ANNOUNCE 2 b b:6379"); // the candidacy and its tally survived
    }

    [Fact]
    public void A_failed_save_of_a_heartbeats_epoch_keeps_a_replicas_primary()
    {
        var b = Setups.Follower("b", primary: "a");
        b.Store.Failing = true;

        Throws(() => b.Receive(Ms(10), "c", "HB 2 c primary 0"));
        Assert.Equal("replica epoch=1 primary=a", b.State);
    }

    [Fact]
    public void A_failed_save_of_an_announce_changes_nothing()
    {
        var b = Setups.Candidate("b");
        b.Store.Failing = true;

        Throws(() => b.Receive(Ms(5010), "a", "ANNOUNCE 3 a a:6379"));
        Assert.Equal("candidate epoch=2 primary=-", b.State);

        Throws(() => b.Receive(Ms(5020), "a", "ANNOUNCE 3 b b:6379"));
        Assert.Equal("candidate epoch=2 primary=-", b.State);
    }

    [Fact]
    public void Steps_that_save_nothing_succeed_on_a_failing_store()
    {
        var c = Setups.Follower("c", primary: "a");
        c.Store.Failing = true;

        c.Tick(Ms(0)).Sends("a: HB 1 c replica 0", "b: HB 1 c replica 0");
        c.Receive(Ms(10), "a", "HB 1 a primary 0").SavesNothing();
        c.Receive(Ms(20), "b", "OFFER 1 b 0").SendsNothing(); // refused: nothing to save
        c.Receive(Ms(30), "a", "ANNOUNCE 1 a a:6379").SavesNothing(); // already known
        Assert.Equal("replica epoch=1 primary=a", c.State);
    }
}
