using KevySpec.Tests.TestSupport;
using static KevySpec.Tests.TestSupport.Time;

namespace KevySpec.Tests.Elector;

// PROTOCOL.md tick phase 4, for a Candidate with an offer instant: tally >= quorum → Primary,
// current primary = self, broadcast ANNOUNCE(epoch, self, addr); otherwise, once
// now - offer >= election_timeout → Replica with backoff = now + election_backoff + jitter.
public sealed class TickFinishCandidacyTests
{
    [Fact]
    public void Accepts_are_counted_silently_and_the_next_tick_announces()
    {
        var b = Setups.Candidate("b"); // offered 2 at 5000

        b.Receive(Ms(5010), "a", "ACCEPT 2 a").SendsNothing().SavesNothing();
        Assert.Equal("candidate epoch=2 primary=-", b.State); // a quorum of 2, but only a tick announces

        b.Tick(Ms(5011)).Sends("*: ANNOUNCE 2 b b:6379").SavesNothing();
        Assert.Equal("primary epoch=2 primary=b", b.State);
    }

    [Fact]
    public void A_winner_does_not_announce_twice()
    {
        var b = Setups.Candidate("b");
        b.Receive(Ms(5010), "a", "ACCEPT 2 a");
        b.Tick(Ms(5011)).Sends("*: ANNOUNCE 2 b b:6379");

        b.Tick(Ms(5200)).Sends("a: HB 2 b primary 0", "c: HB 2 b primary 0");
    }

    [Fact]
    public void Without_a_quorum_the_candidate_waits_until_exactly_election_timeout()
    {
        var b = Setups.Candidate("b");

        b.Tick(Ms(8000) - Us(1)).SavesNothing();
        Assert.Equal("candidate epoch=2 primary=-", b.State);

        b.Tick(Ms(8000)).SendsNothing().SavesNothing();
        Assert.Equal("replica epoch=2 primary=-", b.State); // the epoch it stood in stays
    }

    [Fact]
    public void Backoff_lasts_election_backoff_plus_the_jitter()
    {
        var b = Setups.Candidate("b", jitter: new FixedJitter(Ms(1500)));
        b.Tick(Ms(8000)); // timed out: backoff until 8000 + 1000 + 1500

        b.Tick(Ms(10_500) - Us(1)).SavesNothing();
        b.Tick(Ms(10_500)).Saved("(3, b)");
    }

    [Fact]
    public void Jitter_larger_than_the_configured_maximum_is_clamped()
    {
        var b = Setups.Candidate("b", jitter: new FixedJitter(Ms(60_000))); // max is the default 4000
        b.Tick(Ms(8000)); // backoff until 8000 + 1000 + 4000

        b.Tick(Ms(13_000) - Us(1)).SavesNothing();
        b.Tick(Ms(13_000)).Saved("(3, b)");
    }

    [Fact]
    public void Votes_from_a_stale_epoch_are_not_counted()
    {
        var b = Setups.Candidate("b");
        b.Receive(Ms(5010), "a", "ACCEPT 1 a");

        b.Tick(Ms(5011)).SendsNothing();
        Assert.Equal("candidate epoch=2 primary=-", b.State);
    }

    [Fact]
    public void The_tally_is_a_set_a_repeated_voter_counts_once()
    {
        var e = Setups.Candidate("e", "a b c d e"); // quorum 3
        e.Receive(Ms(5010), "a", "ACCEPT 2 a");
        e.Receive(Ms(5020), "a", "ACCEPT 2 a");
        e.Tick(Ms(5030)).SendsNothing();
        Assert.Equal(Role.Candidate, e.Elector.Role);

        e.Receive(Ms(5040), "b", "ACCEPT 2 b");
        e.Tick(Ms(5050)).Sends("*: ANNOUNCE 2 e e:6379");
    }

    [Fact]
    public void The_tally_holds_the_voter_id_inside_the_accept_not_from()
    {
        var e = Setups.Candidate("e", "a b c d e");
        e.Receive(Ms(5010), "a", "ACCEPT 2 a");
        e.Receive(Ms(5020), "a", "ACCEPT 2 c"); // relayed by a: still c's vote

        e.Tick(Ms(5030)).Sends("*: ANNOUNCE 2 e e:6379");
    }

    [Fact]
    public void A_single_node_cluster_stands_and_wins_in_the_tick_that_ends_its_grace()
    {
        var solo = new TestNode("solo", "solo").WithOffset(31337);
        solo.Tick(Ms(0)).SendsNothing().SavesNothing();
        solo.Tick(Ms(5000) - Us(1)).SendsNothing().SavesNothing();

        solo.Tick(Ms(5000)).Sends("*: OFFER 2 solo 31337", "*: ANNOUNCE 2 solo solo:6379").Saved("(2, solo)");
        Assert.Equal("primary epoch=2 primary=solo", solo.State);
    }

    [Fact]
    public void A_quorum_reached_after_the_timeout_instant_still_wins_if_counted_before_the_tick()
    {
        var b = Setups.Candidate("b");
        b.Receive(Ms(9000), "c", "ACCEPT 2 c"); // the candidate has not ticked since 5000

        b.Tick(Ms(9000)).Sends("a: HB 2 b candidate 0", "c: HB 2 b candidate 0", "*: ANNOUNCE 2 b b:6379");
        Assert.Equal("primary epoch=2 primary=b", b.State); // the quorum test comes before the timeout
    }

    [Fact]
    public void A_two_node_cluster_needs_both_votes()
    {
        var a = Setups.Candidate("a", "a b");

        a.Tick(Ms(8000)).SavesNothing();
        Assert.Equal("replica epoch=2 primary=-", a.State);

        var b = Setups.Candidate("b", "a b");
        b.Receive(Ms(5001), "a", "ACCEPT 2 a");
        b.Tick(Ms(5002)).Sends("*: ANNOUNCE 2 b b:6379");
    }
}
