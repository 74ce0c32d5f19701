using KevySpec.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static KevySpec.Generators.Tests.Infrastructure.MiniSpec;

namespace KevySpec.Generators.Tests;

/// <summary>
/// Guards and actions a spec names but the runtime lacks can be written by hand, in a partial
/// class of the generated elector. Missing or ill-fitting ones are spec errors, not C# errors.
/// </summary>
public sealed class PartialElectorTests
{
    // A Primary steps down on a newer primary's heartbeat only while the hand-written guard holds.
    private const string CustomHbRow = "| Primary | hb | hb-claims-primary, hb-epoch-newer, sender-has-data | Replica | record-view, note-demotion |";
    private const string Guard = "private bool SenderHasData(Heartbeat hb) => hb.ReplOffset > 0;";
    private const string Action = "private void NoteDemotion() => Demotions++;";
    private const string UsesGeneratedHalf = "public static int RowCount => Table.Rows.Count;";

    private static readonly MiniSpec Spec = Valid.Replace(HbRow, CustomHbRow);

    private const string HandWritten = """
        using KevySpec;

        namespace Consumer;

        partial class MiniElector
        {
            /// <summary>How often this elector stepped down (kept by a hand-written action).</summary>
            public int Demotions { get; private set; }

            /// <summary>The generated half must exist for this to compile.</summary>
            public static int RowCount => Table.Rows.Count;

            private bool SenderHasData(Heartbeat hb) => hb.ReplOffset > 0;

            private void NoteDemotion() => Demotions++;
        }
        """;

    [Fact]
    public async Task Guards_and_actions_written_in_a_partial_class_are_accepted()
    {
        var test = new SpecGeneratorTest(MiniSpec.Path, Spec.Text);
        test.TestState.Sources.Add(HandWritten);

        await test.RunAsync();
    }

    [Fact]
    public void The_hand_written_guard_and_action_decide_the_row()
    {
        var run = GeneratorRun.Of(MiniSpec.Path, Spec.Text, [HandWritten]);
        Assert.True(run.Diagnostics.IsEmpty, GeneratorRun.Describe(run.Diagnostics));
        var assembly = Emitted.Load(run.Output);

        var stays = Emitted.Create(assembly, "Consumer.MiniElector", startRole: Role.Primary);
        stays.OnMessage("b", new Heartbeat(Epoch: 9, NodeId: "b", Role.Primary, ReplOffset: 0), TimeSpan.FromSeconds(1));
        Assert.Equal(Role.Primary, stays.Role);
        Assert.Equal(0, Demotions(stays));

        var stepsDown = Emitted.Create(assembly, "Consumer.MiniElector", startRole: Role.Primary);
        stepsDown.OnMessage("b", new Heartbeat(Epoch: 9, NodeId: "b", Role.Primary, ReplOffset: 7), TimeSpan.FromSeconds(1));
        Assert.Equal(Role.Replica, stepsDown.Role);
        Assert.Equal(1, Demotions(stepsDown));
    }

    [Fact]
    public async Task A_guard_missing_from_the_partial_class_is_KSPEC009()
    {
        var test = new SpecGeneratorTest(MiniSpec.Path, Spec.Text);
        test.TestState.Sources.Add(WithoutGeneratedHalf(HandWritten.Replace(Guard, "")));
        test.TestState.ExpectedDiagnostics.Add(At("KSPEC009", "sender-has-data")
            .WithArguments("sender-has-data", "SenderHasData", "Heartbeat hb", "partial class MiniElector", "")); // no near name: nothing close

        await test.RunAsync();
    }

    [Fact]
    public async Task An_action_missing_from_the_partial_class_is_KSPEC010()
    {
        var test = new SpecGeneratorTest(MiniSpec.Path, Spec.Text);
        test.TestState.Sources.Add(WithoutGeneratedHalf(HandWritten.Replace(Action, "")));
        test.TestState.ExpectedDiagnostics.Add(At("KSPEC010", "note-demotion")
            .WithArguments("note-demotion", "NoteDemotion", "Heartbeat hb", "partial class MiniElector", ""));

        await test.RunAsync();
    }

    [Fact]
    public async Task A_hand_written_guard_with_the_wrong_signature_is_KSPEC013()
    {
        var test = new SpecGeneratorTest(MiniSpec.Path, Spec.Text);
        test.TestState.Sources.Add(WithoutGeneratedHalf(HandWritten.Replace(Guard, "private bool SenderHasData(Offer offer) => offer.ReplOffset > 0;")));
        test.TestState.ExpectedDiagnostics.Add(At("KSPEC013", "sender-has-data")
            .WithArguments("Guard", "sender-has-data", "bool SenderHasData(KevySpec.Offer)", "hb", "bool SenderHasData(Heartbeat hb)"));

        await test.RunAsync();
    }

    /// <summary>A broken spec generates nothing, so hand-written code must not lean on the generated half.</summary>
    private static string WithoutGeneratedHalf(string source) => source.Replace(UsesGeneratedHalf, "");

    /// <summary>The diagnostic at <paramref name="name"/> in the custom row (1-based, as the framework counts).</summary>
    private static DiagnosticResult At(string id, string name)
    {
        var line = Spec.LineOf(CustomHbRow);
        var column = CustomHbRow.IndexOf(name, StringComparison.Ordinal) + 1;
        return new DiagnosticResult(id, DiagnosticSeverity.Error).WithSpan(MiniSpec.Path, line, column, line, column + name.Length);
    }

    private static int Demotions(Elector elector) =>
        (int)elector.GetType().GetProperty("Demotions")!.GetValue(elector)!;
}
