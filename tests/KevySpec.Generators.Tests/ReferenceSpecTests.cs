using KevySpec.Generators.Tests.Infrastructure;

namespace KevySpec.Generators.Tests;

/// <summary>The repository's own spec, <c>spec/election.spec.md</c>, compiled in memory.</summary>
public sealed class ReferenceSpecTests
{
    private static readonly GeneratorRun Run = GeneratorRun.Of(Repo.ElectionSpecPath, Repo.ElectionSpecText);

    [Fact]
    public void The_election_spec_generates_the_reference_elector_and_the_catalog()
    {
        Assert.Equal([Compilations.CatalogFile, "ReferenceElector.g.cs"], Run.Sources.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_election_spec_has_no_diagnostics()
    {
        Assert.True(Run.Diagnostics.IsEmpty, GeneratorRun.Describe(Run.Diagnostics));
        Assert.True(Run.DriverDiagnostics.IsEmpty, GeneratorRun.Describe(Run.DriverDiagnostics));
        Assert.Null(Run.Result.Exception);
    }

    [Fact]
    public void The_generated_code_compiles_against_the_runtime()
    {
        Assert.True(Run.OutputErrors.Count == 0, GeneratorRun.Describe(Run.OutputErrors));
    }

    [Fact]
    public void The_generated_elector_lives_in_the_consumers_root_namespace()
    {
        var type = Run.Output.GetTypeByMetadataName($"{Compilations.RootNamespace}.ReferenceElector");
        Assert.NotNull(type);
        Assert.Equal("KevySpec.Elector", type.BaseType?.ToDisplayString());
        Assert.NotNull(Run.Output.GetTypeByMetadataName($"{Compilations.RootNamespace}.{Compilations.CatalogName}"));
    }

    [Fact]
    public void Every_spec_in_the_repository_compiles_alongside_the_others()
    {
        var specs = Directory.GetFiles(Path.Combine(Repo.Root, "spec"), "*.spec.md").Order(StringComparer.Ordinal)
            .Select(path => new InMemoryText(path, File.ReadAllText(path))).ToList();

        var run = GeneratorRun.Of(specs);

        Assert.True(run.Diagnostics.IsEmpty, GeneratorRun.Describe(run.Diagnostics));
        Assert.Equal(specs.Count + 1, run.Sources.Count); // one elector each, plus the catalog
        Assert.True(run.OutputErrors.Count == 0, GeneratorRun.Describe(run.OutputErrors));
    }

    [Fact]
    public void Without_a_root_namespace_the_generated_code_uses_the_fallback()
    {
        var run = GeneratorRun.Of([new InMemoryText(Repo.ElectionSpecPath, Repo.ElectionSpecText)], rootNamespace: null);

        Assert.NotNull(run.Output.GetTypeByMetadataName("KevySpec.Generated.ReferenceElector"));
        Assert.True(run.OutputErrors.Count == 0, GeneratorRun.Describe(run.OutputErrors));
    }
}
