using ApprovalTests.Reporters;
using KevySpec.Graph;
using KevySpec.Tests.TestSupport;

namespace KevySpec.Tests.Graph;

/// <summary>
/// The review surface of a protocol change: for every generated elector (a spec added to spec/
/// is picked up by itself), its DOT graph, its Markdown+Mermaid document and the C# the
/// generator emits are approved files. Changing a spec row changes them; the diff is the review.
/// </summary>
[UseReporter(typeof(QuietReporter))]
public sealed class TransitionGraphSnapshotTests
{
    public static TheoryData<string> Specs => [.. KevySpecElectors.All.Select(e => e.Name)];

    [Theory]
    [MemberData(nameof(Specs))]
    public void Dot(string spec) =>
        Snapshot.Verify(TransitionGraph.ToDot(Elector(spec).Table), ".dot", spec);

    [Theory]
    [MemberData(nameof(Specs))]
    public void Markdown(string spec) =>
        Snapshot.Verify(TransitionGraph.ToMarkdown(Elector(spec).Table), ".md", spec);

    [Theory]
    [MemberData(nameof(Specs))]
    public void GeneratedSource(string spec)
    {
        var run = SpecGeneratorRun.OfRepositorySpecs();
        Assert.True(run.Diagnostics.Count == 0, SpecGeneratorRun.Describe(run.Diagnostics));
        Snapshot.Verify(run.SourceOf(Elector(spec).Table.Elector), ".cs", spec);
    }

    [Fact]
    public void Every_spec_file_is_a_generated_elector()
    {
        // A spec that fails to compile would silently drop out of the theories above.
        NameSets.AssertSame(RepoFiles.Specs().Select(f => Path.GetFileName(f)), KevySpecElectors.All.Select(e => e.Table.File),
            "spec/*.spec.md files (expected) and generated electors' spec files (actual)");
    }

    [Fact]
    public void Exactly_the_approved_snapshots_of_the_current_specs_exist_lf_only_without_bom()
    {
        // A stale snapshot (spec removed or renamed) would otherwise linger unreviewed.
        var expected = KevySpecElectors.All
            .SelectMany(e => new[] { $"{nameof(Dot)}.ForScenario.{e.Name}.approved.dot", $"{nameof(Markdown)}.ForScenario.{e.Name}.approved.md", $"{nameof(GeneratedSource)}.ForScenario.{e.Name}.approved.cs" })
            .Select(name => $"{nameof(TransitionGraphSnapshotTests)}.{name}");
        var approved = Directory.GetFiles(RepoFiles.GraphTests, "*.approved.*");
        // Missing: a new spec whose first snapshots are not accepted yet; unexpected: left over from a removed spec.
        NameSets.AssertSame(expected, approved.Select(f => Path.GetFileName(f)),
            $"approved snapshots of the current specs (expected) and those in {RepoFiles.Relative(RepoFiles.GraphTests)} (actual)");
        foreach (var file in approved)
        {
            var bytes = File.ReadAllBytes(file);
            Assert.False(bytes.Contains((byte)'\r'), $"{RepoFiles.Relative(file)} has a CR: accept snapshots only through the tests");
            Assert.False(bytes is [0xEF, 0xBB, 0xBF, ..], $"{RepoFiles.Relative(file)} starts with a BOM");
        }
    }

    private static ElectorDefinition Elector(string spec) =>
        KevySpecElectors.Find(spec) ?? throw new Xunit.Sdk.XunitException($"no generated elector '{spec}'");
}
