using KevySpec.Load.Runner;
using KevySpec.Load.Safety;

namespace KevySpec.Load.Tests;

public class ElectionLedgerTests
{
    private static readonly TimeSpan Allowance = TimeSpan.FromSeconds(1);

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    private static SaveEvent Stand(string node, ulong epoch, double atSeconds) =>
        new(node, new PersistedVote(epoch, node), epoch - 1, S(atSeconds));

    [Fact]
    public void Only_a_vote_for_itself_at_a_new_epoch_is_a_candidacy()
    {
        var ledger = new ElectionLedger(Allowance);
        ledger.StartMeasuring(TimeSpan.Zero);
        ledger.OnSave(new SaveEvent("n2", new PersistedVote(2, "n3"), 1, S(1)));   // an ACCEPT
        ledger.OnSave(new SaveEvent("n2", new PersistedVote(3, null), 2, S(2)));   // a higher-epoch HB
        ledger.OnSave(new SaveEvent("n2", new PersistedVote(3, "n2"), 3, S(3)));   // an ANNOUNCE of itself
        ledger.OnSave(Stand("n2", 4, 4));

        Assert.Equal([("n2", 4UL)], ledger.Elections().Select(e => (e.NodeId, e.Epoch)).ToArray());
    }

    [Fact]
    public void Elections_before_measuring_are_startup_elections()
    {
        var ledger = new ElectionLedger(Allowance);
        ledger.OnSave(Stand("n1", 2, 0.5));
        ledger.StartMeasuring(S(1));

        var election = Assert.Single(ledger.Elections());
        Assert.True(election.Startup);
        Assert.False(election.Spurious);
    }

    [Fact]
    public void An_election_with_no_fault_window_is_spurious()
    {
        var ledger = new ElectionLedger(Allowance);
        ledger.StartMeasuring(TimeSpan.Zero);
        ledger.OnSave(Stand("n2", 2, 5));

        Assert.True(Assert.Single(ledger.Elections()).Spurious);
    }

    [Fact]
    public void A_fault_on_the_primary_explains_anyone_standing_until_repair_plus_allowance()
    {
        var ledger = new ElectionLedger(Allowance);
        ledger.StartMeasuring(TimeSpan.Zero);
        var window = new FaultWindow(1, S(10), new HashSet<string> { "n1" }, TouchesPrimary: true);
        ledger.Open(window);
        ledger.OnSave(Stand("n2", 2, 10.5));
        ledger.Close(window, S(12));
        ledger.OnSave(Stand("n3", 3, 12.9));
        ledger.OnSave(Stand("n3", 4, 13.1));
        ledger.OnSave(Stand("n3", 5, 9.9));

        Assert.Equal([false, false, true, true], ledger.Elections().Select(e => e.Spurious).ToArray());
    }

    [Fact]
    public void After_its_repair_a_fault_explains_anyone_until_its_end_plus_allowance()
    {
        var ledger = new ElectionLedger(Allowance);
        ledger.StartMeasuring(TimeSpan.Zero);
        var window = new FaultWindow(1, S(1), new HashSet<string> { "n4" }, TouchesPrimary: false);
        ledger.Open(window);
        ledger.OnSave(Stand("n1", 2, 2));      // before the heal: the cut-off n4 gives n1 no reason
        ledger.Repair(window, S(3));
        ledger.OnSave(Stand("n1", 3, 3.1));    // n4 returns with a higher epoch: n1 steps down and stands
        ledger.Close(window, S(4));
        ledger.OnSave(Stand("n1", 4, 4.9));
        ledger.OnSave(Stand("n1", 5, 5.1));

        Assert.Equal([true, false, false, true], ledger.Elections().Select(e => e.Spurious).ToArray());
    }

    [Fact]
    public void A_fault_away_from_the_primary_explains_only_its_own_nodes()
    {
        var ledger = new ElectionLedger(Allowance);
        ledger.StartMeasuring(TimeSpan.Zero);
        ledger.Open(new FaultWindow(1, S(1), new HashSet<string> { "n4", "n5" }, TouchesPrimary: false));
        ledger.OnSave(Stand("n4", 2, 2));
        ledger.OnSave(Stand("n2", 3, 2));

        Assert.Equal([false, true], ledger.Elections().Select(e => e.Spurious).ToArray());
        Assert.Equal(2, ledger.CountBetween(S(1), S(3)));
        Assert.Equal(0, ledger.CountBetween(S(2.5), S(3)));
    }
}
