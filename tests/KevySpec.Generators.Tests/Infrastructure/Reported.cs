using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit.Sdk;

namespace KevySpec.Generators.Tests.Infrastructure;

/// <summary>Assertions about the KSPEC diagnostics of a <see cref="MiniSpec"/>.</summary>
internal static class Reported
{
    /// <summary>
    /// Runs the generator over <paramref name="spec"/> and asserts that <paramref name="id"/> is
    /// reported at the spec's marked text (or at <paramref name="at"/>), with a message that
    /// contains <paramref name="fragment"/>, that no elector is generated, and that the consumer
    /// still compiles (the KSPEC errors are the only errors).
    /// </summary>
    public static Diagnostic Single(MiniSpec spec, string id, string fragment, LinePosition? at = null, IEnumerable<string>? sources = null, bool withRuntime = true)
    {
        var run = GeneratorRun.Of(MiniSpec.Path, spec.Text, sources, withRuntime);
        var start = at ?? spec.Marked ?? throw new ArgumentException("mark the offending text, or pass where the diagnostic belongs");
        var matches = run.Diagnostics.Where(d => d.Id == id && d.Location.GetLineSpan().StartLinePosition == start).ToList();
        if (matches.Count != 1)
            throw new XunitException($"expected one {id} at {start.Line + 1}:{start.Character + 1}, got {matches.Count}; all diagnostics:\n{GeneratorRun.Describe(run.Diagnostics)}\n--- spec ---\n{spec.Text}");

        var diagnostic = matches[0];
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(MiniSpec.Path, span.Path);
        if (at is null && spec.MarkedText is { Length: > 0 } marked)
            Assert.Equal(new LinePosition(start.Line, start.Character + marked.Length), span.EndLinePosition);
        // The character offsets must say the same as the line and column.
        Assert.Equal(span.Span, SourceText.From(spec.Text).Lines.GetLinePositionSpan(diagnostic.Location.SourceSpan));
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains(fragment, diagnostic.GetMessage(), StringComparison.Ordinal);

        // A broken spec never compiles into behaviour, and what is generated (at most the empty
        // catalogue) compiles: no CS error follows a KSPEC one.
        Assert.All(run.Result.GeneratedSources, source => Assert.Equal(Compilations.CatalogFile, source.HintName));
        Assert.True(run.OutputErrors.Count == 0, GeneratorRun.Describe(run.OutputErrors));
        Assert.Null(run.Result.Exception);
        return diagnostic;
    }
}
