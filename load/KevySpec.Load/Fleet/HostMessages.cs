using System.Text.Json.Serialization;
using KevySpec.Checking;
using KevySpec.Load.Runner;
using KevySpec.Simulation;
using KevySpec.Transport;
using KevySpec.Wire;

namespace KevySpec.Load.Fleet;

/// <summary>
/// One line of the node host protocol: JSON, one object per line, <c>op</c> naming the kind. The runner
/// writes commands to a host's standard input; the host writes replies (with the command's
/// <c>seq</c>) and events to its standard output.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "op")]
[JsonDerivedType(typeof(StartCommand), "start")]
[JsonDerivedType(typeof(KillCommand), "kill")]
[JsonDerivedType(typeof(RestartCommand), "restart")]
[JsonDerivedType(typeof(LinkCommand), "link")]
[JsonDerivedType(typeof(ReadCommand), "read")]
[JsonDerivedType(typeof(StopCommand), "stop")]
[JsonDerivedType(typeof(DoneReply), "done")]
[JsonDerivedType(typeof(FailedReply), "failed")]
[JsonDerivedType(typeof(ReadingReply), "reading")]
[JsonDerivedType(typeof(ReportEvent), "report")]
[JsonDerivedType(typeof(StepEvent), "step")]
[JsonDerivedType(typeof(StatusEvent), "status")]
public abstract record HostMessage;

/// <summary>A command that expects a reply carrying its <see cref="Seq"/>.</summary>
public abstract record HostRequest(long Seq) : HostMessage;

/// <summary>Start the plan's hosted nodes (the first command; replied to once they listen).</summary>
public sealed record StartCommand(long Seq, FleetPlan Plan) : HostRequest(Seq);

/// <summary>Kill a node.</summary>
public sealed record KillCommand(long Seq, string Node) : HostRequest(Seq);

/// <summary>Restart a node as <see cref="Role"/>.</summary>
public sealed record RestartCommand(long Seq, string Node, Role Role) : HostRequest(Seq);

/// <summary>Cut (<see cref="Cut"/> true) or heal the directed link From → To; no reply (the pipe keeps the order).</summary>
public sealed record LinkCommand(string From, string To, bool Cut) : HostMessage;

/// <summary>Ask for a <see cref="ReadingReply"/>.</summary>
public sealed record ReadCommand(long Seq) : HostRequest(Seq);

/// <summary>Stop every node and exit once replied.</summary>
public sealed record StopCommand(long Seq) : HostRequest(Seq);

/// <summary>The command <see cref="Seq"/> succeeded.</summary>
public sealed record DoneReply(long Seq) : HostMessage;

/// <summary>The command <see cref="Seq"/> failed, and why.</summary>
public sealed record FailedReply(long Seq, string Error) : HostMessage;

/// <summary>Counters and the host's CPU time (ticks), peak memory, managed heap (bytes, as of its last GC) and full GCs so far.</summary>
public sealed record ReadingReply(long Seq, CounterTotals Counters, long CpuTicks, long PeakMemory, long HeapBytes = 0, int FullCollections = 0) : HostMessage;

/// <summary>A topology change and the timestamp of its callback.</summary>
public sealed record ReportEvent(TopologyChange Change, long Timestamp) : HostMessage;

/// <summary>A node's latest state (sent when it changes, and while the node is killed as <see cref="Snapshot"/> null).</summary>
public sealed record StatusEvent(string Node, NodeSnapshot? Snapshot) : HostMessage;

/// <summary>A step that is not quiet, with its messages as argv, and the timestamp it was taken at.</summary>
public sealed record StepEvent(
    StepKind Kind, string Node, Role RoleBefore, ulong EpochBefore, Role RoleAfter, ulong EpochAfter,
    IReadOnlyList<SentLine> Sent, IReadOnlyList<SaveRecord> Saves, PersistedVote StoreAfter, long Timestamp, ulong OffsetAfter = 0) : HostMessage
{
    /// <summary>The event for <paramref name="step"/>, taken at <paramref name="timestamp"/>.</summary>
    public static StepEvent From(NodeStep step, long timestamp) => new(step.Kind, step.NodeId, step.RoleBefore, step.EpochBefore, step.RoleAfter, step.EpochAfter,
        [.. step.Sent.Select(o => new SentLine(o.To, MessageArgv.ToArgv(o.Message)))], step.Saves, step.StoreAfter, timestamp, step.OffsetAfter);

    /// <summary>The step again.</summary>
    /// <exception cref="FormatException">A message's argv does not describe a message.</exception>
    public NodeStep ToStep() => new(Kind, Node, RoleBefore, EpochBefore, RoleAfter, EpochAfter,
        [.. Sent.Select(s => new Outbound(s.To, MessageArgv.FromArgv(s.Argv) is { Message: { } m } ? m : throw new FormatException($"not a message: {string.Join(' ', s.Argv)}")))],
        Saves, StoreAfter, OffsetAfter);
}

/// <summary>One message a step sent.</summary>
/// <param name="To">A peer id, or <see cref="Outbound.Broadcast"/>.</param>
/// <param name="Argv">The message (<see cref="MessageArgv"/>).</param>
public sealed record SentLine(string To, IReadOnlyList<string> Argv);
