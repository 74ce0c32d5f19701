using System.CommandLine;
using KevySpec.Load.Reports;
using KevySpec.Load.Runner;
using KevySpec.Load.Scenarios;
using KevySpec.Load.Simulations;
using KevySpec.Load.Thresholds;

namespace KevySpec.Load.Cli;

/// <summary>Turns a parsed command line into <see cref="RunSettings"/>, collecting every problem with a precise message.</summary>
internal static class SettingsResolver
{
    /// <summary>The largest cluster accepted (every node in one process: about 2·N² sockets).</summary>
    public const int MaxNodes = 200;

    /// <summary>The settings of a run of the spec called <paramref name="specName"/>, or null with <paramref name="problems"/> saying what is wrong.</summary>
    public static RunSettings? Resolve(ParseResult parsed, LoadOptions o, string specName, IReadOnlyList<string> args, bool outputRedirected, out List<string> problems)
    {
        var errors = new List<string>();
        problems = errors;

        var scenarioName = parsed.GetValue(o.Scenario)!;
        var scenario = Scenario.Find(scenarioName);
        // An unknown option lands in the optional scenario argument: name it as what it is.
        if (scenario is null && scenarioName.StartsWith('-')) errors.Add($"unknown option '{scenarioName}'");
        else if (scenario is null) errors.Add($"unknown scenario '{scenarioName}'; known: {string.Join(", ", Scenario.Catalog.Select(s => s.Name))}");

        // --nodes, --hosts, --rate, --rate-from and --copies are in their ranges already (LoadOptions).
        var nodes = parsed.GetValue(o.Nodes);
        var hosts = parsed.GetValue(o.Hosts) ?? Fleet.FleetLayout.DefaultHosts(nodes);
        if (hosts > nodes) errors.Add($"--hosts must be between 0 and {nodes} for {nodes} node(s) (got {hosts})");

        var duration = Duration(parsed.GetValue(o.Duration), "--duration", errors, positive: true) ?? TimeSpan.Zero;
        var warmup = Duration(parsed.GetValue(o.Warmup), "--warmup", errors, positive: false) ?? TimeSpan.Zero;

        var timingsName = parsed.GetValue(o.Timings) ?? TimingPresets.DefaultFor(nodes);
        var config = TimingPresets.Find(timingsName);
        if (config is null)
        {
            errors.Add($"unknown --timings '{timingsName}'; use fast or protocol");
            config = ElectConfig.Default;
        }
        var overridden = new List<string>();
        TimeSpan? Override(Option<string?> option)
        {
            var text = parsed.GetValue(option);
            if (text is null) return null;
            overridden.Add(option.Name);
            return Duration(text, option.Name, errors, positive: option != o.BackoffJitter);
        }
        config = config with
        {
            HbInterval = Override(o.Hb) ?? config.HbInterval,
            DownAfter = Override(o.DownAfter) ?? config.DownAfter,
            ElectionTimeout = Override(o.ElectionTimeout) ?? config.ElectionTimeout,
            ElectionBackoff = Override(o.Backoff) ?? config.ElectionBackoff,
            ElectionBackoffJitter = Override(o.BackoffJitter) ?? config.ElectionBackoffJitter,
        };
        if (config.HbInterval >= config.DownAfter)
            errors.Add($"--hb ({DurationText.Format(config.HbInterval)}) must be shorter than --down-after ({DurationText.Format(config.DownAfter)}), or every peer is always DOWN");

        var seed = parsed.GetValue(o.Seed) ?? Random.Shared.Next(1, 1_000_000);

        var interval = parsed.GetValue(o.Interval) is { } intervalText
            ? Duration(intervalText, "--interval", errors, positive: true) ?? TimeSpan.FromSeconds(1)
            : TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(2).Ticks, config.DownAfter.Ticks * 4));
        var simulation = Simulation(parsed, o, scenario, interval, errors);
        if (scenario is { } kind && simulation is not (null or ChurnInjection.Idle) && nodes < Scenario.MinNodes(kind))
            errors.Add($"the {Scenario.NameOf(kind)} scenario needs at least {Scenario.MinNodes(kind)} nodes: each of its faults must leave a connected majority, "
                + $"which {nodes} node(s) cannot (got --nodes {nodes}; use steady or --simulation none for fewer)");

        var thresholds = new List<Threshold>();
        foreach (var text in parsed.GetValue(o.Threshold) ?? [])
        {
            try
            {
                thresholds.Add(ThresholdParser.Parse(text));
            }
            catch (FormatException e)
            {
                errors.Add(e.Message);
            }
        }
        if (thresholds.Count == 0) thresholds.Add(ThresholdParser.Parse("violations==0"));

        var spec = KevySpecElectors.Find(specName);
        if (spec is null) errors.Add($"unknown spec '{specName}'; known specs: {string.Join(", ", KevySpecElectors.All.Select(e => e.Name))}");

        var store = parsed.GetValue(o.Store)!;
        if (store is not ("file" or "memory")) errors.Add($"unknown --store '{store}'; use file or memory");

        var live = !parsed.GetValue(o.NoLive) && !outputRedirected
            && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        var outDir = parsed.GetValue(o.Out) ?? ReportFolder.DefaultPath(DateTimeOffset.Now);

        if (errors.Count > 0 || scenario is null || spec is null || simulation is null) return null;
        var timingsText = overridden.Count == 0 ? timingsName : $"{timingsName} with {string.Join(", ", overridden)}";
        return new RunSettings(scenario.Value, nodes, hosts, duration, warmup, config, timingsText, seed, simulation, thresholds, outDir, spec, store == "file", live,
            "kevyspec-load " + string.Join(' ', args.Select(Quote)));
    }

    private static ChurnInjection? Simulation(ParseResult parsed, LoadOptions o, ScenarioKind? scenario, TimeSpan interval, List<string> errors)
    {
        var name = parsed.GetValue(o.Simulation);
        var rate = parsed.GetValue(o.Rate);
        var copies = parsed.GetValue(o.Copies);
        var from = parsed.GetValue(o.RateFrom);
        if (scenario is null) return null;
        if (name is null)
        {
            var defaults = Scenario.Create(scenario.Value, 0).DefaultSimulation(interval);
            return defaults is ChurnInjection.Inject inject && rate is { } r ? inject with { Rate = r } : defaults;
        }
        ChurnInjection? simulation = name switch
        {
            "inject" => new ChurnInjection.Inject(rate ?? 1, interval),
            "keep-constant" => new ChurnInjection.KeepConstant(copies),
            "ramp" => new ChurnInjection.Ramp(from, rate ?? 3, interval),
            "none" => new ChurnInjection.Idle(),
            _ => null,
        };
        if (simulation is null) errors.Add($"unknown --simulation '{name}'; use inject, keep-constant, ramp or none");
        else if (scenario == ScenarioKind.Steady && simulation is not ChurnInjection.Idle)
            errors.Add("the steady scenario injects no events; drop --simulation or use --simulation none");
        return simulation;
    }

    private static TimeSpan? Duration(string? text, string option, List<string> errors, bool positive)
    {
        if (text is null) return null;
        var value = DurationText.TryParse(text, out var problem);
        if (value is null) errors.Add($"{option}: {problem}");
        else if (positive && value <= TimeSpan.Zero) errors.Add($"{option} must be positive (got {text})");
        return value;
    }

    private static string Quote(string arg) => arg.Length > 0 && arg.All(c => char.IsLetterOrDigit(c) || "-_./:=".Contains(c)) ? arg : $"\"{arg}\"";
}
