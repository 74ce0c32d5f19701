namespace KevySpec.Checking;

/// <summary>What one transition of the model checker does.</summary>
internal enum MoveKind : byte
{
    /// <summary>An initial state: <see cref="Move.Arg"/> is the start's index.</summary>
    Start,

    /// <summary>Node <see cref="Move.Node"/> ticks.</summary>
    Tick,

    /// <summary>Message <see cref="Move.Message"/> is delivered and leaves the network.</summary>
    Deliver,

    /// <summary>Message <see cref="Move.Message"/> is delivered and a copy stays in flight.</summary>
    Duplicate,

    /// <summary>Message <see cref="Move.Message"/> is lost.</summary>
    Drop,

    /// <summary>Time passes by the advance numbered <see cref="Move.Arg"/>.</summary>
    Advance,

    /// <summary>Node <see cref="Move.Node"/>'s process dies; messages to it are lost.</summary>
    Crash,

    /// <summary>Node <see cref="Move.Node"/> restarts in the restart role numbered <see cref="Move.Arg"/>, then gets its data's offset.</summary>
    Restart,

    /// <summary>Node <see cref="Move.Node"/>'s replication offset moves up by one.</summary>
    RaiseOffset,
}

/// <summary>One transition, as remembered on the path to a state.</summary>
internal readonly record struct Move(MoveKind Kind, int Node = 0, int Message = -1, int Arg = 0);
