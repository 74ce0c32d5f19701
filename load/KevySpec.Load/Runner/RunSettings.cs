using KevySpec.Load.Scenarios;
using KevySpec.Load.Simulations;
using KevySpec.Load.Thresholds;

namespace KevySpec.Load.Runner;

/// <summary>Everything a load run needs, resolved from the command line.</summary>
/// <param name="Scenario">Which scenario.</param>
/// <param name="Nodes">Cluster size.</param>
/// <param name="Hosts">Node host processes the nodes are spread over (0: all in the runner's process).</param>
/// <param name="Duration">How long events are injected (the run then waits for the events in flight to finish).</param>
/// <param name="Warmup">Extra time after the cluster first converged before measuring starts.</param>
/// <param name="Config">The election timings.</param>
/// <param name="TimingsName">Where the timings came from: <c>fast</c> or <c>protocol</c>, plus overrides.</param>
/// <param name="Seed">The seed of event choices and of the nodes' backoff jitter.</param>
/// <param name="Simulation">How events are injected.</param>
/// <param name="Thresholds">Pass/fail bounds.</param>
/// <param name="OutDir">The report folder.</param>
/// <param name="Spec">The elector the nodes run.</param>
/// <param name="FileStores">True for a fsynced file store per node (the default); false for stores in memory.</param>
/// <param name="Live">True for the live Spectre.Console display; false for plain progress lines.</param>
/// <param name="CommandLine">The command as typed, for the reports.</param>
public sealed record RunSettings(
    ScenarioKind Scenario,
    int Nodes,
    int Hosts,
    TimeSpan Duration,
    TimeSpan Warmup,
    ElectConfig Config,
    string TimingsName,
    int Seed,
    ChurnInjection Simulation,
    IReadOnlyList<Threshold> Thresholds,
    string OutDir,
    ElectorDefinition Spec,
    bool FileStores,
    bool Live,
    string CommandLine);
