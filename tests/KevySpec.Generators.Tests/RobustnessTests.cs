using KevySpec.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace KevySpec.Generators.Tests;

/// <summary>
/// Whatever a spec file holds, the generator never throws: it reports diagnostics (and
/// generates no elector) or generates code that compiles, and whatever it generates compiles.
/// Seeded; a failure names its seed.
/// </summary>
public sealed class RobustnessTests
{
    private const int Seeds = 300;
    private const string SpecPath = "/consumer/spec/fuzz.spec.md";

    // One consumer compilation for all runs: only the spec changes.
    private static readonly Compilation Consumer = Compilations.Create([]);

    // Generated code already seen to compile (shared by the tests, which may run in parallel).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> CompiledTexts = new();

    private readonly ITestOutputHelper _output;

    public RobustnessTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Random_bytes_as_a_spec() => Check(nameof(GarbageSpecs.RandomBytes), GarbageSpecs.RandomBytes);

    [Fact]
    public void Random_markdown_lines_as_a_spec() => Check(nameof(GarbageSpecs.MarkdownLines), GarbageSpecs.MarkdownLines);

    // The inputs below are near enough to real specs that both outcomes must occur: otherwise
    // the "compiles" half of the claim would go untested.

    [Fact]
    public void Random_well_formed_tables_as_a_spec() =>
        AssertBothOutcomes(Check(nameof(GarbageSpecs.RandomTables), GarbageSpecs.RandomTables));

    [Fact]
    public void Truncations_of_the_election_spec()
    {
        var spec = Repo.ElectionSpecText;
        AssertBothOutcomes(Check(nameof(GarbageSpecs.Truncation), seed => GarbageSpecs.Truncation(spec, seed)));
    }

    [Fact]
    public void Line_shuffles_of_the_election_spec()
    {
        var spec = Repo.ElectionSpecText;
        AssertBothOutcomes(Check(nameof(GarbageSpecs.Shuffle), seed => GarbageSpecs.Shuffle(spec, seed)));
    }

    private static void AssertBothOutcomes(int compiled) => Assert.InRange(compiled, 1, Seeds - 1);

    /// <returns>How many seeds gave code (the rest gave diagnostics).</returns>
    private int Check(string kind, Func<int, string> make)
    {
        var compiled = 0;
        for (var seed = 0; seed < Seeds; seed++)
        {
            var text = make(seed);
            try
            {
                if (CheckOne(text)) compiled++;
            }
            catch (Exception e)
            {
                var shown = text.Length > 4000 ? text[..4000] + "…" : text;
                throw new XunitException($"{kind} seed {seed}: {e.Message}\n--- spec ({text.Length} chars) ---\n{shown}");
            }
        }
        _output.WriteLine($"{kind}: {Seeds} seeds, {compiled} compiled, {Seeds - compiled} diagnosed; {CompiledTexts.Count} distinct outputs so far");
        return compiled;
    }

    /// <returns>True when the spec compiled into code, false when it was diagnosed.</returns>
    private static bool CheckOne(string text)
    {
        var driver = GeneratorRun.CreateDriver([new InMemoryText(SpecPath, text)])
            .RunGeneratorsAndUpdateCompilation(Consumer, out var output, out var driverDiagnostics);
        var result = driver.GetRunResult().Results.Single();

        if (result.Exception is not null) throw new XunitException($"the generator threw: {result.Exception}");
        var failed = driverDiagnostics.Where(d => d.Id == "CS8785").ToList();
        if (failed.Count > 0) throw new XunitException($"generator failed: {GeneratorRun.Describe(failed)}");

        AssertCompiles(result, output);
        if (result.Diagnostics.IsEmpty)
        {
            if (result.GeneratedSources.Length < 2) throw new XunitException("no diagnostics, yet no elector generated");
            return true;
        }

        if (result.GeneratedSources.Any(s => s.HintName != Compilations.CatalogFile))
            throw new XunitException($"diagnostics, yet an elector was generated:\n{GeneratorRun.Describe(result.Diagnostics)}");
        var source = SourceText.From(text);
        foreach (var diagnostic in result.Diagnostics)
        {
            var span = diagnostic.Location.GetLineSpan();
            if (span.Path != SpecPath || span.StartLinePosition.Line >= Math.Max(1, source.Lines.Count) || diagnostic.Location.SourceSpan.Start > text.Length)
                throw new XunitException($"diagnostic outside the spec: {diagnostic}");
            if (!diagnostic.Id.StartsWith("KSPEC", StringComparison.Ordinal))
                throw new XunitException($"not a spec diagnostic: {diagnostic}");
        }
        return false;
    }

    private static void AssertCompiles(GeneratorRunResult result, Compilation output)
    {
        // Many inputs generate the same code (a truncation past the tables, say): compile each text once.
        var generated = string.Join("\n", result.GeneratedSources.Select(s => s.SourceText.ToString()));
        if (CompiledTexts.ContainsKey(generated)) return;
        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0) throw new XunitException($"the generated code does not compile:\n{GeneratorRun.Describe(errors)}");
        CompiledTexts.TryAdd(generated, true);
    }
}
