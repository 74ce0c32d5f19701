using KevySpec.Persistence;
using KevySpec.Tests.TestSupport;
using static KevySpec.Tests.TestSupport.Time;

namespace KevySpec.Tests.Elector;

// Hardened changes 3 and 10 (spec/election-hardened.spec.md, docs/checking.md finding 11): a
// primary steps down only when its epoch is left behind — a live member ahead in epoch and no
// quorum of live members at its epoch or below — and a replica whose primary is lost follows a
// primary of a lower epoch. One node ahead in epoch (it stood while cut off, died and rejoined)
// no longer deposes a primary that a quorum follows.
public sealed class EpochLeftBehindTests
{
    private static readonly ElectorDefinition Hardened = KevySpecElectors.Find("election-hardened")!;

    private static TestNode Primary() => new("a", start: Role.Primary, spec: Hardened);

    [Fact]
    public void A_primary_followed_by_a_quorum_at_its_epoch_keeps_its_post_when_one_member_is_ahead()
    {
        var a = Primary();
        a.Tick(Ms(0));
        a.Receive(Ms(100), "b", "HB 1 b replica 0").SavesNothing();

        a.Receive(Ms(150), "c", "HB 4 c replica 0").Sends().SavesNothing();
        a.Tick(Ms(200));
        Assert.Equal("primary epoch=1 primary=-", a.State);
        Assert.True(a.Elector.HasQuorum(Ms(200)));
    }

    [Fact]
    public void A_primary_steps_down_in_the_step_that_shows_its_epoch_without_a_quorum()
    {
        var a = Primary();
        a.Tick(Ms(0));

        // b voted in epoch 2 for someone: with c unheard, a and the members at epoch 1 are one of three.
        a.Receive(Ms(100), "b", "HB 2 b replica 0").SavesNothing();
        Assert.Equal("replica epoch=1 primary=-", a.State);
    }

    [Fact]
    public void A_primary_steps_down_at_the_tick_where_the_last_view_at_its_epoch_expires()
    {
        var a = Primary();
        a.Tick(Ms(0));
        a.Receive(Ms(100), "b", "HB 1 b replica 0");
        a.Receive(Ms(150), "c", "HB 4 c replica 0");
        a.Receive(Ms(5000), "c", "HB 4 c replica 0");
        Assert.Equal("primary epoch=1 primary=-", a.State);

        // b's view, from 100 ms, is down_after old at 5.1 s (a view's expiry is one of NextTickAt's deadlines).
        a.Tick(Ms(5099));
        Assert.Equal("primary epoch=1 primary=-", a.State);
        a.Tick(Ms(5100)).SavesNothing();
        Assert.Equal("replica epoch=1 primary=-", a.State);
        Assert.False(a.Elector.HasQuorum(Ms(5100)) && a.Elector.Role == Role.Primary);
    }

    [Fact]
    public void A_rejoined_node_ahead_in_epoch_follows_the_primary_of_a_lower_epoch_and_never_stands()
    {
        var c = new TestNode("c", spec: Hardened, store: new RecordingStore(new PersistedVote(4, "c")));
        c.Tick(Ms(0));
        c.Receive(Ms(100), "a", "HB 1 a primary 0").SavesNothing();
        Assert.Equal("replica epoch=4 primary=a", c.State);

        // a keeps beating: past the cold-start grace, c still follows it and keeps its epoch.
        for (var t = 300; t <= 12_000; t += 200)
        {
            c.Receive(Ms(t - 100), "a", "HB 1 a primary 0");
            c.Tick(Ms(t)).SavesNothing();
        }
        Assert.Equal("replica epoch=4 primary=a", c.State);
    }

    [Fact]
    public void A_replica_ahead_in_epoch_does_not_follow_a_lower_primary_while_its_own_primary_lives()
    {
        var c = new TestNode("c", spec: Hardened);
        c.Tick(Ms(0));
        c.Receive(Ms(100), "b", "HB 2 b primary 0").Saved("(2, -)");

        c.Receive(Ms(200), "a", "HB 1 a primary 0").SavesNothing();
        Assert.Equal("replica epoch=2 primary=b", c.State);
    }

    [Fact]
    public void An_announce_from_the_primary_already_followed_marks_its_view_primary()
    {
        // c followed a on an older heartbeat while a's newest one, at epoch 2, still said candidate.
        var c = new TestNode("c", spec: Hardened, store: new RecordingStore(new PersistedVote(2, "a"))).WithOffset(5);
        c.Tick(Ms(0));
        c.Receive(Ms(100), "a", "HB 1 a primary 0");
        c.Receive(Ms(150), "a", "HB 2 a candidate 0");
        Assert.Equal("replica epoch=2 primary=a", c.State);

        c.Receive(Ms(200), "a", "ANNOUNCE 2 a a:6379").SavesNothing();
        // Past the grace, with a higher offset than a's, c would stand against a "lost" primary. (It
        // sends no heartbeat either: a has not claimed primary to it for quiet_after.)
        c.Tick(Ms(5000)).SendsNothing();
        Assert.Equal("replica epoch=2 primary=a", c.State);
    }
}
