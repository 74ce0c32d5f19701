using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using KevySpec.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace KevySpec.Tests.Graph;

/// <summary>
/// Runs <see cref="SpecGenerator"/> the way the KevySpec build does — a <c>CSharpGeneratorDriver</c>
/// over spec texts, with the runtime referenced — and can compile one generated elector to read
/// its <see cref="SpecTable"/>, so a spec edited in memory can be drawn without touching the tree.
/// </summary>
internal sealed class SpecGeneratorRun
{
    /// <summary>The root namespace of the KevySpec project, which the real build passes to the generator.</summary>
    public const string BuildNamespace = "KevySpec";

    private static readonly CSharpParseOptions ParseOptions = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);

    // The running test host's assemblies: the framework, KevySpec and Stateless, exactly as built.
    private static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(() =>
        [.. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Order(StringComparer.Ordinal)
            .Select(path => MetadataReference.CreateFromFile(path))]);

    private SpecGeneratorRun(IReadOnlyDictionary<string, string> sources, IReadOnlyList<Diagnostic> diagnostics)
    {
        Sources = sources;
        Diagnostics = diagnostics;
    }

    /// <summary>The generated files by hint name, e.g. <c>ReferenceElector.g.cs</c>.</summary>
    public IReadOnlyDictionary<string, string> Sources { get; }

    /// <summary>What the generator reported (KSPEC diagnostics) and driver errors.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>The generated source of <paramref name="electorClass"/>, failing the test with the diagnostics when there is none.</summary>
    public string SourceOf(string electorClass) =>
        Sources.TryGetValue(electorClass + ".g.cs", out var source)
            ? source
            : throw new Xunit.Sdk.XunitException($"the generator emitted no {electorClass}.g.cs; it emitted [{string.Join(", ", Sources.Keys)}] and reported:\n{Describe(Diagnostics)}");

    /// <summary>Runs the generator over every <c>spec/*.spec.md</c>, as the KevySpec build does.</summary>
    public static SpecGeneratorRun OfRepositorySpecs() =>
        Of(RepoFiles.Specs().Select(path => (path, File.ReadAllText(path))));

    /// <summary>Runs the generator over <paramref name="specs"/> (path, text) with <paramref name="rootNamespace"/>.</summary>
    public static SpecGeneratorRun Of(IEnumerable<(string Path, string Text)> specs, string rootNamespace = BuildNamespace)
    {
        var compilation = CSharpCompilation.Create("SpecConsumer", [], References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new SpecGenerator().AsSourceGenerator()],
            additionalTexts: [.. specs.Select(s => (AdditionalText)new SpecText(s.Path, s.Text))],
            parseOptions: ParseOptions,
            optionsProvider: new RootNamespaceOption(rootNamespace));
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out _, out var driverDiagnostics);
        var result = driver.GetRunResult();
        return new SpecGeneratorRun(
            result.Results.SelectMany(r => r.GeneratedSources).ToDictionary(s => s.HintName, s => s.SourceText.ToString()),
            [.. driverDiagnostics, .. result.Diagnostics]);
    }

    /// <summary>
    /// Compiles generated elector source (generated with a root namespace other than
    /// <see cref="BuildNamespace"/>, so it does not clash with the built elector) and returns its table.
    /// </summary>
    public static SpecTable CompileTable(string source, string typeName)
    {
        var compilation = CSharpCompilation.Create("GraphScratch",
            [CSharpSyntaxTree.ParseText(source, ParseOptions, path: "Generated.g.cs", encoding: Encoding.UTF8)],
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        if (!emitted.Success)
            throw new Xunit.Sdk.XunitException("the generated elector does not compile:\n" + Describe(emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        image.Position = 0;
        var context = new AssemblyLoadContext("GraphScratch", isCollectible: true);
        try
        {
            var type = context.LoadFromStream(image).GetType(typeName)
                ?? throw new Xunit.Sdk.XunitException($"the compiled source has no type {typeName}");
            return (SpecTable)type.GetProperty("Table", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        }
        finally
        {
            context.Unload();
        }
    }

    public static string Describe(IEnumerable<Diagnostic> diagnostics) => string.Join("\n", diagnostics.Select(d => d.ToString()));

    private sealed class SpecText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text, Encoding.UTF8);
    }

    /// <summary>The <c>build_property.RootNamespace</c> the KevySpec project makes visible to the generator.</summary>
    private sealed class RootNamespaceOption(string rootNamespace) : AnalyzerConfigOptionsProvider
    {
        private static readonly AnalyzerConfigOptions None = new Options(new Dictionary<string, string>());

        public override AnalyzerConfigOptions GlobalOptions { get; } =
            new Options(new Dictionary<string, string> { ["build_property.RootNamespace"] = rootNamespace });

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => None;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => None;

        private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) =>
                values.TryGetValue(key, out value);
        }
    }
}
