using System.CommandLine;
using KevySpec.Conformance;

namespace KevySpec.Cli.Commands;

/// <summary><c>kevyspec conform DIR</c>: replays recorded reference traces against a generated elector.</summary>
internal static class ConformCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var directory = new Argument<string>("dir") { Description = "Folder of kevy-elect-trace/1 files (*.jsonl), e.g. ../shared/conformance/traces." };
        var spec = SpecOption.Create();
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Also list the files that pass." };
        var command = new Command("conform", "Replay every *.jsonl trace in a folder step by step; print each failing file's first divergence.")
        {
            directory, spec, verbose,
        };
        command.SetAction(parsed => Run(parsed.GetValue(directory)!, parsed.GetValue(spec)!, parsed.GetValue(verbose), output, error));
        return command;
    }

    private static int Run(string directory, string specName, bool verbose, TextWriter output, TextWriter error)
    {
        if (SpecOption.Resolve(specName, error) is not { } elector) return KevySpecCli.UsageError;
        if (!Directory.Exists(directory))
        {
            error.WriteLine($"kevyspec: trace folder '{directory}' does not exist");
            return KevySpecCli.UsageError;
        }
        if (!Directory.EnumerateFiles(directory, "*.jsonl").Any())
        {
            error.WriteLine($"kevyspec: no *.jsonl trace files in '{directory}'");
            return KevySpecCli.UsageError;
        }

        IReadOnlyList<ReplayResult> results;
        try
        {
            results = TraceReplayer.ReplayDirectory(directory, elector, result => Report(result, verbose, output));
        }
        catch (TraceFormatException e)
        {
            error.WriteLine($"kevyspec: malformed trace {e.Message}");
            return KevySpecCli.UsageError;
        }
        catch (IOException e)
        {
            error.WriteLine($"kevyspec: cannot read traces: {e.Message}");
            return KevySpecCli.UsageError;
        }
        var failed = results.Count(r => !r.Passed);
        output.WriteLine($"{results.Count - failed} passed, {failed} failed");
        return failed == 0 ? 0 : 1;
    }

    private static void Report(ReplayResult result, bool verbose, TextWriter output)
    {
        var file = Path.GetFileName(result.File);
        if (result.FirstDivergence is not { } d)
        {
            if (verbose) output.WriteLine($"ok   {file} ({result.Scenario}, {result.Steps} steps)");
            return;
        }
        output.WriteLine($"FAIL {file}:{d.Line} ({result.Scenario}) {d.Op}: {d.Field} differs");
        output.WriteLine($"     expected: {d.Expected}");
        output.WriteLine($"     actual:   {d.Actual}");
    }
}
