using KevySpec.Conformance;
using KevySpec.Tests.TestSupport;

namespace KevySpec.Tests.Conformance;

// Every recorded reference trace (tests/conformance/traces, one test case per file) replays
// against ReferenceElector step for step; a failure shows the first divergence.
public sealed class ReferenceTraceTests
{
    public static TheoryData<string> TraceFiles => [.. RepoPaths.TraceFileNames()];

    [Theory]
    [MemberData(nameof(TraceFiles))]
    public void Trace_replays_without_divergence(string file)
    {
        var result = TraceReplayer.ReplayFile(Path.Combine(RepoPaths.TracesFolder, file), ReferenceElector.Definition);

        if (result.FirstDivergence is { } d)
        {
            Assert.Fail($"{file}:{d.Line} ({result.Scenario}) {d.Op}: {d.Field} differs\n" +
                        $"  expected: {d.Expected}\n" +
                        $"  actual:   {d.Actual}");
        }
        Assert.True(result.Steps > 0, $"{file}: no steps replayed");
    }

    [Fact]
    public void The_trace_folder_holds_traces_of_both_kinds()
    {
        var files = RepoPaths.TraceFileNames();

        Assert.NotEmpty(files);
        Assert.Contains(files, f => f.StartsWith('b')); // hand-scripted boundaries
        Assert.Contains(files, f => f.StartsWith('s')); // randomized simulation
    }

    [Fact]
    public void The_repository_carries_all_96_recorded_traces()
    {
        var files = RepoPaths.TraceFileNames();

        Assert.Equal(16, files.Count(f => f.StartsWith('b')));
        Assert.Equal(80, files.Count(f => f.StartsWith('s')));
        Assert.Equal(96, files.Count);
    }
}
