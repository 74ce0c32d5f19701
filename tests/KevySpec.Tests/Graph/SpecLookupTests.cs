namespace KevySpec.Tests.Graph;

public sealed class SpecLookupTests
{
    [Theory]
    [InlineData("election")]
    [InlineData("election.spec.md")]
    [InlineData("spec/election.spec.md")]
    [InlineData("../kevyspec/spec/election.spec.md")]
    public void Finds_the_reference_elector_by_name_or_spec_path(string nameOrPath)
    {
        var found = SpecLookup.Find(nameOrPath);
        Assert.Same(ReferenceElector.Definition, found.Elector);
        Assert.Null(found.Error);
    }

    [Fact]
    public void Finds_every_generated_elector_by_its_name_and_its_file()
    {
        foreach (var definition in KevySpecElectors.All)
        {
            Assert.Same(definition, SpecLookup.Find(definition.Name).Elector);
            Assert.Same(definition, SpecLookup.Find(Path.Combine("spec", definition.Table.File)).Elector);
        }
    }

    [Fact]
    public void An_unknown_name_gets_one_line_listing_the_known_specs()
    {
        var (found, error) = SpecLookup.Find("electoin");
        Assert.Null(found);
        Assert.Equal($"unknown spec 'electoin'; known specs: {Known()}", error);
        Assert.DoesNotContain('\n', error!);
    }

    [Fact]
    public void A_spec_path_that_is_not_compiled_in_says_so()
    {
        var (found, error) = SpecLookup.Find("spec/new-idea.spec.md");
        Assert.Null(found);
        Assert.Equal($"spec file 'spec/new-idea.spec.md' is not compiled into this build (only its file name is matched); known specs: {Known()}", error);
    }

    [Fact]
    public void A_name_is_not_mistaken_for_a_file()
    {
        // "election.md" is neither a spec name nor a .spec.md path.
        var (found, error) = SpecLookup.Find("election.md");
        Assert.Null(found);
        Assert.StartsWith("unknown spec 'election.md'", error);
    }

    private static string Known() => string.Join(", ", KevySpecElectors.All.Select(d => $"{d.Name} ({d.Table.File})"));
}
