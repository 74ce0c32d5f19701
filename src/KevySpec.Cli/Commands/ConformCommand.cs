using System.CommandLine;
using KevySpec.Conformance;

namespace KevySpec.Cli.Commands;

/// <summary><c>kevyspec conform [PATH]</c>: replays recorded reference traces (a folder of them, or one file; by default the repository's own) against a generated elector.</summary>
internal static class ConformCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var path = new Argument<string?>("path")
        {
            Description = $"A folder of kevy-elect-trace/1 files (every *.jsonl in it) or one trace file; default: the clone's {RepositoryTraces.Folder}, found from the current folder or the tool's.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var spec = SpecOption.Create();
        var project = SpecOption.CreateProject();
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Also list the files that pass." };
        var command = new Command("conform", "Replay every *.jsonl trace in a folder (default: the repository's reference traces) or one trace file step by step; print each failing file's first divergence.")
        {
            path, spec, project, verbose,
        };
        command.SetAction(parsed => Run(parsed.GetValue(path), parsed.GetValue(spec), parsed.GetValue(project), parsed.GetValue(verbose), output, error));
        return command;
    }

    private static int Run(string? given, string? specName, string? project, bool verbose, TextWriter output, TextWriter error)
    {
        if ((given ?? RepositoryTraces.Find(RepositoryTraces.DefaultStarts)) is not { } path)
        {
            error.WriteLine(RepositoryTraces.NotFound(RepositoryTraces.DefaultStarts));
            return KevySpecCli.UsageError;
        }
        using var source = SpecSource.Open(specName, project, error);
        if (source is null) return KevySpecCli.UsageError;
        var elector = source.Elector;
        var isFile = File.Exists(path);
        if (!isFile && !Directory.Exists(path))
        {
            error.WriteLine($"kevyspec: '{path}' does not exist (give a folder of *.jsonl traces or one trace file)");
            return KevySpecCli.UsageError;
        }
        if (!isFile && !Directory.EnumerateFiles(path, "*.jsonl").Any())
        {
            error.WriteLine($"kevyspec: no *.jsonl trace files in '{path}'");
            return KevySpecCli.UsageError;
        }

        IReadOnlyList<ReplayResult> results;
        try
        {
            results = isFile
                ? [Replayed(TraceReplayer.ReplayFile(path, elector), verbose, output)]
                : TraceReplayer.ReplayDirectory(path, elector, result => Report(result, verbose, output));
        }
        catch (TraceFormatException e)
        {
            error.WriteLine($"kevyspec: malformed trace {e.Message}");
            return KevySpecCli.UsageError;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"kevyspec: cannot read traces: {e.Message}");
            return KevySpecCli.UsageError;
        }
        var failed = results.Count(r => !r.Passed);
        output.WriteLine($"{results.Count - failed} passed, {failed} failed");
        return failed == 0 ? 0 : 1;
    }

    private static ReplayResult Replayed(ReplayResult result, bool verbose, TextWriter output)
    {
        Report(result, verbose, output);
        return result;
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
