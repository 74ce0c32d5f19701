using KevySpec.Load.Cli;
using KevySpec.Load.Metrics;
using KevySpec.Load.Nemesis;
using KevySpec.Load.Runner;

namespace KevySpec.Load.Tests.Nemesis;

public sealed class NemesisReportTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "kevyspec-nemesis-report-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void A_short_run_has_a_row_per_process_and_its_send_queue_peaks_and_a_partition_keeps_its_table_cell()
    {
        var result = Result();

        NemesisReport.Write(result, _folder);
        var report = File.ReadAllLines(Path.Combine(_folder, "report.md"));

        // No process lived 60 s: RSS is "-", but the send queue peak is the one the chart shows.
        Assert.Contains(report, line => line.StartsWith("| n1 | #1 | ", StringComparison.Ordinal) && line.Contains("| 5500 B |", StringComparison.Ordinal));
        Assert.Contains(report, line => line.StartsWith("| n2 | #1 | ", StringComparison.Ordinal) && line.Contains("| 300 B |", StringComparison.Ordinal));
        Assert.Contains("send queue max: n1 5500 B, n2 300 B", NemesisReport.Summary(result));
        var fault = Assert.Single(report, line => line.StartsWith("| 1 | ", StringComparison.Ordinal));
        Assert.Contains(@"partition {n1} \| {n2,n3}", fault);
        Assert.Equal(7, fault.Replace(@"\|", "", StringComparison.Ordinal).Count(c => c == '|'));   // six cells
    }

    private static NemesisResult Result()
    {
        var settings = new NemesisSettings(3, TimeSpan.FromSeconds(10), 1, TimingPresets.Fast, "fast", [FaultKind.Partition], TimeSpan.FromSeconds(3),
            HardenedElector.Definition, "unused");
        var fault = new NemesisFault(FaultKind.Partition, [], [], [], [], new HashSet<string> { "n1" }, true, ["n2", "n3"], "partition {n1} | {n2,n3}");
        NodeSample[] samples =
        [
            new("n1", 1, TimeSpan.FromSeconds(1), 40_000_000, 0, false),
            new("n1", 1, TimeSpan.FromSeconds(2), 41_000_000, 5500, false),
            new("n2", 1, TimeSpan.FromSeconds(1), 40_000_000, 300, false),
        ];
        return new NemesisResult(settings, DateTimeOffset.UnixEpoch, ["n1", "n2", "n3"], [], [], [],
            [new FaultRecord(1, fault, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.5), false, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(4.5), "n2")],
            samples, new Dictionary<string, CounterTotals>(), new LatencyHistogram(), new LatencyHistogram(), [], [], [], TimeSpan.Zero, TimeSpan.FromSeconds(10), []);
    }
}
