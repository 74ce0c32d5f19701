using KevySpec.Tests.TestSupport;

namespace KevySpec.Tests.Graph;

// The snapshot-set check names every missing and unexpected file, however many (a new spec adds three at once).
public sealed class NameSetsTests
{
    [Fact]
    public void Equal_sets_pass_in_any_order()
    {
        NameSets.AssertSame(["b", "a"], ["a", "b"], "names");
    }

    [Fact]
    public void A_difference_lists_every_missing_and_unexpected_name_in_full()
    {
        string[] expected = [.. Enumerable.Range(0, 12).Select(i => $"TransitionGraphSnapshotTests.Dot.ForScenario.spec-{i:00}.approved.dot")];
        string[] actual = [.. expected.Skip(3), "TransitionGraphSnapshotTests.Dot.ForScenario.gone.approved.dot"];

        var e = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => NameSets.AssertSame(expected, actual, "approved snapshots"));

        Assert.Equal(
            "approved snapshots differ:\n" +
            "  missing:    TransitionGraphSnapshotTests.Dot.ForScenario.spec-00.approved.dot\n" +
            "  missing:    TransitionGraphSnapshotTests.Dot.ForScenario.spec-01.approved.dot\n" +
            "  missing:    TransitionGraphSnapshotTests.Dot.ForScenario.spec-02.approved.dot\n" +
            "  unexpected: TransitionGraphSnapshotTests.Dot.ForScenario.gone.approved.dot",
            e.Message);
    }
}
