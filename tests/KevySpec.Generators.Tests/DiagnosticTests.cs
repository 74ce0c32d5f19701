using System.Reflection;
using KevySpec.Generators.Diagnostics;
using KevySpec.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Text;
using static KevySpec.Generators.Tests.Infrastructure.MiniSpec;

namespace KevySpec.Generators.Tests;

/// <summary>
/// Every KSPEC diagnostic, from a spec broken in one line: reported at the exact place in the
/// Markdown, with a message that names what is wrong, and with nothing generated.
/// </summary>
public sealed class DiagnosticTests
{
    private static readonly LinePosition Top = new(0, 0);

    [Fact]
    public void The_unbroken_mini_spec_compiles_cleanly()
    {
        var run = GeneratorRun.Of(MiniSpec.Path, Valid.Text);

        Assert.True(run.Diagnostics.IsEmpty, GeneratorRun.Describe(run.Diagnostics));
        Assert.Equal([Compilations.CatalogFile, "MiniElector.g.cs"], run.Sources.Keys.Order(StringComparer.Ordinal));
        Assert.True(run.OutputErrors.Count == 0, GeneratorRun.Describe(run.OutputErrors));
    }

    [Fact]
    public void Every_diagnostic_id_has_a_test_here()
    {
        var tested = typeof(DiagnosticTests).GetMethods()
            .Where(m => m.GetCustomAttribute<FactAttribute>() is not null) // Theory derives from Fact
            .SelectMany(m => SpecDiagnostics.Ids.Where(id => m.Name.Contains(id, StringComparison.Ordinal)))
            .ToHashSet();

        Assert.Equal(Enumerable.Range(1, 19).Select(i => $"KSPEC{i:000}"), SpecDiagnostics.Ids);
        Assert.Empty(SpecDiagnostics.Ids.Except(tested));
    }

    [Fact]
    public void KSPEC001_a_spec_without_a_transitions_section()
    {
        Reported.Single(Valid.Replace(TransitionsHeading, "## Rules"), "KSPEC001",
            "'mini.spec.md' has no transition table", at: Top);
    }

    [Fact]
    public void KSPEC002_a_transition_table_with_the_wrong_header()
    {
        Reported.Single(Valid.Replace(TransitionsHeader, "| «from» | on | guard | to | do |"), "KSPEC002",
            "found '| from | on | guard | to | do |'");
    }

    [Fact]
    public void KSPEC002_a_header_not_followed_by_a_separator()
    {
        Reported.Single(Valid.Replace(TransitionsSeparator, "| «Replica» | hb | | = | record-view |"), "KSPEC002",
            "the header row must be followed by a separator row");
    }

    [Fact]
    public void KSPEC002_a_second_transition_table()
    {
        var spec = Valid
            .InsertAfter(HbRow, "Prose between two tables.")
            .InsertAfter("Prose between two tables.", "| «Replica» | hb | | = | record-view |");

        Reported.Single(spec, "KSPEC002", "a second table in '## Transitions'");
    }

    [Fact]
    public void KSPEC003_a_row_with_four_cells()
    {
        Reported.Single(Valid.Replace(HbRow, "| «Primary» | hb | hb-claims-primary | Replica |"), "KSPEC003",
            "expected 5 cells (from, on, when, to, do), found 4");
    }

    [Fact]
    public void KSPEC003_a_row_with_an_empty_to_cell()
    {
        Reported.Single(Valid.Replace(HbRow, "| Primary | hb | hb-claims-primary | «»| record-view |"), "KSPEC003",
            "'to' is empty");
    }

    [Fact]
    public void KSPEC003_an_empty_guard_between_commas()
    {
        Reported.Single(Valid.Replace(HbRow, "| Primary | hb | hb-claims-primary,«», hb-epoch-newer | Replica | record-view |"), "KSPEC003",
            "'when' has an empty guard between commas");
    }

    [Fact]
    public void KSPEC003_a_start_cell_that_is_neither_yes_nor_no()
    {
        Reported.Single(Valid.Replace(PrimaryState, "| Primary | «maybe» | leads |"), "KSPEC003",
            "'start' must be yes or no, found 'maybe'");
    }

    [Fact]
    public void KSPEC004_a_row_that_moves_to_an_undeclared_state()
    {
        Reported.Single(Valid.Replace(HbRow, "| Primary | hb | hb-claims-primary, hb-epoch-newer | «Leader» | record-view |"), "KSPEC004",
            "Unknown state 'Leader': declared states are Replica, Primary");
    }

    [Fact]
    public void KSPEC004_a_declared_state_the_runtime_does_not_know()
    {
        Reported.Single(Valid.Replace(PrimaryState, "| «Leader» | no | leads |"), "KSPEC004",
            "Unknown state 'Leader': the runtime's roles are Replica, Candidate, Primary");
    }

    [Fact]
    public void KSPEC004_is_placed_the_same_with_Windows_line_endings()
    {
        Reported.Single(Valid.WithCrlf().Replace(HbRow, "| Primary | hb | hb-claims-primary, hb-epoch-newer | «Leader» | record-view |"), "KSPEC004",
            "Unknown state 'Leader'");
    }

    [Fact]
    public void KSPEC005_a_trigger_that_is_neither_a_stage_nor_a_message()
    {
        Reported.Single(Valid.Replace(HeartbeatsRow, "| * | «tock» | | = | send-due-heartbeats |"), "KSPEC005",
            "Unknown trigger 'tock': use a tick stage (first-tick, heartbeats)");
    }

    [Fact]
    public void KSPEC006_a_row_that_repeats_an_earlier_one()
    {
        var line = Valid.LineOf(HeartbeatsRow);

        Reported.Single(Valid.InsertAfter(HeartbeatsRow, "| * | «heartbeats» | | = | send-due-heartbeats |"), "KSPEC006",
            $"Row repeats the guards of line {line} for trigger 'heartbeats'");
    }

    [Fact]
    public void KSPEC007_a_row_shadowed_by_an_earlier_row_with_fewer_guards()
    {
        var line = Valid.LineOf(HbRow);

        Reported.Single(Valid.InsertAfter(HbRow, "| Primary | «hb» | hb-claims-primary, hb-epoch-newer, !from-self | Replica | record-view |"), "KSPEC007",
            $"Row can never fire for trigger 'hb' in state Primary: line {line} is tried first");
    }

    [Fact]
    public void KSPEC008_a_state_no_row_leads_to()
    {
        Reported.Single(Valid.InsertAfter(PrimaryState, "| «Candidate» | no | asks for votes |"), "KSPEC008",
            "State 'Candidate' is unreachable");
    }

    [Fact]
    public void KSPEC009_a_guard_without_a_method()
    {
        Reported.Single(Valid.Replace(HbRow, "| Primary | hb | hb-claims-primary, «leader-alive» | Replica | record-view |"), "KSPEC009",
            "Guard 'leader-alive' has no C# implementation: add 'bool LeaderAlive(Heartbeat hb)' to partial class MiniElector");
    }

    [Fact]
    public void KSPEC009_a_misspelt_guard_names_the_nearest_guard_first()
    {
        Reported.Single(Valid.Replace(HbRow, "| Primary | hb | hb-claims-primary, «quorum-reachd» | Replica | record-view |"), "KSPEC009",
            "Guard 'quorum-reachd' has no C# implementation: did you mean 'quorum-reached'? If not, add 'bool QuorumReachd(Heartbeat hb)' to partial class MiniElector");
    }

    [Fact]
    public void KSPEC009_suggests_only_a_guard_that_would_bind_in_that_row()
    {
        // OfferEpochNewer takes an Offer: one edit away, but it cannot be an hb row's guard.
        var diagnostic = Reported.Single(Valid.Replace(HbRow, "| Primary | hb | hb-claims-primary, «offer-epoch-nwer» | Replica | record-view |"), "KSPEC009",
            "Guard 'offer-epoch-nwer' has no C# implementation: add 'bool OfferEpochNwer(Heartbeat hb)' to partial class MiniElector");
        Assert.DoesNotContain("did you mean", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void KSPEC010_a_misspelt_action_names_the_nearest_action_first()
    {
        Reported.Single(Valid.Replace(HbRow, "| Primary | hb | hb-claims-primary | Replica | «recrd-view» |"), "KSPEC010",
            "Action 'recrd-view' has no C# implementation: did you mean 'record-view'? If not, add 'void RecrdView(Heartbeat hb)' to partial class MiniElector");
    }

    [Fact]
    public void KSPEC010_an_action_without_a_method()
    {
        Reported.Single(Valid.Replace(HbRow, "| Primary | hb | hb-claims-primary | Replica | record-view, «wave-goodbye» |"), "KSPEC010",
            "Action 'wave-goodbye' has no C# implementation: add 'void WaveGoodbye(Heartbeat hb)' to partial class MiniElector");
    }

    [Fact]
    public void KSPEC011_an_elector_name_that_is_not_a_CSharp_identifier()
    {
        Reported.Single(Valid.Replace(ElectorLine, "Elector: `«Mini-Elector»`"), "KSPEC011",
            "'Mini-Elector' is not a valid elector class name");
    }

    [Fact]
    public void KSPEC011_points_past_blanks_inside_the_elector_backticks()
    {
        Reported.Single(Valid.Replace(ElectorLine, "Elector: `  «Mini-Elector» `"), "KSPEC011",
            "'Mini-Elector' is not a valid elector class name");
    }

    [Fact]
    public void KSPEC011_a_guard_name_that_is_not_kebab_case()
    {
        Reported.Single(Valid.Replace(HbRow, "| Primary | hb | hb-claims-primary, !«HbEpochNewer» | Replica | record-view |"), "KSPEC011",
            "'HbEpochNewer' is not a valid guard name");
    }

    [Fact]
    public void KSPEC011_a_tick_stage_named_like_a_message()
    {
        Reported.Single(Valid.Replace(HeartbeatsStage, "2. `«hb»` — heartbeats go out."), "KSPEC011",
            "'hb' is not a valid tick stage name: it is a message trigger");
    }

    [Theory]
    [InlineData("Table", "the generated class declares a member named 'Table'")]
    [InlineData("Trigger", "the generated class declares a member named 'Trigger'")]
    [InlineData("OnHeartbeats", "the generated class declares a member named 'OnHeartbeats'")]
    [InlineData("Row2", "the generated class declares a member named 'Row2'")]
    [InlineData("Role", "the generated code uses the type 'Role' by that name")]
    [InlineData("Heartbeat", "the generated code uses the type 'Heartbeat' by that name")]
    [InlineData("ConsumerElectors", "it is the name of this assembly's generated catalogue")]
    public void KSPEC011_an_elector_named_like_something_the_generated_code_declares_or_uses(string name, string why)
    {
        Reported.Single(Valid.Replace(ElectorLine, $"Elector: `«{name}»`"), "KSPEC011",
            $"'{name}' is not a valid elector class name: {why}");
    }

    [Fact]
    public void KSPEC011_two_tick_stages_that_become_the_same_CSharp_name()
    {
        var spec = Valid.InsertAfter(HeartbeatsStage, "3. `a1b` — one stage.").InsertAfter("3. `a1b` — one stage.", "4. `«a-1b»` — another.");

        Reported.Single(spec, "KSPEC011",
            $"'a-1b' is not a valid tick stage name: it becomes 'A1b' in C#, as 'a1b' (line {spec.LineOf("3. `a1b` — one stage.")}) does");
    }

    [Fact]
    public void KSPEC012_a_spec_that_does_not_name_its_elector()
    {
        Reported.Single(Valid.Remove(ElectorLine), "KSPEC012",
            "'mini.spec.md' does not name its elector class", at: Top);
    }

    [Fact]
    public void KSPEC013_a_message_guard_on_a_tick_stage()
    {
        Reported.Single(Valid.Replace(HeartbeatsRow, "| * | heartbeats | «hb-claims-primary» | = | send-due-heartbeats |"), "KSPEC013",
            "Guard 'hb-claims-primary' is implemented by 'bool HbClaimsPrimary(KevySpec.Heartbeat)', which does not fit trigger 'heartbeats': expected 'bool HbClaimsPrimary()'");
    }

    [Fact]
    public void KSPEC013_an_action_used_as_a_guard()
    {
        Reported.Single(Valid.Replace(HeartbeatsRow, "| * | heartbeats | «remember-first-tick» | = | send-due-heartbeats |"), "KSPEC013",
            "Guard 'remember-first-tick' is implemented by 'void RememberFirstTick()'");
    }

    [Fact]
    public void KSPEC014_a_row_that_needs_a_guard_and_its_negation()
    {
        Reported.Single(Valid.Replace(HbRow, "| Primary | hb | «hb-epoch-newer», !hb-epoch-newer | Replica | record-view |"), "KSPEC014",
            "it needs both 'hb-epoch-newer' and '!hb-epoch-newer'");
    }

    [Fact]
    public void KSPEC015_a_state_declared_twice()
    {
        var line = Valid.LineOf(ReplicaState);

        Reported.Single(Valid.InsertAfter(PrimaryState, "| «Replica» | no | again |"), "KSPEC015",
            $"State 'Replica' is declared twice (first at line {line})");
    }

    [Fact]
    public void KSPEC015_a_second_elector_line()
    {
        var line = Valid.LineOf(ElectorLine);

        Reported.Single(Valid.InsertAfter(ElectorLine, "Elector: `«OtherElector»`"), "KSPEC015",
            $"Elector 'OtherElector' is declared twice (first at line {line})");
    }

    [Fact]
    public void KSPEC015_a_tick_stage_listed_twice()
    {
        var line = Valid.LineOf(FirstTickStage);

        Reported.Single(Valid.InsertAfter(HeartbeatsStage, "3. `«first-tick»` — again."), "KSPEC015",
            $"Tick stage 'first-tick' is declared twice (first at line {line})");
    }

    [Fact]
    public void KSPEC015_two_spec_files_that_name_the_same_elector()
    {
        var first = new InMemoryText("/consumer/spec/a.spec.md", Valid.Text);
        var second = new InMemoryText("/consumer/spec/b.spec.md", Valid.Text);

        var run = GeneratorRun.Of([second, first]);

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("KSPEC015", diagnostic.Id);
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(second.Path, span.Path);
        Assert.Equal(new LinePosition(Valid.LineOf(ElectorLine) - 1, "Elector: `".Length), span.StartLinePosition);
        Assert.Contains($"Elector 'MiniElector' is declared twice (first at line {Valid.LineOf(ElectorLine)} of a.spec.md)", diagnostic.GetMessage(), StringComparison.Ordinal);
        // The first file (in path order) still compiles; the second adds nothing.
        Assert.Equal([Compilations.CatalogFile, "MiniElector.g.cs"], run.Sources.Keys.Order(StringComparer.Ordinal));
        Assert.True(run.OutputErrors.Count == 0, GeneratorRun.Describe(run.OutputErrors));
    }

    [Fact]
    public void KSPEC016_a_spec_without_a_tick_stages_section()
    {
        Reported.Single(Valid.Replace(StagesHeading, "## Stages"), "KSPEC016",
            "'mini.spec.md' has no '## Tick stages' section", at: Top);
    }

    [Fact]
    public void KSPEC016_a_spec_without_a_states_section()
    {
        Reported.Single(Valid.Replace("## States", "## Roles"), "KSPEC016",
            "'mini.spec.md' has no '## States' section", at: Top);
    }

    [Fact]
    public void KSPEC017_a_project_that_does_not_reference_the_runtime()
    {
        Reported.Single(Valid, "KSPEC017",
            "'mini.spec.md' cannot be compiled: the KevySpec runtime (type 'KevySpec.Elector') is not referenced", at: Top, withRuntime: false);
    }

    [Fact]
    public void KSPEC018_a_tick_stage_without_a_backticked_name()
    {
        Reported.Single(Valid.Replace(HeartbeatsStage, "2. «heartbeats — heartbeats go out.»"), "KSPEC018",
            "Malformed item in '## Tick stages': expected '1. `stage-name` — what it does'");
    }

    [Fact]
    public void KSPEC018_an_invariant_without_a_backticked_name()
    {
        Reported.Single(Valid.Replace(Invariant, "- «single-primary: no two live nodes are primary at the same epoch.»"), "KSPEC018",
            "Malformed item in '## Invariants'");
    }

    [Fact]
    public void KSPEC019_an_unknown_write_fence()
    {
        Reported.Single(Valid.InsertAfter(ElectorLine, "Write fence: `«lease-quroum»`"), "KSPEC019",
            "Unknown write fence 'lease-quroum': use 'majority' (the protocol's, the default) or 'lease-quorum'");
    }

    [Fact]
    public void KSPEC015_a_second_write_fence_line()
    {
        var withFence = Valid.InsertAfter(ElectorLine, "Write fence: `majority`");
        Reported.Single(withFence.InsertAfter("Write fence: `majority`", "Write fence: `«lease-quorum»`"), "KSPEC015",
            "Write fence 'lease-quorum' is declared twice");
    }
}
