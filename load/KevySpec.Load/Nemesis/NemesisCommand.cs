using System.CommandLine;
using System.CommandLine.Help;
using System.Globalization;
using KevySpec.Load.Cli;
using KevySpec.Load.Reports;

namespace KevySpec.Load.Nemesis;

/// <summary>
/// <c>kevyspec-load nemesis [options]</c>: a Jepsen-style run of node processes in network namespaces with
/// partitions, one-way partitions, an isolated primary, majority rings, pauses and kills (docs/load.md, Nemesis).
/// Exit codes: <see cref="ExitCodes"/> (1: a safety violation, a failover or recovery beyond its bound, or a
/// namespace left behind; 4: namespaces unavailable).
/// </summary>
public static class NemesisCommand
{
    /// <summary>The subcommand's name.</summary>
    public const string Name = "nemesis";

    private static readonly Option<string> Nodes = new("--nodes", "-n") { Description = "Cluster size, ids n1..nN (n1 starts as primary), each in its own process and network namespace (3 to 50).", DefaultValueFactory = _ => "5" };
    private static readonly Option<string> Duration = new("--duration", "-d") { Description = "How long faults are injected, e.g. 60s, 5m (the fault in flight then finishes).", DefaultValueFactory = _ => "60s" };
    private static readonly Option<string?> Seed = new("--seed") { Description = "Seed of the fault plan and the nodes' backoff jitter (default: random, printed)." };
    private static readonly Option<string> Timings = new("--timings")
    {
        Description = "Timing preset: fast (hb 50ms, down_after 500ms, election_timeout 500ms, backoff 200ms + jitter 300ms) or protocol (hb 200ms, down_after 5s, election_timeout 3s, backoff 1s + jitter 4s).",
        DefaultValueFactory = _ => "fast",
    };
    private static readonly Option<string?> Faults = new("--faults")
    {
        Description = "Comma-separated fault kinds, injected one at a time, every kind once per round in a seeded order: "
            + string.Join(", ", FaultKinds.All.Select(FaultKinds.NameOf)) + " (default: every kind the cluster size allows; ring needs 4 nodes).",
    };
    private static readonly Option<string?> Hold = new("--hold") { Description = "How long each fault lasts (default: 2 × (2 × down_after + election_timeout), 3s with fast timings)." };
    private static readonly Option<string> Spec = new("--spec")
    {
        Description = $"The elector the nodes run, by spec name ({string.Join(", ", KevySpecElectors.All.Select(e => e.Name))}). Default: election-hardened; "
            + "the reference spec (election) keeps known hazards that partitions expose as single-primary violations.",
        DefaultValueFactory = _ => "election-hardened",
    };
    private static readonly Option<string?> Out = new("--out", "-o") { Description = "Report folder (default reports/nemesis-<yyyyMMdd-HHmmss>); checked before the run starts." };

    /// <summary>The subcommand, writing to <paramref name="output"/> and <paramref name="error"/>; <paramref name="ct"/> stops injecting early.</summary>
    public static Command Create(TextWriter output, TextWriter error, CancellationToken ct)
    {
        var command = new Command(Name,
            "Jepsen-style faults on real node processes, each in its own network namespace (root only; addresses from 198.18.0.0/24 inside "
            + "namespaces the run creates and deletes): full and one-way partitions, an isolated primary, majority rings, pauses (SIGSTOP) and kills "
            + "(SIGKILL, restart on the node's store). Measures failover and recovery, spurious elections, send queues and RSS per node; checks "
            + "safety online. Exit 0: sound; 1: a violation, a failover or recovery beyond its bound, or a namespace left; 4: namespaces unavailable.");
        foreach (var option in (Option[])[Nodes, Duration, Seed, Timings, Faults, Hold, Spec, Out]) command.Add(option);
        command.SetAction(async (parsed, _) =>
        {
            var settings = Resolve(parsed, out var problems, out var notes);
            foreach (var note in notes) output.WriteLine($"kevyspec-load nemesis: {note}");
            if (settings is null)
            {
                foreach (var problem in problems) error.WriteLine($"kevyspec-load nemesis: {problem}");
                error.WriteLine("Run 'kevyspec-load nemesis --help' for usage.");
                return ExitCodes.UsageError;
            }
            return await RunAsync(settings, output, error, ct).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>
    /// Makes <paramref name="help"/> (the root's, which every subcommand inherits) describe this command on its own:
    /// the default help would show the root's <c>[&lt;scenario&gt;]</c> argument, which nemesis does not take.
    /// </summary>
    public static void OwnHelp(HelpOption help)
    {
        ArgumentNullException.ThrowIfNull(help);
        if (help.Action is HelpAction fallback) help.Action = new OwnHelpAction(fallback);
    }

    /// <summary>The default help text of <paramref name="command"/> without its parent's arguments (usage label and section).</summary>
    internal static string WithoutParentArguments(string help, Command command)
    {
        var lines = help.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        var arguments = lines.IndexOf("Arguments:");
        if (arguments >= 0)
        {
            var end = lines.FindIndex(arguments, line => line.Length == 0);
            lines.RemoveRange(arguments, (end < 0 ? lines.Count : end + 1) - arguments);
        }
        return string.Join(Environment.NewLine, lines.Select(line => line.StartsWith("  kevyspec-load [<", StringComparison.Ordinal)
            ? $"  kevyspec-load {command.Name} [options]"
            : line));
    }

    private sealed class OwnHelpAction(HelpAction fallback) : System.CommandLine.Invocation.SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            var command = parseResult.CommandResult.Command;
            if (command.Name != Name) return fallback.Invoke(parseResult);
            // The default text, captured and then edited: System.CommandLine 2.0 keeps its help layout internal.
            var configuration = parseResult.InvocationConfiguration;
            var output = configuration.Output;
            var text = new StringWriter();
            configuration.Output = text;
            int code;
            try
            {
                code = fallback.Invoke(parseResult);
            }
            finally
            {
                configuration.Output = output;
            }
            output.Write(WithoutParentArguments(text.ToString(), command));
            return code;
        }
    }

    /// <summary>Runs <paramref name="settings"/> and writes the reports; returns the exit code.</summary>
    public static async Task<int> RunAsync(NemesisSettings settings, TextWriter output, TextWriter error, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (await NetworkLab.MissingReasonAsync().ConfigureAwait(false) is { } missing)
        {
            error.WriteLine($"kevyspec-load nemesis: unavailable: {missing}");
            return ExitCodes.Unavailable;
        }
        if (ReportFolder.WriteProblem(settings.OutDir) is { } unwritable)
        {
            error.WriteLine($"kevyspec-load nemesis: cannot write the reports to '{settings.OutDir}': {unwritable}");
            return ExitCodes.UsageError;
        }
        output.WriteLine($"kevyspec-load nemesis: {settings.Nodes} nodes in network namespaces for {DurationText.Format(settings.Duration)}, faults "
            + $"{string.Join(",", settings.Faults.Select(FaultKinds.NameOf))}, hold {DurationText.Format(settings.Hold)}, timings {settings.TimingsName}, seed {settings.Seed}");
        // SIGTERM (a CI timeout, kill) stops the run like Ctrl+C does, so that the namespaces are deleted on the way out.
        using var terminated = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            terminated.Cancel();
        });
        NemesisResult result;
        try
        {
            result = await NemesisRunner.RunAsync(settings, line => output.WriteLine($"  {line}"), terminated.Token).ConfigureAwait(false);
        }
        catch (NemesisUnavailableException e)
        {
            error.WriteLine($"kevyspec-load nemesis: unavailable: {e.Message}");
            return ExitCodes.Unavailable;
        }
        catch (Exception e) when (e is LabException or IOException or UnauthorizedAccessException or ArgumentException or KevySpec.Persistence.PersistenceException)
        {
            error.WriteLine($"kevyspec-load nemesis: the run failed: {e.Message}");
            return ExitCodes.RunFailed;
        }
        try
        {
            NemesisReport.Write(result, settings.OutDir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"kevyspec-load nemesis: cannot write the reports to '{settings.OutDir}': {e.Message}");
            return ExitCodes.RunFailed;
        }
        foreach (var line in NemesisReport.Summary(result)) output.WriteLine(line);
        output.WriteLine($"reports: {settings.OutDir}");
        if (result.Passed) return ExitCodes.Passed;
        foreach (var failure in NemesisReport.Failures(result)) error.WriteLine($"kevyspec-load nemesis: {failure}");
        return ExitCodes.ThresholdFailed;
    }

    /// <summary>
    /// The settings a parsed command line asks for, or null with every problem, one line each; <paramref name="notes"/>
    /// says what the defaults left out (a kind the cluster is too small for).
    /// </summary>
    internal static NemesisSettings? Resolve(ParseResult parsed, out List<string> problems, out List<string> notes)
    {
        var errors = new List<string>();
        problems = errors;
        notes = [];
        var nodes = Whole(parsed.GetValue(Nodes)!, "--nodes", 3, 50, errors);
        var duration = Span(parsed.GetValue(Duration)!, "--duration", positive: true, errors);
        var seed = parsed.GetValue(Seed) is { } seedText ? Whole(seedText, "--seed", int.MinValue, int.MaxValue, errors) : Random.Shared.Next(1, 1_000_000);
        var timingsName = parsed.GetValue(Timings)!;
        var config = TimingPresets.Find(timingsName);
        if (config is null) errors.Add($"unknown --timings '{timingsName}'; use fast or protocol");
        var kinds = new List<FaultKind>();
        if (parsed.GetValue(Faults) is not { } faultsText)
        {
            // The default is every kind that fits: the natural first try, --nodes 3, has no room for a ring.
            foreach (var kind in FaultKinds.All)
            {
                if (nodes is not { } n || n >= FaultKinds.MinimumMembers(kind)) kinds.Add(kind);
                else notes.Add($"note: the {FaultKinds.NameOf(kind)} fault is left out: it needs at least {FaultKinds.MinimumMembers(kind)} nodes (got --nodes {n})");
            }
            faultsText = "";
        }
        foreach (var name in faultsText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (FaultKinds.Find(name) is { } kind) kinds.Add(kind);
            else errors.Add($"unknown fault '{name}' in --faults; known: {string.Join(", ", FaultKinds.All.Select(FaultKinds.NameOf))}");
        }
        if (kinds.Count == 0 && errors.Count == 0) errors.Add("--faults names no fault");
        foreach (var kind in kinds.Distinct())
            if (nodes is { } n && n < FaultKinds.MinimumMembers(kind))
                errors.Add($"the {FaultKinds.NameOf(kind)} fault needs at least {FaultKinds.MinimumMembers(kind)} nodes (got --nodes {n})");
        var hold = parsed.GetValue(Hold) is { } holdText ? Span(holdText, "--hold", positive: true, errors) : config is null ? null : NemesisSettings.DefaultHold(config);
        var specName = parsed.GetValue(Spec)!;
        var spec = KevySpecElectors.Find(specName);
        if (spec is null) errors.Add($"unknown spec '{specName}'; known specs: {string.Join(", ", KevySpecElectors.All.Select(e => e.Name))}");
        var outDir = parsed.GetValue(Out) ?? Path.Combine("reports", "nemesis-" + DateTimeOffset.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        if (errors.Count > 0 || nodes is null || duration is null || seed is null || config is null || hold is null || spec is null) return null;
        return new NemesisSettings(nodes.Value, duration.Value, seed.Value, config, timingsName, [.. kinds.Distinct()], hold.Value, spec, outDir);
    }

    private static int? Whole(string text, string option, int min, int max, List<string> errors)
    {
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            errors.Add($"{option}: '{text}' is not a whole number");
            return null;
        }
        if (value < min || value > max)
        {
            errors.Add($"{option} must be between {min} and {max} (got {text})");
            return null;
        }
        return (int)value;
    }

    private static TimeSpan? Span(string text, string option, bool positive, List<string> errors)
    {
        var value = DurationText.TryParse(text, out var problem);
        if (value is null) errors.Add($"{option}: {problem}");
        else if (positive && value <= TimeSpan.Zero) errors.Add($"{option} must be positive (got {text})");
        else if (value < TimeSpan.Zero) errors.Add($"{option} must not be negative (got {text})");
        else return value;
        return null;
    }
}
