using System.Reflection;
using System.Text.RegularExpressions;
using KevySpec.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KevySpec.Generators.Tests;

/// <summary>
/// What the generated elector says about its spec: Stateless guard descriptions carry the
/// <c>when</c> text, and <c>Table</c> carries every row with the line it stands on.
/// </summary>
public sealed class GeneratedShapeTests
{
    private static readonly string SpecText = Repo.ElectionSpecText;
    private static readonly IReadOnlyList<ScannedRow> Rows = SpecRows.Scan(SpecText);
    private static readonly GeneratorRun Run = GeneratorRun.Of(Repo.ElectionSpecPath, SpecText);
    private static readonly Lazy<Assembly> Loaded = new(() => Emitted.Load(Run.Output));

    [Fact]
    public void The_scan_finds_the_election_table()
    {
        Assert.True(Rows.Count >= 10, $"only {Rows.Count} rows found in {Repo.ElectionSpecPath}");
    }

    [Fact]
    public void Every_guarded_rows_when_text_is_a_stateless_guard_description_in_the_source()
    {
        var source = Run.Sources["ReferenceElector.g.cs"];

        foreach (var row in Rows)
        {
            var description = row.When.Length == 0 ? "always" : row.When;
            var literal = SymbolDisplay.FormatLiteral(description, quote: true);
            Assert.True(source.Contains($", {literal})", StringComparison.Ordinal),
                $"line {row.Line}: no guard description {literal} in the generated source");
        }
    }

    [Fact]
    public void The_stateless_machine_reports_every_rows_when_text()
    {
        var elector = Emitted.Create(Loaded.Value, $"{Compilations.RootNamespace}.ReferenceElector");
        var info = (Stateless.Reflection.StateMachineInfo)elector.GetType().GetMethod("GetInfo")!.Invoke(elector, null)!;

        var described = info.States
            .SelectMany(state => state.FixedTransitions.Select(t => (State: state.UnderlyingState.ToString() ?? "", Trigger: t.Trigger.UnderlyingTrigger.ToString() ?? "",
                Guards: string.Join(" & ", t.GuardConditionsMethodDescriptions.Select(g => g.Description)))))
            .ToList();
        foreach (var row in Rows)
        {
            var description = row.When.Length == 0 ? "always" : row.When;
            var states = row.From == "*" ? ["Replica", "Candidate", "Primary"] : new[] { row.From };
            foreach (var state in states)
            {
                Assert.True(described.Any(d => d.State == state && d.Guards == description && Matches(d.Trigger, row.On)),
                    $"line {row.Line}: state {state} has no '{row.On}' transition described as '{description}'");
            }
        }
    }

    [Fact]
    public void The_stateless_configuration_runs_no_row_action()
    {
        // The On* methods run every row; the machine only changes the role, so its configuration
        // must not name a row method it would never call.
        var tree = Run.Output.SyntaxTrees.Single(t => t.FilePath.EndsWith("ReferenceElector.g.cs", StringComparison.Ordinal));
        var configure = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>()
            .Single(m => m.Identifier.Text == "ConfigureMachine");
        var rowCalls = configure.DescendantNodes().OfType<IdentifierNameSyntax>()
            .Where(name => Regex.IsMatch(name.Identifier.Text, @"^Row\d+$"))
            .Select(name => name.Identifier.Text)
            .ToList();

        Assert.True(rowCalls.Count == 0, $"ConfigureMachine names {string.Join(", ", rowCalls)}");
        Assert.Contains(".InternalTransitionIf(", configure.ToString(), StringComparison.Ordinal); // still described
        Assert.Contains(".PermitIf(", configure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_table_lists_every_row_with_its_spec_line()
    {
        var table = TableOf(Loaded.Value);

        Assert.Equal(Rows.Count, table.Rows.Count);
        foreach (var (row, generated) in Rows.Zip(table.Rows))
        {
            Assert.Equal(row.Line, generated.Line);
            Assert.Equal(row.From == "*" ? null : Enum.Parse<Role>(row.From), generated.From);
            Assert.Equal(row.On, generated.On);
            Assert.Equal(row.When, generated.WhenText);
            Assert.Equal(row.To == "=" ? null : Enum.Parse<Role>(row.To), generated.To);
            Assert.Equal(row.Do, generated.DoText);
        }
    }

    [Fact]
    public void Line_numbers_do_not_depend_on_line_endings()
    {
        var crlf = SpecText.ReplaceLineEndings("\r\n");
        var run = GeneratorRun.Of(Repo.ElectionSpecPath, crlf);
        Assert.Empty(run.Diagnostics);

        var table = TableOf(Emitted.Load(run.Output));

        Assert.Equal(SpecRows.Scan(crlf).Select(r => r.Line), table.Rows.Select(r => r.Line));
        Assert.Equal(Rows.Select(r => r.Line), table.Rows.Select(r => r.Line));
    }

    [Fact]
    public void The_table_lists_every_invariant_with_its_spec_line()
    {
        var table = TableOf(Loaded.Value);
        var lines = SpecText.Split('\n');

        Assert.NotEmpty(table.Invariants);
        foreach (var invariant in table.Invariants)
            Assert.StartsWith($"- `{invariant.Name}` — {invariant.Text}", lines[invariant.Line - 1], StringComparison.Ordinal);
    }

    private static SpecTable TableOf(Assembly assembly) =>
        (SpecTable)assembly.GetType($"{Compilations.RootNamespace}.ReferenceElector", throwOnError: true)!
            .GetProperty("Table", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

    /// <summary>A trigger enum member (<c>StartElection</c>) against a spec trigger (<c>start-election</c>).</summary>
    private static bool Matches(string enumMember, string specTrigger) =>
        string.Equals(enumMember, specTrigger.Replace("-", ""), StringComparison.OrdinalIgnoreCase);
}
