using System.CommandLine;
using System.CommandLine.Help;
using KevySpec.Cli.CommandLine;
using KevySpec.Load.Reports;
using KevySpec.Load.Runner;
using Spectre.Console;

namespace KevySpec.Load.Cli;

/// <summary>
/// <c>kevyspec-load [scenario] [options]</c>: one churn load run over TCP loopback, with live
/// progress, a final summary, thresholds and a report folder. Exit codes: <see cref="ExitCodes"/>.
/// </summary>
public static class LoadCli
{
    /// <summary>Parses <paramref name="args"/>, runs and returns the exit code. <paramref name="ct"/> stops the run early (it still reports).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, bool outputRedirected, CancellationToken ct)
    {
        var parsedArgs = CreateRoot(args, output, error, outputRedirected, ct).Parse(args);
        if (parsedArgs.Errors.Count > 0)
        {
            UsageErrors.Write(error, "kevyspec-load", parsedArgs);
            return ExitCodes.UsageError;
        }
        return await parsedArgs.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null }, ct).ConfigureAwait(false);
    }

    /// <summary>The command tree: the run (the root) and the node host command, every whole-number option validated.</summary>
    internal static Command CreateRoot(string[] args, TextWriter output, TextWriter error, bool outputRedirected, CancellationToken ct)
    {
        var options = new LoadOptions();
        var root = new Command("kevyspec-load",
            "Churn load runs of the kevy election protocol over TCP loopback: failover latency, spurious elections, " +
            "online safety checks, thresholds and reports (docs/load.md). With no arguments: the mixed scenario on 5 nodes for 60s with fast timings.");
        options.AddTo(root);
        var help = new HelpOption();
        Nemesis.NemesisCommand.OwnHelp(help);
        root.Add(help);
        root.Add(new VersionOption());
        root.Add(NodeHostCommand(error));
        root.Add(Nemesis.NemesisCommand.Create(output, error, ct));
        root.Add(CompareCommand.Create(args, output, error, outputRedirected, ct));
        WholeNumberOptions.CoverAll(root);

        root.SetAction(async (parsed, _) =>
        {
            var settings = SettingsResolver.Resolve(parsed, options, parsed.GetValue(options.Spec)!, args, outputRedirected, out var problems);
            if (settings is null)
            {
                UsageErrors.Write(error, "kevyspec-load", problems, "kevyspec-load");
                return ExitCodes.UsageError;
            }
            // Before the run, not after it: a long run's results must not be lost to an unwritable folder.
            if (ReportFolder.WriteProblem(settings.OutDir) is { } why)
            {
                UsageErrors.Write(error, "kevyspec-load", [$"--out: cannot write the reports to '{settings.OutDir}': {why}"], "kevyspec-load");
                return ExitCodes.UsageError;
            }
            return await RunAsync(settings, output, error, ct).ConfigureAwait(false);
        });
        return root;
    }

    // Started by the runner to host some of a big run's nodes (people do not need to run it).
    private static Command NodeHostCommand(TextWriter error)
    {
        var command = new Command(Fleet.HostLauncher.Command,
            "Hosts some of a load run's nodes for the runner, which starts it itself when a cluster is spread over processes (--hosts): "
            + "JSON commands on standard input, replies and events on standard output. Exits when told to or when standard input closes.");
        command.SetAction(async (_, _) => await Fleet.FleetNodeHost.RunAsync(Console.In, Console.Out, error).ConfigureAwait(false));
        return command;
    }

    /// <summary>Runs resolved settings: progress, reports, summary; returns the exit code.</summary>
    public static async Task<int> RunAsync(RunSettings settings, TextWriter output, TextWriter error, CancellationToken ct) =>
        (await RunAndReportAsync(settings, output, error, ct).ConfigureAwait(false)).Code;

    /// <summary>Runs resolved settings: progress, reports, summary; returns the exit code and, when the run finished, its report model.</summary>
    internal static async Task<(int Code, ReportModel? Model)> RunAndReportAsync(RunSettings settings, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = settings.Live ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = settings.Live ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = settings.Live ? InteractionSupport.Detect : InteractionSupport.No,
        });
        output.WriteLine($"kevyspec-load: {Scenarios.Scenario.NameOf(settings.Scenario)} on {settings.Nodes} nodes for {DurationText.Format(settings.Duration)}, "
            + $"{settings.Simulation.Describe()}, timings {settings.TimingsName}, seed {settings.Seed}");

        RunResult result;
        try
        {
            if (settings.Live)
            {
                RunResult? done = null;
                await console.Live(new Text("starting…")).AutoClear(false).StartAsync(async live =>
                {
                    done = await LoadRunner.RunAsync(settings, snapshot =>
                    {
                        live.UpdateTarget(ProgressView.Panel(snapshot, settings));
                        live.Refresh();
                    }, ct).ConfigureAwait(false);
                }).ConfigureAwait(false);
                result = done!;
            }
            else
            {
                result = await LoadRunner.RunAsync(settings, snapshot => output.WriteLine(ProgressView.Line(snapshot, settings.Nodes)), ct).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or KevySpec.Persistence.PersistenceException
            or UnauthorizedAccessException or ArgumentException or KevySpec.Checking.UnknownInvariantException)
        {
            error.WriteLine($"kevyspec-load: the run failed: {e.Message}");
            return (ExitCodes.RunFailed, null);
        }

        var model = ReportModel.Build(result);
        try
        {
            ReportFolder.Write(model, settings.OutDir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"kevyspec-load: cannot write the reports to '{settings.OutDir}': {e.Message}");
            return (ExitCodes.RunFailed, model);
        }
        SummaryView.Write(console, model, settings.OutDir);
        foreach (var failed in model.Failed)
            error.WriteLine($"kevyspec-load: threshold failed: {failed.Threshold.Text} (actual {failed.ActualText})");
        return (model.Passed ? ExitCodes.Passed : ExitCodes.ThresholdFailed, model);
    }
}
