using KevySpec.Tests.TestSupport;
using static KevySpec.Tests.TestSupport.Time;

namespace KevySpec.Tests.Elector;

// PROTOCOL.md "Public surface": an elector started as Candidate (a host restarting mid-candidacy)
// has no offer instant and no tally, so tick phases 3–4 never apply to it; it stays Candidate
// until a higher-epoch primary HB or an ANNOUNCE moves it.
public sealed class StartAsCandidateTests
{
    [Fact]
    public void It_neither_stands_nor_times_out_it_only_heartbeats()
    {
        var b = new TestNode("b", start: Role.Candidate);

        b.Tick(Ms(0)).Sends("a: HB 1 b candidate 0", "c: HB 1 b candidate 0");
        b.Tick(Ms(5000)).Sends("a: HB 1 b candidate 0", "c: HB 1 b candidate 0").SavesNothing();
        b.Tick(Ms(60_000)).Sends("a: HB 1 b candidate 0", "c: HB 1 b candidate 0").SavesNothing();
        Assert.Equal("candidate epoch=1 primary=-", b.State);
    }

    [Fact]
    public void It_never_announces_even_with_a_quorum_of_accepts()
    {
        var b = new TestNode("b", start: Role.Candidate);
        b.Tick(Ms(0));
        b.Receive(Ms(10), "a", "ACCEPT 1 a").SendsNothing();
        b.Receive(Ms(20), "c", "ACCEPT 1 c").SendsNothing();

        b.Tick(Ms(200)).Sends("a: HB 1 b candidate 0", "c: HB 1 b candidate 0");
        Assert.Equal("candidate epoch=1 primary=-", b.State);
    }

    [Fact]
    public void A_primary_heartbeat_of_the_same_epoch_does_not_move_it()
    {
        var b = new TestNode("b", start: Role.Candidate);

        b.Receive(Ms(0), "a", "HB 1 a primary 0").SavesNothing();
        Assert.Equal("candidate epoch=1 primary=-", b.State);
    }

    [Fact]
    public void A_higher_epoch_primary_heartbeat_makes_it_a_replica()
    {
        var b = new TestNode("b", start: Role.Candidate);

        b.Receive(Ms(0), "a", "HB 2 a primary 0").Saved("(2, -)");
        Assert.Equal("replica epoch=2 primary=a", b.State);
    }

    [Fact]
    public void An_announce_moves_it()
    {
        var b = new TestNode("b", start: Role.Candidate);

        b.Receive(Ms(0), "a", "ANNOUNCE 1 a a:6379").Saved("(1, a)");
        Assert.Equal("replica epoch=1 primary=a", b.State);
    }

    [Fact]
    public void Once_a_replica_it_stands_like_any_other()
    {
        var b = new TestNode("b", start: Role.Candidate);
        b.Tick(Ms(0));
        b.Receive(Ms(100), "a", "HB 2 a primary 0");

        b.Tick(Ms(5100)).Sends("a: HB 2 b replica 0", "c: HB 2 b replica 0", "*: OFFER 3 b 0").Saved("(3, b)");
    }
}
