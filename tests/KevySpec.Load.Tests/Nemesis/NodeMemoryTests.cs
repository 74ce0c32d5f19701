using KevySpec.Load.Nemesis;

namespace KevySpec.Load.Tests.Nemesis;

public class NodeMemoryTests
{
    private static NodeSample Sample(string node, int incarnation, double seconds, long rss, long queued = 0, long? heap = null) =>
        new(node, incarnation, TimeSpan.FromSeconds(seconds), rss, queued, false, heap);

    [Fact]
    public void A_young_process_is_judged_from_its_settled_samples_and_each_incarnation_apart()
    {
        NodeSample[] samples =
        [
            Sample("n1", 1, 1, 40), Sample("n1", 1, 10, 90, queued: 700), Sample("n1", 1, 61, 100), Sample("n1", 1, 90, 130, heap: 7), Sample("n1", 1, 110, 120, heap: 9), Sample("n1", 1, 130, 105),
            Sample("n1", 2, 140, 10), Sample("n1", 2, 201, 60),
            Sample("n2", 1, 1, 50), Sample("n2", 1, 5, 55),
        ];

        var memory = NodeMemory.Of(samples, ["n1", "n2"]);

        var first = Assert.Single(memory, m => m.Node == "n1" && m.Incarnation == 1);
        Assert.Equal((100L, 105L, 130L, 700L), (first.FirstBytes, first.LastBytes, first.MaxBytes, first.SendQueueMaxBytes));
        Assert.Equal(5.0, first.DriftPercent!.Value, 6);
        Assert.Equal(30.0, first.PeakPercent!.Value, 6);
        Assert.True(first.Judged);
        Assert.Equal((7L, 9L), (first.HeapFirstBytes, first.HeapLastBytes));
        var second = Assert.Single(memory, m => m.Node == "n1" && m.Incarnation == 2);
        Assert.Equal(60, second.FirstBytes);
        Assert.Equal(TimeSpan.FromSeconds(140), second.From);
        Assert.False(second.Judged);
        // Never 60 s old: no resident-set figures, but its send queue and its span are kept.
        var young = Assert.Single(memory, m => m.Node == "n2");
        Assert.Equal((false, (long?)null, (double?)null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)), (young.Settled, young.FirstBytes, young.DriftPercent, young.From, young.To));
        Assert.Equal(0, young.SendQueueMaxBytes);
    }
}
