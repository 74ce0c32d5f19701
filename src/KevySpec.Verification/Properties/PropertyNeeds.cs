namespace KevySpec.Properties;

/// <summary>What a property needs to be judged.</summary>
public enum PropertyNeeds
{
    /// <summary>One step of one node and the ghost history: judged after every step, in every mode.</summary>
    Step,

    /// <summary>The whole cluster's state at an instant, in real time with a delay bound (write-safety).</summary>
    ClusterState,

    /// <summary>A fault-free stretch: judged once faults stop (liveness, no-disruption).</summary>
    Quiet,

    /// <summary>The end of a run after a quiet phase (convergence).</summary>
    EndOfRun,
}
