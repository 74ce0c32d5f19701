using KevySpec.Tests.TestSupport;
using static KevySpec.Tests.TestSupport.Time;

namespace KevySpec.Tests.Elector;

// NextTickAt() is exact: a host that sleeps until it (and ticks after each message and each offset
// change) sees the same elections, at the same instants, as one that ticks every millisecond.
public sealed class NextTickAtPropertyTests
{
    private static readonly TimeSpan Duration = Ms(30_000);

    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 12)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Ticking_only_when_asked_changes_nothing_observable(int seed)
    {
        var everyMs = new InstantCluster(seed, Duration);
        var expected = everyMs.RunTickingEveryMillisecond();
        var whenAsked = new InstantCluster(seed, Duration);
        var actual = whenAsked.RunTickingOnlyWhenAsked();

        var diverged = Enumerable.Range(0, Math.Min(expected.Count, actual.Count)).FirstOrDefault(i => expected[i] != actual[i], -1);
        if (diverged < 0 && expected.Count != actual.Count) diverged = Math.Min(expected.Count, actual.Count);
        Assert.True(diverged < 0,
            $"seed {seed}: change #{diverged} differs\n" +
            $"  ticking every ms: {At(expected, diverged)}\n" +
            $"  ticking when asked: {At(actual, diverged)}\n" +
            $"  before it: {At(expected, diverged - 1)}");

        // Not vacuous: the faults forced elections, and the asked-for ticks skipped idle instants.
        Assert.True(expected.Count(line => line.Contains(" candidate ", StringComparison.Ordinal)) >= 1, $"seed {seed}: no election:\n{string.Join('\n', expected)}");
        Assert.True(whenAsked.InstantsVisited < everyMs.InstantsVisited / 2,
            $"seed {seed}: visited {whenAsked.InstantsVisited} of {everyMs.InstantsVisited} instants");
    }

    private static string At(IReadOnlyList<string> log, int index) => index >= 0 && index < log.Count ? log[index] : "(none)";
}
