using KevySpec.Load.Metrics;
using KevySpec.Load.Thresholds;

namespace KevySpec.Load.Tests;

public class ThresholdParserTests
{
    [Theory]
    [InlineData("failover.p99<=700ms", "failover.p99", ThresholdOperator.AtMost, 700)]
    [InlineData("failover.p99 <= 0.7s", "failover.p99", ThresholdOperator.AtMost, 700)]
    [InlineData("detection.p50<600000us", "detection.p50", ThresholdOperator.Below, 600)]
    [InlineData("overhead.p99<=5", "overhead.p99", ThresholdOperator.AtMost, 5)]
    [InlineData("overhead.p50>=-20ms", "overhead.p50", ThresholdOperator.AtLeast, -20)]
    [InlineData("violations==0", "violations", ThresholdOperator.Equal, 0)]
    [InlineData("  elections.spurious == 0 ", "elections.spurious", ThresholdOperator.Equal, 0)]
    [InlineData("failover.count>100", "failover.count", ThresholdOperator.Above, 100)]
    [InlineData("cpu.percent<2.5", "cpu.percent", ThresholdOperator.Below, 2.5)]
    [InlineData("FAILOVER.P99<=1S", "failover.p99", ThresholdOperator.AtMost, 1000)]
    public void Parses_metric_operator_and_bound_in_the_metric_unit(string text, string metric, ThresholdOperator op, double bound)
    {
        var threshold = ThresholdParser.Parse(text);

        Assert.Equal(metric, threshold.Metric.Name);
        Assert.Equal(op, threshold.Operator);
        Assert.Equal(bound, threshold.Bound, 9);
        Assert.Equal(text, threshold.Text);
    }

    [Theory]
    [InlineData("", "it is empty")]
    [InlineData("failover.p99", "no comparison operator; use one of <=, <, >=, >, ==")]
    [InlineData("violations=0", "'=' is not an operator")]
    [InlineData("violations!=0", "'!=' is not an operator")]
    [InlineData("violations<==0", "'<==' is not an operator")]
    [InlineData("<=5ms", "no metric before '<='")]
    [InlineData("failover.p99<=", "no value after '<='")]
    [InlineData("failover.p95<=700ms", "unknown metric 'failover.p95' (did you mean 'failover.p90'?)")]
    [InlineData("latency<=700ms", "unknown metric 'latency'")]
    [InlineData("violations==0ms", "metric 'violations' is a count (count); it takes no unit, got 'ms'")]
    [InlineData("cpu.percent<2%", "'2%' is not a number")]
    [InlineData("violations==1.5", "metric 'violations' is a count; '1.5' is not a whole number ≥ 0")]
    [InlineData("failover.p99<=700min", "unknown unit 'min' for duration metric 'failover.p99'; use us, ms or s")]
    [InlineData("failover.p99<=fast", "'fast' is not a number")]
    [InlineData("failover.p99<=1e3ms", "'1e3' is not a number")]
    public void Rejects_malformed_thresholds_with_a_precise_message(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => ThresholdParser.Parse(text));

        Assert.StartsWith($"bad threshold '{text}': ", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("failover.p99<=700ms", 700, true)]
    [InlineData("failover.p99<=700ms", 700.001, false)]
    [InlineData("failover.p99<700ms", 700, false)]
    [InlineData("failover.p99<700ms", 699.9, true)]
    [InlineData("failover.count>=100", 100, true)]
    [InlineData("failover.count>=100", 99, false)]
    [InlineData("failover.count>100", 100, false)]
    [InlineData("violations==0", 0, true)]
    [InlineData("violations==0", 1, false)]
    public void Evaluates_each_operator(string text, double actual, bool passes)
    {
        var outcome = ThresholdParser.Parse(text).Evaluate(actual);

        Assert.Equal(passes, outcome.Passed);
        Assert.Equal(actual, outcome.Actual);
    }

    [Fact]
    public void A_metric_without_samples_fails_its_threshold_and_says_no_data()
    {
        var outcome = ThresholdParser.Parse("failover.p99<=700ms").Evaluate(null);

        Assert.False(outcome.Passed);
        Assert.Equal("no data", outcome.ActualText);
    }

    [Fact]
    public void Canonical_form_is_in_the_metric_unit()
    {
        Assert.Equal("failover.p99 <= 700 ms", ThresholdParser.Parse("failover.p99<=0.7s").Canonical);
        Assert.Equal("violations == 0", ThresholdParser.Parse("violations==0").Canonical);
    }

    [Fact]
    public void Every_catalog_metric_can_be_bounded()
    {
        foreach (var metric in MetricCatalog.All)
        {
            var threshold = ThresholdParser.Parse($"{metric.Name}>=0");
            Assert.Same(metric, threshold.Metric);
        }
    }
}
