using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace KevySpec.Generators.Tests.Infrastructure;

/// <summary>One run of <see cref="SpecGenerator"/> over a consumer compilation, and what came out.</summary>
internal sealed class GeneratorRun
{
    private GeneratorRun(GeneratorDriver driver, Compilation output, ImmutableArray<Diagnostic> driverDiagnostics)
    {
        Driver = driver;
        Output = output;
        Result = driver.GetRunResult().Results.Single();
        DriverDiagnostics = driverDiagnostics;
    }

    /// <summary>The driver after the run: run it again to test incrementality.</summary>
    public GeneratorDriver Driver { get; }

    /// <summary>The consumer compilation with the generated sources added.</summary>
    public Compilation Output { get; }

    public GeneratorRunResult Result { get; }

    /// <summary>Diagnostics of the driver itself, such as CS8785 when a generator throws.</summary>
    public ImmutableArray<Diagnostic> DriverDiagnostics { get; }

    /// <summary>What the generator reported (the KSPEC diagnostics).</summary>
    public ImmutableArray<Diagnostic> Diagnostics => Result.Diagnostics;

    /// <summary>Generated files by hint name.</summary>
    public IReadOnlyDictionary<string, string> Sources =>
        Result.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());

    /// <summary>Errors of the output compilation (the consumer's code plus the generated code).</summary>
    public IReadOnlyList<Diagnostic> OutputErrors =>
        [.. Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error)];

    /// <summary>Runs the generator over <paramref name="specs"/> and the C# <paramref name="sources"/>.</summary>
    public static GeneratorRun Of(
        IEnumerable<AdditionalText> specs,
        IEnumerable<string>? sources = null,
        bool withRuntime = true,
        string? rootNamespace = Compilations.RootNamespace,
        bool trackSteps = false)
    {
        var compilation = Compilations.Create(sources ?? [], withRuntime);
        var driver = CreateDriver(specs, rootNamespace, trackSteps);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return new GeneratorRun(driver, output, diagnostics);
    }

    public static GeneratorRun Of(string specPath, string specText, IEnumerable<string>? sources = null, bool withRuntime = true) =>
        Of([new InMemoryText(specPath, specText)], sources, withRuntime);

    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> specs, string? rootNamespace = Compilations.RootNamespace, bool trackSteps = false) =>
        CSharpGeneratorDriver.Create(
            [new SpecGenerator().AsSourceGenerator()],
            additionalTexts: specs,
            parseOptions: Compilations.ParseOptions,
            optionsProvider: BuildProperties.WithRootNamespace(rootNamespace),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Every diagnostic, one a line, for failure messages.</summary>
    public static string Describe(IEnumerable<Diagnostic> diagnostics) =>
        string.Join(Environment.NewLine, diagnostics.Select(d => d.ToString()));
}
