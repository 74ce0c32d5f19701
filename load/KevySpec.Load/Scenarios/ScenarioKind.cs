namespace KevySpec.Load.Scenarios;

/// <summary>The scenarios of a load run.</summary>
public enum ScenarioKind
{
    /// <summary>No faults: any election is a spurious one.</summary>
    Steady,

    /// <summary>Kill the current primary, measure the failover, restart it; again and again.</summary>
    PrimaryKill,

    /// <summary>Minority/majority splits through real link cuts (with and without the primary), then heal.</summary>
    PartitionFlap,

    /// <summary>Restart every node in turn on its data directory (file persistence).</summary>
    RollingRestart,

    /// <summary>Random events of every kind, seeded.</summary>
    Mixed,
}
