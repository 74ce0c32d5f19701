using KevySpec.Tests.TestSupport;
using static KevySpec.Tests.TestSupport.Time;

namespace KevySpec.Tests.Elector;

// PROTOCOL.md on_message ACCEPT(epoch, voter): counted only by a Candidate at the same epoch.
// Nothing is emitted (the next tick announces); nothing is saved.
public sealed class AcceptTests
{
    [Fact]
    public void A_candidate_counts_an_accept_for_its_epoch_silently()
    {
        var b = Setups.Candidate("b");

        b.Receive(Ms(5010), "a", "ACCEPT 2 a").SendsNothing().SavesNothing();
        Assert.Equal("candidate epoch=2 primary=-", b.State);
        Assert.Equal(Ms(5010), b.Elector.NextTickAt()); // the quorum needs a tick now
    }

    [Fact]
    public void A_candidate_ignores_an_accept_for_a_newer_epoch()
    {
        var b = Setups.Candidate("b");

        b.Receive(Ms(5010), "a", "ACCEPT 3 a").SendsNothing().SavesNothing();
        b.Tick(Ms(5020)).SendsNothing();
        Assert.Equal("candidate epoch=2 primary=-", b.State);
    }

    [Fact]
    public void A_replica_ignores_accepts()
    {
        var b = new TestNode("b");

        b.Receive(Ms(0), "a", "ACCEPT 1 a").SendsNothing().SavesNothing();
        b.Receive(Ms(0), "c", "ACCEPT 1 c").SendsNothing().SavesNothing();
        Assert.Equal("replica epoch=1 primary=-", b.State);
    }

    [Fact]
    public void A_primary_ignores_accepts()
    {
        var b = Setups.Candidate("b");
        b.Receive(Ms(5010), "a", "ACCEPT 2 a");
        b.Tick(Ms(5020)).Sends("*: ANNOUNCE 2 b b:6379");

        b.Receive(Ms(5030), "c", "ACCEPT 2 c").SendsNothing().SavesNothing();
        b.Tick(Ms(5040)).SendsNothing(); // no second ANNOUNCE
        Assert.Equal("primary epoch=2 primary=b", b.State);
    }

    [Fact]
    public void Accepts_counted_by_a_replica_do_not_carry_into_a_later_candidacy()
    {
        var e = new TestNode("e", "a b c d e"); // quorum 3
        e.Tick(Ms(0));
        e.Receive(Ms(10), "a", "ACCEPT 2 a");
        e.Receive(Ms(20), "b", "ACCEPT 2 b");

        e.Tick(Ms(5000)).Saved("(2, e)"); // stands for epoch 2 with a tally of {e}
        e.Tick(Ms(5010)).SendsNothing();
        Assert.Equal("candidate epoch=2 primary=-", e.State);
    }
}
