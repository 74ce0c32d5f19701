using KevySpec.Persistence;
using KevySpec.Tests.TestSupport;
using static KevySpec.Tests.TestSupport.Time;

namespace KevySpec.Tests.Elector;

// Epochs never wrap and never go back (spec "Epoch ceiling"): any member may claim 2^64 - 1, a node
// follows, votes and adopts up to it, and a node at the ceiling never stands (its OFFER could not
// be newer for a voter there, and a second candidacy in that epoch could elect a second primary).
public sealed class EpochCeilingTests
{
    private const ulong Max = Epochs.Ceiling;
    private const ulong BelowMax = Epochs.Ceiling - 1;

    private static readonly ElectorDefinition Hardened = KevySpecElectors.Find("election-hardened")!;

    [Fact]
    public void The_ceiling_is_the_largest_u64_and_the_next_epoch_saturates_there()
    {
        Assert.Equal(ulong.MaxValue, Epochs.Ceiling);
        Assert.Equal(2UL, Epochs.Next(1));
        Assert.Equal(Max, Epochs.Next(BelowMax));
        Assert.Equal(Max, Epochs.Next(Max));
    }

    [Fact]
    public void A_replica_that_follows_a_primary_at_the_ceiling_never_stands_and_never_wraps()
    {
        var b = new TestNode("b");
        b.Tick(Ms(0));
        b.Receive(Ms(100), "a", $"HB {Max} a primary 0").Saved($"({Max}, -)");

        // a falls silent: down_after later b would stand, but no epoch above the ceiling is left.
        b.Tick(Ms(5100)).Sends($"a: HB {Max} b replica 0", $"c: HB {Max} b replica 0").SavesNothing();
        b.Tick(Ms(60_000)).Sends($"a: HB {Max} b replica 0", $"c: HB {Max} b replica 0").SavesNothing();
        Assert.Equal($"replica epoch={Max} primary=a", b.State);
    }

    [Fact]
    public void A_node_restored_at_the_ceiling_never_stands_after_its_cold_start_grace()
    {
        var b = new TestNode("b", store: new RecordingStore(new PersistedVote(Max, "c")));
        b.Tick(Ms(0));

        b.Tick(Ms(5000)).Sends($"a: HB {Max} b replica 0", $"c: HB {Max} b replica 0").SavesNothing();
        Assert.Equal($"replica epoch={Max} primary=-", b.State);
    }

    [Fact]
    public void One_below_the_ceiling_a_replica_stands_in_the_ceiling_epoch_once_and_never_again()
    {
        var b = new TestNode("b");
        b.Tick(Ms(0));
        b.Receive(Ms(100), "a", $"HB {BelowMax} a primary 0").Saved($"({BelowMax}, -)");

        b.Tick(Ms(5100)).Sends($"a: HB {BelowMax} b replica 0", $"c: HB {BelowMax} b replica 0", $"*: OFFER {Max} b 0").Saved($"({Max}, b)");
        Assert.Equal($"candidate epoch={Max} primary=a", b.State);

        b.Tick(Ms(8100)).Saved(); // nobody voted: the candidacy times out and backs off
        Assert.Equal($"replica epoch={Max} primary=a", b.State);
        b.Tick(Ms(20_000)).Sends($"a: HB {Max} b replica 0", $"c: HB {Max} b replica 0").SavesNothing();
        Assert.Equal($"replica epoch={Max} primary=a", b.State);
    }

    [Fact]
    public void Offers_and_announcements_at_the_ceiling_are_taken_up_to_it_and_not_beyond()
    {
        var c = new TestNode("c");
        c.Receive(Ms(0), "a", $"HB {BelowMax} a primary 0").Saved($"({BelowMax}, -)");

        c.Receive(Ms(10), "b", $"OFFER {Max} b 0").Sends($"b: ACCEPT {Max} c").Saved($"({Max}, b)");
        c.Receive(Ms(20), "a", $"OFFER {Max} a 0").SendsNothing().SavesNothing(); // not newer: one vote in the ceiling epoch
        c.Receive(Ms(30), "b", $"ANNOUNCE {Max} b b:6379").Saved($"({Max}, b)");
        Assert.Equal($"replica epoch={Max} primary=b", c.State);
    }

    [Fact]
    public void The_hardened_elector_does_not_rise_to_a_live_members_ceiling_epoch_to_stand()
    {
        var b = new TestNode("b", spec: Hardened);
        b.Tick(Ms(0));
        b.Receive(Ms(100), "c", $"HB {Max} c replica 0").SavesNothing();

        // No primary, grace over (so b is silent), b is the best live candidate: rising to c's epoch would leave nothing above it.
        b.Tick(Ms(5000)).SendsNothing().SavesNothing();
        Assert.Equal("replica epoch=1 primary=-", b.State);
    }

    [Fact]
    public void The_hardened_elector_rises_to_one_below_the_ceiling_and_stands_in_the_ceiling_epoch()
    {
        var b = new TestNode("b", spec: Hardened);
        b.Tick(Ms(0));
        b.Receive(Ms(100), "c", $"HB {BelowMax} c replica 0").SavesNothing();

        b.Tick(Ms(5000)).Sends($"*: OFFER {Max} b 0").Saved($"({BelowMax}, -)", $"({Max}, b)");
        Assert.Equal($"candidate epoch={Max} primary=-", b.State);
    }

    [Fact]
    public void The_hardened_elector_never_stands_from_the_ceiling_itself()
    {
        var b = new TestNode("b", spec: Hardened, store: new RecordingStore(new PersistedVote(Max, null)));
        b.Tick(Ms(0));

        b.Tick(Ms(5000)).SendsNothing().SavesNothing();
        Assert.Equal($"replica epoch={Max} primary=-", b.State);
    }

    [Theory]
    [InlineData("election")]
    [InlineData("election-hardened")]
    public void The_epoch_in_elect_meta_never_goes_back_at_the_ceiling(string spec)
    {
        using var folder = new TempFolder();
        var definition = KevySpecElectors.Find(spec)!;
        KevySpec.Elector Start()
        {
            var elector = definition.Create("b", ["a", "b", "c"], "b:6379", Role.Replica, ElectConfig.Default, new FixedJitter(TimeSpan.Zero));
            elector.AttachStore(new FileElectionStore(folder.Path));
            return elector;
        }

        var b = Start();
        b.Tick(Ms(0));
        b.OnMessage("a", new Heartbeat(Max, "a", Role.Primary, 0), Ms(100));
        Assert.Equal(new PersistedVote(Max, null), new FileElectionStore(folder.Path).Load());

        for (var t = 200; t <= 30_000; t += 200) b.Tick(Ms(t)); // a is silent for six times down_after
        Assert.Equal(Role.Replica, b.Role);
        Assert.Equal(Max, b.Epoch);
        Assert.Equal(new PersistedVote(Max, null), new FileElectionStore(folder.Path).Load());

        var restarted = Start();
        Assert.Equal(Max, restarted.Epoch);
        restarted.Tick(Ms(0));
        restarted.Tick(Ms(5000));
        Assert.Equal(new PersistedVote(Max, null), new FileElectionStore(folder.Path).Load());
    }
}
