using KevySpec.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace KevySpec.Generators.Tests;

/// <summary>
/// The pipeline does work only when its inputs change: editing C# elsewhere in the project must
/// not re-parse, re-check or re-emit a spec; editing the spec must.
/// </summary>
public sealed class IncrementalityTests
{
    private const string Unrelated = "namespace Consumer; public static class Unrelated { public static int Value => 1; }";

    private static readonly string[] CheckedSteps = [SpecGenerator.Steps.Parse, SpecGenerator.Steps.Compile, SpecGenerator.Steps.Collect];

    private readonly InMemoryText _spec = new(Repo.ElectionSpecPath, Repo.ElectionSpecText);
    private readonly CSharpCompilation _compilation = Compilations.Create([Unrelated]);

    [Fact]
    public void Editing_and_adding_unrelated_CSharp_leaves_every_step_cached()
    {
        var (driver, first) = Run(GeneratorRun.CreateDriver([_spec], trackSteps: true), _compilation);

        var edited = _compilation
            .ReplaceSyntaxTree(_compilation.SyntaxTrees[0], Parse(Unrelated.Replace("=> 1", "=> 2")))
            .AddSyntaxTrees(Parse("namespace Consumer; internal sealed class Another { }"));
        var (_, second) = Run(driver, edited);

        foreach (var step in CheckedSteps) AssertReasons(second, step, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertReasons(second, SpecGenerator.Steps.Vocabulary, IncrementalStepRunReason.Unchanged);
        AssertNoNewSource(first, second);
    }

    [Fact]
    public void A_new_method_on_a_partial_elector_rechecks_the_spec_but_emits_nothing_new()
    {
        var (driver, first) = Run(GeneratorRun.CreateDriver([_spec], trackSteps: true), _compilation);

        var edited = _compilation.AddSyntaxTrees(Parse("namespace Consumer; partial class ReferenceElector { private int Helper() => 0; }"));
        var (_, second) = Run(driver, edited);

        AssertReasons(second, SpecGenerator.Steps.Vocabulary, IncrementalStepRunReason.Modified);
        AssertReasons(second, SpecGenerator.Steps.Parse, IncrementalStepRunReason.Cached);
        AssertReasons(second, SpecGenerator.Steps.Compile, IncrementalStepRunReason.Unchanged);
        AssertReasons(second, SpecGenerator.Steps.Collect, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertNoNewSource(first, second);
    }

    [Fact]
    public void Editing_the_spec_reparses_it_and_regenerates()
    {
        var (driver, first) = Run(GeneratorRun.CreateDriver([_spec], trackSteps: true), _compilation);

        const string claim = "at most one node wins or announces itself in any epoch.";
        Assert.Contains(claim, _spec.GetText().ToString(), StringComparison.Ordinal);
        var changed = new InMemoryText(_spec.Path, _spec.GetText().ToString().Replace(claim, "no two nodes win the same epoch."));
        var (_, second) = Run(driver.ReplaceAdditionalText(_spec, changed), _compilation);

        AssertReasons(second, SpecGenerator.Steps.Parse, IncrementalStepRunReason.Modified);
        AssertReasons(second, SpecGenerator.Steps.Compile, IncrementalStepRunReason.Modified);
        var elector = second.GeneratedSources.Single(s => s.HintName == "ReferenceElector.g.cs").SourceText.ToString();
        Assert.Contains("\"no two nodes win the same epoch.\"", elector, StringComparison.Ordinal);
        Assert.DoesNotContain(claim, elector, StringComparison.Ordinal);
        Assert.NotEqual(first.GeneratedSources.Single(s => s.HintName == "ReferenceElector.g.cs").SourceText.ToString(), elector);
    }

    [Fact]
    public void Appending_prose_after_the_tables_changes_nothing_downstream()
    {
        var (driver, first) = Run(GeneratorRun.CreateDriver([_spec], trackSteps: true), _compilation);

        var changed = new InMemoryText(_spec.Path, _spec.GetText().ToString() + "\nA closing remark that no table holds.\n");
        var (_, second) = Run(driver.ReplaceAdditionalText(_spec, changed), _compilation);

        AssertReasons(second, SpecGenerator.Steps.Parse, IncrementalStepRunReason.Unchanged);
        AssertReasons(second, SpecGenerator.Steps.Compile, IncrementalStepRunReason.Cached);
        AssertNoNewSource(first, second);
    }

    private static (GeneratorDriver Driver, GeneratorRunResult Result) Run(GeneratorDriver driver, Compilation compilation)
    {
        driver = driver.RunGenerators(compilation);
        var result = driver.GetRunResult().Results.Single();
        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics);
        return (driver, result);
    }

    private static SyntaxTree Parse(string source) => CSharpSyntaxTree.ParseText(source, Compilations.ParseOptions);

    private static void AssertReasons(GeneratorRunResult result, string step, params IncrementalStepRunReason[] allowed)
    {
        Assert.True(result.TrackedSteps.TryGetValue(step, out var runs), $"step {step} was not tracked; tracked: {string.Join(", ", result.TrackedSteps.Keys)}");
        var reasons = runs.SelectMany(r => r.Outputs).Select(o => o.Reason).ToList();
        Assert.NotEmpty(reasons);
        Assert.True(reasons.All(allowed.Contains), $"step {step}: {string.Join(", ", reasons)}; expected only {string.Join(" or ", allowed)}");
    }

    private static void AssertNoNewSource(GeneratorRunResult first, GeneratorRunResult second)
    {
        var outputs = second.TrackedOutputSteps.SelectMany(kv => kv.Value).SelectMany(r => r.Outputs).Select(o => o.Reason).ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
        Assert.Equal(
            first.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())),
            second.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())));
    }
}
