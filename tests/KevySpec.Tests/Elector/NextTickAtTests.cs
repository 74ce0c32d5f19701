using KevySpec.Tests.TestSupport;
using static KevySpec.Tests.TestSupport.Time;

namespace KevySpec.Tests.Elector;

// NextTickAt(): "now" (the latest instant seen) before the first tick; afterwards the earliest of
// the next heartbeat due, a sender's DOWN deadline, the cold-start grace end, the election timeout
// and the backoff end; null when no tick can ever matter (a 1-node cluster that won).
// Timings here are chosen so each deadline is the earliest in turn: hb 10 s, down 5 s, timeout 3 s,
// backoff 1 s, jitter max 4 s.
public sealed class NextTickAtTests
{
    private static readonly ElectConfig SlowHeartbeats = Setups.Config(hb: 10_000, down: 5000, timeout: 3000, backoff: 1000, jitter: 4000);

    [Fact]
    public void Before_the_first_tick_it_asks_for_a_tick_now()
    {
        var b = new TestNode("b");
        Assert.Equal(Ms(0), b.Elector.NextTickAt());

        b.Receive(Ms(3000), "a", "HB 1 a replica 0");
        Assert.Equal(Ms(3000), b.Elector.NextTickAt());
    }

    [Fact]
    public void With_default_timings_the_next_heartbeat_comes_first()
    {
        var b = new TestNode("b");
        b.Tick(Ms(0));

        Assert.Equal(Ms(200), b.Elector.NextTickAt());
    }

    [Fact]
    public void The_cold_start_grace_end_is_a_deadline()
    {
        var b = new TestNode("b", config: SlowHeartbeats);
        b.Tick(Ms(1000));

        Assert.Equal(Ms(6000), b.Elector.NextTickAt());
    }

    [Fact]
    public void A_senders_down_deadline_is_a_deadline()
    {
        var c = new TestNode("c", config: SlowHeartbeats);
        c.Tick(Ms(0));
        c.Receive(Ms(2000), "a", "HB 1 a replica 0");
        c.Tick(Ms(5000)); // grace over, but a (smaller id) is alive: no election yet

        Assert.Equal("replica epoch=1 primary=-", c.State);
        Assert.Equal(Ms(7000), c.Elector.NextTickAt()); // when a goes DOWN, c becomes the best candidate

        c.Tick(Ms(7000)).Saved("(2, c)");
    }

    [Fact]
    public void The_primarys_down_deadline_is_a_deadline()
    {
        var b = new TestNode("b", config: SlowHeartbeats);
        b.Tick(Ms(0));
        b.Receive(Ms(4000), "a", "HB 1 a primary 0");
        b.Tick(Ms(5000)); // past the grace: only a's liveness matters now

        Assert.Equal(Ms(9000), b.Elector.NextTickAt());
        b.Tick(Ms(9000)).Saved("(2, b)");
    }

    [Fact]
    public void The_election_timeout_is_a_deadline()
    {
        var b = Setups.Candidate("b", config: SlowHeartbeats); // offered at 5000

        Assert.Equal(Ms(8000), b.Elector.NextTickAt());
    }

    [Fact]
    public void The_backoff_end_is_a_deadline()
    {
        var b = Setups.Candidate("b", config: SlowHeartbeats, jitter: new FixedJitter(Ms(500)));
        b.Tick(Ms(8000)); // timed out

        Assert.Equal(Ms(9500), b.Elector.NextTickAt());
        b.Tick(Ms(9500)).Saved("(3, b)");
    }

    [Fact]
    public void A_counted_quorum_asks_for_a_tick_now()
    {
        var b = Setups.Candidate("b", config: SlowHeartbeats);
        b.Receive(Ms(6000), "a", "ACCEPT 2 a");

        Assert.Equal(Ms(6000), b.Elector.NextTickAt());
    }

    [Fact]
    public void Deadlines_already_passed_are_not_returned_again()
    {
        var b = new TestNode("b", config: SlowHeartbeats);
        b.Tick(Ms(0));
        b.Receive(Ms(1000), "a", "HB 1 a primary 0");
        b.Tick(Ms(6000)); // a is DOWN, the grace is over: b stood at 6000

        Assert.Equal("candidate epoch=2 primary=a", b.State);
        Assert.Equal(Ms(9000), b.Elector.NextTickAt()); // its election timeout, not a's past deadline
    }

    [Fact]
    public void A_single_node_that_won_never_needs_another_tick()
    {
        var solo = new TestNode("solo", "solo");
        solo.Tick(Ms(0));
        Assert.Equal(Ms(5000), solo.Elector.NextTickAt());

        solo.Tick(Ms(5000));
        Assert.Equal("primary epoch=2 primary=solo", solo.State);
        Assert.Null(solo.Elector.NextTickAt());
    }
}
