using KevySpec.Generators.Model;
using KevySpec.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using static KevySpec.Generators.Tests.Infrastructure.MiniSpec;

namespace KevySpec.Generators.Tests;

/// <summary>
/// The assembly's catalogue of electors: named for the assembly, so a consumer can open its own
/// namespace and <c>KevySpec</c> together; and emitted so that a spec with KSPEC errors leaves
/// nothing behind that fails to compile.
/// </summary>
public sealed class CatalogueTests
{
    // Uses both catalogues, both electors and a runtime type by their simple names.
    private const string BothNamespacesOpen = """
        using Consumer;
        using KevySpec;

        namespace Consumer.App;

        public static class Uses
        {
            public static ElectorDefinition? Mine => ConsumerElectors.Find("mini");
            public static ElectorDefinition? Package => KevySpecElectors.Find("election");
            public static int Count => ConsumerElectors.All.Count;
            public static string Names => nameof(MiniElector) + " " + nameof(ReferenceElector);
        }
        """;

    [Theory]
    [InlineData("KevySpec", "KevySpecElectors")]
    [InlineData("TinyConsumer", "TinyConsumerElectors")]
    [InlineData("KevySpec.BrokenSpecs", "KevySpecBrokenSpecsElectors")]
    [InlineData("my.service-api", "MyServiceApiElectors")]
    [InlineData("1st", "Spec1stElectors")]
    [InlineData("", "SpecElectors")]
    [InlineData(null, "SpecElectors")]
    public void The_catalogue_is_named_for_the_assembly(string? assemblyName, string catalogName)
    {
        Assert.Equal(catalogName, OutputTarget.CatalogNameFor(assemblyName));
    }

    [Fact]
    public void A_consumer_with_its_namespace_and_KevySpec_open_compiles_without_ambiguity()
    {
        var run = GeneratorRun.Of(MiniSpec.Path, Valid.Text, [BothNamespacesOpen]);

        Assert.True(run.Diagnostics.IsEmpty, GeneratorRun.Describe(run.Diagnostics));
        Assert.True(run.OutputErrors.Count == 0, GeneratorRun.Describe(run.OutputErrors));
        var uses = Emitted.Load(run.Output).GetType("Consumer.App.Uses", throwOnError: true)!;
        Assert.Equal("mini", ((ElectorDefinition)uses.GetProperty("Mine")!.GetValue(null)!).Name);
        Assert.Equal("election", ((ElectorDefinition)uses.GetProperty("Package")!.GetValue(null)!).Name);
    }

    [Fact]
    public void A_spec_with_a_KSPEC_error_yields_only_KSPEC_diagnostics()
    {
        var broken = Valid.Replace(HbRow, "| Primary | hb | hb-claims-primary, leader-alive | Replica | record-view |");
        // The consumer's code names its namespace and catalogue, but not the elector that failed.
        var run = GeneratorRun.Of(MiniSpec.Path, broken.Text, [BothNamespacesOpen.Replace("nameof(MiniElector)", "\"MiniElector\"")]);

        Assert.Equal(["KSPEC009"], run.Diagnostics.Select(d => d.Id));
        Assert.True(run.OutputErrors.Count == 0, GeneratorRun.Describe(run.OutputErrors));
        Assert.Equal([Compilations.CatalogFile], run.Sources.Keys);
        var uses = Emitted.Load(run.Output).GetType("Consumer.App.Uses", throwOnError: true)!;
        Assert.Equal(0, uses.GetProperty("Count")!.GetValue(null));
    }

    [Fact]
    public void A_broken_spec_beside_a_good_one_leaves_the_good_one_in_the_catalogue()
    {
        var good = new InMemoryText("/consumer/spec/mini.spec.md", Valid.Text);
        var bad = new InMemoryText("/consumer/spec/other.spec.md",
            Valid.Replace(ElectorLine, "Elector: `OtherElector`").Replace(HbRow, "| Primary | hb | leader-alive | Replica | record-view |").Text);

        var run = GeneratorRun.Of([good, bad]);

        Assert.Equal(["KSPEC009"], run.Diagnostics.Select(d => d.Id));
        Assert.True(run.OutputErrors.Count == 0, GeneratorRun.Describe(run.OutputErrors));
        Assert.Equal([Compilations.CatalogFile, "MiniElector.g.cs"], run.Sources.Keys.Order(StringComparer.Ordinal));
        Assert.DoesNotContain("OtherElector", run.Sources[Compilations.CatalogFile], StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_runtime_only_the_KSPEC_error_and_nothing_generated()
    {
        var run = GeneratorRun.Of(MiniSpec.Path, Valid.Text, withRuntime: false);

        Assert.Equal(["KSPEC017"], run.Diagnostics.Select(d => d.Id));
        Assert.Empty(run.Sources);
        Assert.True(run.OutputErrors.Count == 0, GeneratorRun.Describe(run.OutputErrors));
    }

    [Fact]
    public void A_project_without_specs_gets_no_catalogue()
    {
        var run = GeneratorRun.Of([]);

        Assert.Empty(run.Sources);
        Assert.Empty(run.Diagnostics);
    }
}
