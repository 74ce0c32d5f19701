using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using KevySpec.Generators.Analysis;
using KevySpec.Generators.Diagnostics;
using KevySpec.Generators.Emit;
using KevySpec.Generators.Model;
using KevySpec.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace KevySpec.Generators;

/// <summary>
/// Compiles every <c>*.spec.md</c> additional file into a Stateless-based elector class, and
/// reports spec mistakes as <c>KSPEC</c> diagnostics located in the Markdown.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class SpecGenerator : IIncrementalGenerator
{
    /// <summary>Tracking names of the pipeline steps (tests check that they cache).</summary>
    public static class Steps
    {
        public const string Parse = nameof(Parse);
        public const string Target = nameof(Target);
        public const string Vocabulary = nameof(Vocabulary);
        public const string Compile = nameof(Compile);
        public const string Collect = nameof(Collect);
    }

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var specs = context.AdditionalTextsProvider
            .Where(static file => file.Path.EndsWith(".spec.md", System.StringComparison.OrdinalIgnoreCase))
            .Select(static (file, ct) => SpecParser.Parse(file.Path, file.GetText(ct) ?? SourceText.From(""), ct))
            .WithTrackingName(Steps.Parse);

        var target = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => options.GlobalOptions.TryGetValue("build_property.RootNamespace", out var ns) ? ns : null)
            .Combine(context.CompilationProvider.Select(static (compilation, _) => compilation.AssemblyName))
            .Select(static (input, _) => OutputTarget.From(input.Left, input.Right))
            .WithTrackingName(Steps.Target);

        // Only the names matter to the vocabulary step: a spec edit that keeps them leaves it cached.
        var electorNames = specs
            .Select(static (parsed, _) => parsed.Document.ElectorName?.Text ?? "")
            .Collect();

        var vocabulary = context.CompilationProvider
            .Combine(electorNames)
            .Select(static (input, ct) => Vocabulary.From(input.Left, input.Right, ct))
            .WithTrackingName(Steps.Vocabulary);

        var outcomes = specs
            .Combine(target)
            .Combine(vocabulary)
            .Select(static (input, _) => SpecCompiler.Compile(input.Left.Left, input.Left.Right, input.Right))
            .WithTrackingName(Steps.Compile);

        var all = outcomes.Collect()
            .Combine(target)
            .Combine(vocabulary.Select(static (v, _) => v.HasRuntime))
            .WithTrackingName(Steps.Collect);

        context.RegisterSourceOutput(all, static (spc, input) => Emit(spc, input.Left.Left, input.Left.Right, input.Right));
    }

    private static void Emit(SourceProductionContext context, ImmutableArray<SpecOutcome> outcomes, OutputTarget target, bool hasRuntime)
    {
        var emitted = new List<ElectorModel>();
        var classes = new Dictionary<string, SpecOutcome>();
        foreach (var outcome in outcomes.OrderBy(o => o.Path, System.StringComparer.Ordinal))
        {
            foreach (var info in outcome.Diagnostics) context.ReportDiagnostic(ToDiagnostic(info));
            if (outcome.Model is not { } model) continue;
            if (classes.TryGetValue(model.ClassName, out var first))
            {
                context.ReportDiagnostic(ToDiagnostic(new DiagnosticInfo(SpecDiagnostics.DuplicateDeclaration.Id, outcome.Path, outcome.ElectorToken!.Span,
                    ImmutableArray.Create("Elector", model.ClassName, $"{first.ElectorToken!.Line + 1} of {System.IO.Path.GetFileName(first.Path)}").ToEquatableArray())));
                continue;
            }
            classes.Add(model.ClassName, outcome);
            context.AddSource($"{model.ClassName}.g.cs", SourceText.From(ElectorEmitter.Emit(model), Encoding.UTF8));
            emitted.Add(model);
        }
        // Whenever there are specs, even failed ones: code that uses the catalogue (or only its
        // namespace) then compiles, and the KSPEC errors are the only errors. It lists what was
        // emitted, so it never names a class that is missing; without the runtime it could not compile.
        if (outcomes.Length > 0 && hasRuntime)
            context.AddSource($"{target.CatalogName}.g.cs", SourceText.From(CatalogEmitter.Emit(target, emitted), Encoding.UTF8));
    }

    private static Diagnostic ToDiagnostic(DiagnosticInfo info) =>
        Diagnostic.Create(SpecDiagnostics.ById[info.Id], Location.Create(info.Path, info.Span.TextSpan, info.Span.LineSpan), info.Args.Cast<object>().ToArray());
}
