using System.CommandLine;
using KevySpec.Cli.CommandLine;
using KevySpec.Load.Metrics;
using KevySpec.Load.Scenarios;

namespace KevySpec.Load.Cli;

/// <summary>The arguments and options of <c>kevyspec-load</c>.</summary>
internal sealed class LoadOptions
{
    public Argument<string> Scenario { get; } = new("scenario")
    {
        Description = "What to do to the cluster: " + string.Join("; ", Scenarios.Scenario.Catalog.Select(s => $"{s.Name} — {s.Description}")) + ".",
        Arity = ArgumentArity.ZeroOrOne,
        DefaultValueFactory = _ => "mixed",
    };

    public Option<int> Nodes { get; } = new Option<int>("--nodes", "-n")
    {
        Description = "Cluster size (ids n1..nN; n1 starts as primary). Up to 9 nodes get the fast timings by default, more the protocol's.",
        DefaultValueFactory = _ => 5,
    }.Within(min: 1, max: SettingsResolver.MaxNodes);

    public Option<int?> Hosts { get; } = new Option<int?>("--hosts")
    {
        Description = $"Node host processes to spread the nodes over (0: every node in this process). Default: 0 up to {Fleet.FleetLayout.InProcessMax} nodes, "
            + $"else enough to keep each under {Fleet.FleetLayout.SocketsPerHost:N0} sockets (2 for 100 nodes): one process cannot hold the ~2·N² sockets of a big cluster.",
    }.Within<int>(min: 0, max: Fleet.FleetLayout.MaxHosts);

    public Option<string> Duration { get; } = new("--duration", "-d")
    {
        Description = "How long events are injected, e.g. 60s, 10m (then the events in flight finish).",
        DefaultValueFactory = _ => "60s",
    };

    public Option<string> Warmup { get; } = new("--warmup")
    {
        Description = "Extra time after the cluster first converged before measuring starts (JIT tiering and thread-pool growth settle; no events meanwhile), e.g. 10s.",
        DefaultValueFactory = _ => "0s",
    };

    public Option<string?> Timings { get; } = new("--timings")
    {
        Description = "Timing preset: fast (hb 50ms, down_after 500ms, election_timeout 500ms, backoff 200ms + jitter 300ms) or protocol (hb 200ms, down_after 5s, election_timeout 3s, backoff 1s + jitter 4s). Default: fast up to 9 nodes, else protocol.",
    };

    public Option<string?> Hb { get; } = new("--hb") { Description = "Heartbeat interval (overrides the preset), e.g. 50ms." };

    public Option<string?> DownAfter { get; } = new("--down-after") { Description = "Silence after which a peer is DOWN (overrides the preset)." };

    public Option<string?> ElectionTimeout { get; } = new("--election-timeout") { Description = "How long a candidate waits for a quorum (overrides the preset)." };

    public Option<string?> Backoff { get; } = new("--backoff") { Description = "Floor of the wait after a failed candidacy (overrides the preset)." };

    public Option<string?> BackoffJitter { get; } = new("--backoff-jitter") { Description = "Maximum random extra backoff (overrides the preset)." };

    public Option<int?> Seed { get; } = new("--seed") { Description = "Seed of event choices and of the nodes' backoff jitter (default: random, printed in the report)." };

    public Option<string?> Simulation { get; } = new("--simulation")
    {
        Description = "How events are injected: inject (--rate events every --interval), keep-constant (--copies events in flight), ramp (from --rate-from to --rate events per --interval over the duration) or none. Default: none for steady, inject 1 per interval for mixed, keep-constant 1 otherwise.",
    };

    public Option<int?> Rate { get; } = new Option<int?>("--rate") { Description = "Events per interval for inject (default 1), or the final rate of a ramp (default 3)." }
        .Within<int>(min: 0);

    public Option<int> RateFrom { get; } = new Option<int>("--rate-from") { Description = "The starting rate of a ramp.", DefaultValueFactory = _ => 0 }.Within(min: 0);

    public Option<string?> Interval { get; } = new("--interval") { Description = "The interval of inject and ramp (default: 4 × down_after, at least 2s)." };

    public Option<int> Copies { get; } = new Option<int>("--copies") { Description = "Events kept in flight by keep-constant.", DefaultValueFactory = _ => 1 }.Within(min: 1);

    public Option<string[]> Threshold { get; } = new("--threshold", "-t")
    {
        Description = "A pass/fail bound METRIC OP VALUE, repeatable, e.g. \"failover.p99<=700ms\" \"violations==0\". OP is <=, <, >=, > or ==; durations take us, ms (default) or s. "
            + "Without any, violations==0 applies. Metrics: " + string.Join(", ", MetricCatalog.All.Select(m => m.Name)) + ".",
        AllowMultipleArgumentsPerToken = false,
        Arity = ArgumentArity.ZeroOrMore,
    };

    public Option<string?> Out { get; } = new("--out", "-o") { Description = "Report folder (default reports/<yyyyMMdd-HHmmss>)." };

    public Option<string> Spec { get; } = new("--spec")
    {
        Description = $"The elector the nodes run, by spec name ({string.Join(", ", KevySpecElectors.All.Select(e => e.Name))}). "
            + "Default: election-hardened, the write-safe one; the reference (election) can hold two writable primaries, which the online checks report.",
        DefaultValueFactory = _ => "election-hardened",
    };

    public Option<string> Store { get; } = new("--store")
    {
        Description = "Where nodes keep (epoch, voted_for): file (a FileElectionStore per node in a temporary data directory, fsynced; the default) or memory (kept across restarts, no fsync: shows the transport's own latency).",
        DefaultValueFactory = _ => "file",
    };

    public Option<bool> NoLive { get; } = new("--no-live")
    {
        Description = "Plain progress lines instead of the live display (automatic when the output is redirected or CI=true).",
    };

    /// <summary>Adds the scenario argument and every option but <paramref name="except"/> to <paramref name="command"/>.</summary>
    public void AddTo(Command command, params Symbol[] except)
    {
        foreach (var symbol in All().Except(except))
        {
            if (symbol is Argument argument) command.Add(argument);
            else command.Add((Option)symbol);
        }
    }

    public IEnumerable<Symbol> All() =>
    [
        Scenario, Nodes, Hosts, Duration, Warmup, Timings, Hb, DownAfter, ElectionTimeout, Backoff, BackoffJitter, Seed,
        Simulation, Rate, RateFrom, Interval, Copies, Threshold, Out, Spec, Store, NoLive,
    ];
}
