using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace KevySpec.Generators.Tests.Infrastructure;

/// <summary>An additional file (a spec) held in memory, as MSBuild's AdditionalFiles would hand it over.</summary>
internal sealed class InMemoryText(string path, string text) : AdditionalText
{
    private readonly SourceText _text = SourceText.From(text);

    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}
