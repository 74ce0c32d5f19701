using KevySpec.Load.Simulations;

namespace KevySpec.Load.Scenarios;

/// <summary>
/// A scenario: which churn events it injects and, unless the command line says otherwise,
/// how (its default load simulation). The choice of each event is seeded.
/// </summary>
public sealed class Scenario
{
    private static readonly (ChurnEventKind Kind, int Weight)[] MixedWeights =
    [
        (ChurnEventKind.KillPrimary, 3),
        (ChurnEventKind.KillReplica, 2),
        (ChurnEventKind.IsolatePrimary, 3),
        (ChurnEventKind.IsolateMinority, 2),
    ];

    private readonly Random _random;
    private int _partitions;

    private Scenario(ScenarioKind kind, int seed)
    {
        Kind = kind;
        _random = new Random(seed);
    }

    /// <summary>The scenarios by option name, in help order.</summary>
    public static IReadOnlyList<(string Name, ScenarioKind Kind, string Description)> Catalog { get; } =
    [
        ("mixed", ScenarioKind.Mixed, "random kills, restarts and partitions (seeded); the default"),
        ("steady", ScenarioKind.Steady, "no faults: any election is a spurious one"),
        ("primary-kill", ScenarioKind.PrimaryKill, "kill the primary, measure the failover, restart it on its data directory"),
        ("partition-flap", ScenarioKind.PartitionFlap, "minority/majority splits through link cuts, alternately with and without the primary, then heal"),
        ("rolling-restart", ScenarioKind.RollingRestart, "restart every node in turn with file persistence"),
    ];

    /// <summary>The scenario called <paramref name="name"/>, or null.</summary>
    public static ScenarioKind? Find(string name) =>
        Catalog.Where(c => c.Name == name).Select(c => (ScenarioKind?)c.Kind).FirstOrDefault();

    /// <summary>The option name of <paramref name="kind"/>.</summary>
    public static string NameOf(ScenarioKind kind) => Catalog.First(c => c.Kind == kind).Name;

    /// <summary>
    /// The fewest nodes <paramref name="kind"/> can inject its events on: 1 for steady (it injects none),
    /// else 3, the smallest cluster whose fault budget (<see cref="Runner.ChurnEngine.FaultBudget"/>) lets
    /// one node be killed or cut off while a majority stays connected.
    /// </summary>
    public static int MinNodes(ScenarioKind kind) => kind == ScenarioKind.Steady ? 1 : 3;

    /// <summary>A scenario whose event choices follow <paramref name="seed"/>.</summary>
    public static Scenario Create(ScenarioKind kind, int seed) => new(kind, seed);

    /// <summary>The kind of scenario.</summary>
    public ScenarioKind Kind { get; }

    /// <summary>The option name.</summary>
    public string Name => NameOf(Kind);

    /// <summary>
    /// The load simulation used when none is given: none for steady; one event at a time,
    /// back to back, for the single-fault scenarios; one event every <paramref name="mixedInterval"/> for mixed.
    /// </summary>
    public ChurnInjection DefaultSimulation(TimeSpan mixedInterval) => Kind switch
    {
        ScenarioKind.Steady => new ChurnInjection.Idle(),
        ScenarioKind.Mixed => new ChurnInjection.Inject(1, mixedInterval),
        _ => new ChurnInjection.KeepConstant(1),
    };

    /// <summary>The next event to inject (null for steady, which injects none).</summary>
    public ChurnEventKind? NextEvent()
    {
        switch (Kind)
        {
            case ScenarioKind.PrimaryKill: return ChurnEventKind.KillPrimary;
            case ScenarioKind.RollingRestart: return ChurnEventKind.RestartNext;
            case ScenarioKind.PartitionFlap:
                // Alternate so both sides of the split are exercised evenly.
                return _partitions++ % 2 == 0 ? ChurnEventKind.IsolatePrimary : ChurnEventKind.IsolateMinority;
            case ScenarioKind.Mixed:
                var roll = _random.Next(MixedWeights.Sum(w => w.Weight));
                foreach (var (kind, weight) in MixedWeights)
                {
                    if (roll < weight) return kind;
                    roll -= weight;
                }
                return MixedWeights[^1].Kind;
            default: return null;
        }
    }

    /// <summary>A seeded pick among <paramref name="choices"/> (targets, minority sizes).</summary>
    public T Pick<T>(IReadOnlyList<T> choices)
    {
        if (choices.Count == 0) throw new ArgumentException("nothing to pick from", nameof(choices));
        return choices[_random.Next(choices.Count)];
    }

    /// <summary>A seeded fraction in <c>[0, 1)</c>.</summary>
    public double Fraction() => _random.NextDouble();

    /// <summary>A seeded whole number in <c>[min, max]</c>.</summary>
    public int Between(int min, int max) => _random.Next(min, max + 1);
}
