using KevySpec.Load.Metrics;

namespace KevySpec.Load.Tests;

public class LatencyHistogramTests
{
    [Fact]
    public void Empty_histogram_has_no_percentiles()
    {
        var histogram = new LatencyHistogram();

        Assert.Equal(0, histogram.Count);
        Assert.Null(histogram.At(50));
        Assert.Null(histogram.At(100));
        Assert.Null(histogram.Mean());
    }

    [Fact]
    public void Percentiles_of_one_to_a_hundred_milliseconds_are_within_a_tenth_of_a_percent()
    {
        var histogram = new LatencyHistogram();
        // Recorded out of order: percentiles must not depend on order.
        foreach (var ms in Enumerable.Range(1, 100).Reverse()) histogram.Record(TimeSpan.FromMilliseconds(ms));

        Assert.Equal(100, histogram.Count);
        AssertClose(50, histogram.At(50));
        AssertClose(90, histogram.At(90));
        AssertClose(99, histogram.At(99));
        AssertClose(100, histogram.At(100));
        AssertClose(50.5, histogram.Mean());
        Assert.Equal(100, histogram.Samples.Count);
    }

    [Fact]
    public void Microsecond_latencies_keep_their_precision()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(TimeSpan.FromMicroseconds(12_600));
        histogram.Record(TimeSpan.FromMicroseconds(19_900));

        AssertClose(12.6, histogram.At(50));
        AssertClose(19.9, histogram.At(99));
    }

    private static void AssertClose(double expectedMs, TimeSpan? actual)
    {
        Assert.NotNull(actual);
        Assert.InRange(actual.Value.TotalMilliseconds, expectedMs * 0.999, expectedMs * 1.001);
    }
}
