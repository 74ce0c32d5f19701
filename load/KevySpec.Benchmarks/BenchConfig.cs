using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;

namespace KevySpec.Benchmarks;

/// <summary>
/// BenchmarkDotNet's default configuration (loggers, exporters, columns) plus the memory diagnoser, the
/// median and minimum (a shared or busy machine inflates the mean first), and a <c>Target</c> column taken
/// from each benchmark's <see cref="TargetAttribute"/>, so a report shows the budget beside the figure. Jobs come from the command line (<c>--job short</c>, <c>--iterationCount</c>, …).
/// </summary>
public static class BenchConfig
{
    public static IConfig Create() => DefaultConfig.Instance
        .AddDiagnoser(MemoryDiagnoser.Default)
        .AddColumn(StatisticColumn.Median, StatisticColumn.Min)
        .AddColumn(new TargetColumn());
}
