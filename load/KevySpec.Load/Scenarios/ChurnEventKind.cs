namespace KevySpec.Load.Scenarios;

/// <summary>One kind of fault a scenario injects.</summary>
public enum ChurnEventKind
{
    /// <summary>Kill the current primary; measure the failover; restart it on its data directory.</summary>
    KillPrimary,

    /// <summary>Kill a replica for a while, then restart it on its data directory (no election should follow).</summary>
    KillReplica,

    /// <summary>Cut a minority that holds the primary off the rest (real link cuts); measure the failover on the majority side; heal.</summary>
    IsolatePrimary,

    /// <summary>Cut a minority without the primary off the rest; its nodes may stand and must not win; heal.</summary>
    IsolateMinority,

    /// <summary>Restart the next node in turn (kill, stay down past <c>down_after</c>, restart on its data directory); a failover when it is the primary.</summary>
    RestartNext,
}

/// <summary>Names and traits of <see cref="ChurnEventKind"/>.</summary>
public static class ChurnEventKinds
{
    /// <summary>The kebab-case name used in reports and CSV.</summary>
    public static string ToName(this ChurnEventKind kind) => kind switch
    {
        ChurnEventKind.KillPrimary => "kill-primary",
        ChurnEventKind.KillReplica => "kill-replica",
        ChurnEventKind.IsolatePrimary => "isolate-primary",
        ChurnEventKind.IsolateMinority => "isolate-minority",
        ChurnEventKind.RestartNext => "restart-next",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not an event kind"),
    };

    /// <summary>True for faults carried out by cutting links (they cannot overlap one another).</summary>
    public static bool IsPartition(this ChurnEventKind kind) => kind is ChurnEventKind.IsolatePrimary or ChurnEventKind.IsolateMinority;
}
