using KevySpec.Simulation;

namespace KevySpec.Tests.Checking;

public sealed class SnapshotTests
{
    private static readonly string[] Members = ["a", "b", "c"];

    private static TimeSpan Ms(int ms) => TimeSpan.FromMilliseconds(ms);

    // A candidate with a vote counted, views, a backoff behind it: every field set.
    private static ReferenceElector Busy()
    {
        var e = new ReferenceElector("a", Members, "a:1", Role.Replica, ElectConfig.Default, new FixedJitter(Ms(700)));
        e.Tick(Ms(0));
        e.OnMessage("c", new Heartbeat(1, "c", Role.Replica, 0), Ms(100));
        e.Tick(Ms(5000));
        e.Tick(Ms(8000));
        e.OnMessage("b", new Heartbeat(2, "b", Role.Replica, 0), Ms(8500));
        e.Tick(Ms(9800));
        e.OnMessage("b", new Accept(3, "b"), Ms(9900));
        return e;
    }

    [Fact]
    public void Restore_puts_back_a_state_that_behaves_the_same()
    {
        var original = Busy();
        var snapshot = original.Capture();
        Assert.Equal(Role.Candidate, snapshot.Role);
        Assert.Equal(["a", "b"], snapshot.Tally);

        var copy = new ReferenceElector("a", Members, "a:1", Role.Primary, ElectConfig.Default, new FixedJitter(Ms(700)));
        copy.Restore(snapshot);

        Assert.Equal(snapshot, copy.Capture());
        Assert.Equal(snapshot.GetHashCode(), copy.Capture().GetHashCode());
        Assert.Equal(original.NextTickAt(), copy.NextTickAt());
        // The role came back too: the machine fires finish-candidacy from Candidate.
        Assert.Equal(original.Tick(Ms(9950)), copy.Tick(Ms(9950)));
        Assert.Equal(Role.Primary, copy.Role);
        Assert.Equal(original.Capture(), copy.Capture());
    }

    [Fact]
    public void Restore_resets_a_role_that_moved_on()
    {
        var elector = Busy();
        var candidate = elector.Capture();
        elector.Tick(Ms(9950));
        Assert.Equal(Role.Primary, elector.Role);

        elector.Restore(candidate);

        Assert.Equal(Role.Candidate, elector.Role);
        Assert.Equal(3UL, elector.Epoch);
        Assert.Null(elector.CurrentPrimary);
    }

    [Fact]
    public void Restore_keeps_the_attached_store()
    {
        var store = new StepRecordingStore();
        var elector = new ReferenceElector("c", Members, "c:1");
        elector.AttachStore(store);
        elector.Restore(new ReferenceElector("c", Members, "c:1").Capture());
        elector.OnMessage("b", new Offer(4, "b", 0), Ms(1));
        Assert.Equal(new PersistedVote(4, "b"), store.Durable);
    }

    [Fact]
    public void Snapshots_differ_when_the_state_does_and_views_are_ordered()
    {
        var a = new ReferenceElector("a", Members, "a:1");
        var b = new ReferenceElector("a", Members, "a:1");
        a.OnMessage("b", new Heartbeat(1, "b", Role.Replica, 0), Ms(1));
        a.OnMessage("c", new Heartbeat(1, "c", Role.Replica, 0), Ms(1));
        b.OnMessage("c", new Heartbeat(1, "c", Role.Replica, 0), Ms(1));
        Assert.NotEqual(a.Capture(), b.Capture());
        b.OnMessage("b", new Heartbeat(1, "b", Role.Replica, 0), Ms(1));
        Assert.Equal(a.Capture(), b.Capture());
        Assert.Equal(["b", "c"], b.Capture().Views.Select(v => v.Key));
    }

    [Fact]
    public void A_snapshot_restores_only_into_its_own_node()
    {
        var snapshot = new ReferenceElector("a", Members, "a:1").Capture();
        var other = new ReferenceElector("b", Members, "b:1");
        Assert.Contains("node 'a'", Assert.Throws<ArgumentException>(() => other.Restore(snapshot)).Message);
        var bigger = new ReferenceElector("a", ["a", "b", "c", "d"], "a:1");
        Assert.Contains("members", Assert.Throws<ArgumentException>(() => bigger.Restore(snapshot)).Message);
    }
}
