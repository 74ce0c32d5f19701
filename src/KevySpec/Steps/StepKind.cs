namespace KevySpec;

/// <summary>What kind of step a node took (or what happened to it).</summary>
public enum StepKind
{
    /// <summary>The node's first elector was built (trace op <c>new</c>).</summary>
    New,

    /// <summary>The node's process restarted with its store (trace op <c>restart</c>).</summary>
    Restart,

    /// <summary>The node's replication offset moved (trace op <c>set_offset</c>).</summary>
    SetOffset,

    /// <summary>The node ticked (trace op <c>tick</c>).</summary>
    Tick,

    /// <summary>The node handled a message (trace op <c>msg</c>).</summary>
    Message,

    /// <summary>The node's process died (no trace line: its elector simply stops being driven).</summary>
    Crash,
}
