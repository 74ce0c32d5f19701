using Stateless.Graph;

namespace KevySpec.Graph;

/// <summary>
/// Stateless's own view of a generated elector: <see cref="UmlDotGraph"/> of the machine's
/// <c>GetInfo()</c>. It shows states, triggers and guard texts as Stateless holds them, but no
/// actions and no spec lines, and draws internal transitions like any other self-transition;
/// <see cref="TransitionGraph"/> is the graph to review.
/// </summary>
public static class StatelessGraph
{
    // Only used to build a machine to describe: its members and address never matter.
    private const string NodeId = "n1";

    /// <summary>Stateless's <c>UmlDotGraph</c> of an elector of kind <paramref name="definition"/>, with <c>\n</c> line endings.</summary>
    public static string ToDot(ElectorDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var elector = definition.Create(NodeId, [NodeId], "127.0.0.1:0", definition.Table.StartStates.FirstOrDefault(), ElectConfig.Default, new FixedJitter(TimeSpan.Zero));
        return UmlDotGraph.Format(elector.GetInfo()).ReplaceLineEndings("\n");
    }
}
