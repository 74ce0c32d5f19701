namespace KevySpec;

/// <summary>
/// A spec table as data: what the generator compiled into an elector, with the spec line of
/// every row, for tools (graphs, reports, counterexamples).
/// </summary>
/// <param name="Elector">The generated class name, e.g. <c>ReferenceElector</c>.</param>
/// <param name="File">The spec file's name, e.g. <c>election.spec.md</c>.</param>
/// <param name="Title">The spec's first heading.</param>
/// <param name="States">The declared states, in declaration order.</param>
/// <param name="StartStates">The states an elector may start in.</param>
/// <param name="TickStages">The tick stages, in the order <c>Tick</c> fires them.</param>
/// <param name="Messages">The message triggers, in table order of first use.</param>
/// <param name="Rows">The transition rows, in table order.</param>
/// <param name="Invariants">The invariants the spec claims.</param>
public sealed record SpecTable(
    string Elector,
    string File,
    string Title,
    IReadOnlyList<Role> States,
    IReadOnlyList<Role> StartStates,
    IReadOnlyList<string> TickStages,
    IReadOnlyList<string> Messages,
    IReadOnlyList<SpecRow> Rows,
    IReadOnlyList<SpecInvariant> Invariants)
{
    /// <summary>The rows that apply in <paramref name="state"/> for <paramref name="trigger"/>, in the order they are tried.</summary>
    public IEnumerable<SpecRow> RowsFor(Role state, string trigger) =>
        Rows.Where(r => r.On == trigger && r.AppliesIn(state));
}

/// <summary>One row of a spec table.</summary>
/// <param name="Line">1-based line in the spec file.</param>
/// <param name="From">The state it applies in; null for every state (<c>*</c>).</param>
/// <param name="On">The trigger: a tick stage or a message (<c>hb</c>, <c>offer</c>, <c>accept</c>, <c>announce</c>).</param>
/// <param name="When">The guards, all of which must hold; <c>!name</c> negates.</param>
/// <param name="To">The state it moves to; null to stay (<c>=</c>).</param>
/// <param name="Do">The actions, run in order.</param>
public sealed record SpecRow(int Line, Role? From, string On, IReadOnlyList<string> When, Role? To, IReadOnlyList<string> Do)
{
    /// <summary>True when the row applies in <paramref name="state"/>.</summary>
    public bool AppliesIn(Role state) => From is null || From == state;

    /// <summary>The state after the row fires in <paramref name="state"/>.</summary>
    public Role Target(Role state) => To ?? state;

    /// <summary>The guards as the spec wrote them, comma-separated (empty when none).</summary>
    public string WhenText => string.Join(", ", When);

    /// <summary>The actions as the spec wrote them, comma-separated.</summary>
    public string DoText => string.Join(", ", Do);
}

/// <summary>An invariant a spec claims, checked by the simulator and the model checker.</summary>
/// <param name="Line">1-based line in the spec file.</param>
/// <param name="Name">Its kebab-case name, e.g. <c>election-safety</c>.</param>
/// <param name="Text">Its statement.</param>
public sealed record SpecInvariant(int Line, string Name, string Text);

/// <summary>Creates an elector of one generated kind.</summary>
public delegate Elector ElectorFactory(string nodeId, IReadOnlyList<string> peerIds, string advertisedAddr, Role startRole, ElectConfig config, IJitterSource jitter);

/// <summary>One generated elector kind: its spec table and how to build one.</summary>
/// <param name="Name">The spec's short name: its file name without <c>.spec.md</c> (e.g. <c>election</c>).</param>
/// <param name="Table">The spec table.</param>
/// <param name="Create">Builds an elector of this kind.</param>
public sealed record ElectorDefinition(string Name, SpecTable Table, ElectorFactory Create);
