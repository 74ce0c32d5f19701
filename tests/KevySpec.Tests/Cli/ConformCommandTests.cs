using KevySpec.Tests.TestSupport;

namespace KevySpec.Tests.Cli;

// kevyspec conform [PATH] [--spec NAME] [--verbose] (PATH: a folder of traces, or one trace file; default the repository's): exit 0 when every trace replays, 1 when one
// diverges (naming file:line, expected and actual), 2 for bad input, with a one-line message.
public sealed class ConformCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Every_reference_trace_passes()
    {
        var run = CliRun.Of("conform", RepoPaths.TracesFolder);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal($"{RepoPaths.TraceFileNames().Count} passed, 0 failed", run.OutputLines[^1]);
        Assert.Empty(run.Error);
    }

    [Fact]
    public void Verbose_also_lists_every_passing_file()
    {
        var files = RepoPaths.TraceFileNames().Take(3).ToList();
        foreach (var file in files) File.Copy(Path.Combine(RepoPaths.TracesFolder, file), Path.Combine(_temp.Path, file));

        var run = CliRun.Of("conform", _temp.Path, "--verbose", "--spec", "election");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(files.Count + 1, run.OutputLines.Length);
        for (var i = 0; i < files.Count; i++) Assert.StartsWith($"ok   {files[i]} (", run.OutputLines[i], StringComparison.Ordinal);
        Assert.Equal($"{files.Count} passed, 0 failed", run.OutputLines[^1]);
    }

    [Fact]
    public void One_corrupted_trace_fails_with_its_file_line_expected_and_actual()
    {
        var files = RepoPaths.TraceFileNames().Take(3).ToList();
        foreach (var file in files.Skip(1)) File.Copy(Path.Combine(RepoPaths.TracesFolder, file), Path.Combine(_temp.Path, file));
        var lines = TraceEdits.WithWrongEpoch(Path.Combine(RepoPaths.TracesFolder, files[0]), out var line, out var wrongEpoch);
        _temp.Write(files[0], lines);

        var run = CliRun.Of("conform", _temp.Path);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.StartsWith($"FAIL {files[0]}:{line} ", run.OutputLines[0], StringComparison.Ordinal);
        Assert.Contains("state differs", run.OutputLines[0], StringComparison.Ordinal);
        Assert.Matches($@"^\s+expected: .*epoch={wrongEpoch} ", run.OutputLines[1]);
        Assert.Matches(@"^\s+actual: ", run.OutputLines[2]);
        Assert.Equal($"{files.Count - 1} passed, 1 failed", run.OutputLines[^1]);
    }

    [Fact]
    public void A_missing_path_is_a_usage_error_in_one_line()
    {
        var missing = Path.Combine(_temp.Path, "nope");

        var run = CliRun.Of("conform", missing);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"kevyspec: '{missing}' does not exist (give a folder of *.jsonl traces or one trace file)", Assert.Single(run.ErrorLines));
        Assert.Empty(run.Output);
    }

    [Fact]
    public void A_trace_file_replays_alone()
    {
        var file = RepoPaths.TraceFileNames()[0];

        var run = CliRun.Of("conform", Path.Combine(RepoPaths.TracesFolder, file), "--verbose");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(2, run.OutputLines.Length);
        Assert.StartsWith($"ok   {file} (", run.OutputLines[0], StringComparison.Ordinal);
        Assert.Equal("1 passed, 0 failed", run.OutputLines[1]);
        Assert.Empty(run.Error);
    }

    [Fact]
    public void A_diverging_trace_file_fails_alone()
    {
        var file = RepoPaths.TraceFileNames()[0];
        var path = _temp.Write(file, TraceEdits.WithWrongEpoch(Path.Combine(RepoPaths.TracesFolder, file), out var line, out _));
        _temp.Write("other.jsonl", ["not json at all"]); // beside it, and not read

        var run = CliRun.Of("conform", path);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.StartsWith($"FAIL {file}:{line} ", run.OutputLines[0], StringComparison.Ordinal);
        Assert.Equal("0 passed, 1 failed", run.OutputLines[^1]);
    }

    [Fact]
    public void A_file_that_is_not_a_trace_is_a_usage_error_in_one_line_naming_it()
    {
        var path = _temp.Write("notes.txt", ["# not a trace"]);

        var run = CliRun.Of("conform", path);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("kevyspec: malformed trace notes.txt:1: not JSON", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.Empty(run.Output);
    }

    [Fact]
    public void A_malformed_trace_is_a_usage_error_in_one_line_naming_file_and_line()
    {
        _temp.Write("bad.jsonl", ["""{"format":"kevy-elect-trace/1","scenario":"x"}""", "not json at all"]);

        var run = CliRun.Of("conform", _temp.Path);

        Assert.Equal(2, run.ExitCode);
        var message = Assert.Single(run.ErrorLines);
        Assert.StartsWith("kevyspec: malformed trace bad.jsonl:2: not JSON", message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal); // no stack trace
    }

    [Fact]
    public void A_folder_without_traces_is_a_usage_error()
    {
        var run = CliRun.Of("conform", _temp.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no *.jsonl trace files", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_spec_is_a_usage_error_listing_the_known_ones()
    {
        var run = CliRun.Of("conform", _temp.Path, "--spec", "raft");

        Assert.Equal(2, run.ExitCode);
        var message = Assert.Single(run.ErrorLines);
        Assert.Contains("unknown spec 'raft'", message, StringComparison.Ordinal);
        Assert.All(KevySpecElectors.All, e => Assert.Contains(e.Name, message, StringComparison.Ordinal));
        Assert.Contains("election", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_path_it_replays_the_repositorys_own_traces()
    {
        var run = CliRun.Of("conform");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal($"{RepoPaths.TraceFileNames().Count} passed, 0 failed", run.OutputLines[^1]);
        Assert.Empty(run.Error);
    }
}
