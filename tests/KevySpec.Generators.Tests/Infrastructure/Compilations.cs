using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace KevySpec.Generators.Tests.Infrastructure;

/// <summary>
/// In-memory consumer compilations: .NET 10 reference assemblies shipped in a package (no download),
/// plus, unless a test leaves them out, the KevySpec runtime and Stateless as the build copied them.
/// </summary>
internal static class Compilations
{
    /// <summary>The root namespace the consumer project declares; not <c>KevySpec</c>, whose dll already holds a ReferenceElector.</summary>
    public const string RootNamespace = "Consumer";

    /// <summary>The assembly name of every consumer compilation here.</summary>
    public const string AssemblyName = "Consumer";

    /// <summary>The catalogue the generator names for <see cref="AssemblyName"/>.</summary>
    public const string CatalogName = "ConsumerElectors";

    /// <summary>The hint name of the catalogue's generated file.</summary>
    public const string CatalogFile = CatalogName + ".g.cs";

    public static readonly CSharpParseOptions ParseOptions = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);

    public static IReadOnlyList<MetadataReference> Framework { get; } = [.. Basic.Reference.Assemblies.Net100.References.All];

    public static IReadOnlyList<MetadataReference> Runtime { get; } =
    [
        MetadataReference.CreateFromFile(typeof(KevySpec.Elector).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Stateless.StateMachine<,>).Assembly.Location),
    ];

    public static CSharpCompilation Create(IEnumerable<string> sources, bool withRuntime = true) =>
        CSharpCompilation.Create(
            AssemblyName,
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Source{i}.cs")),
            withRuntime ? [.. Framework, .. Runtime] : Framework,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
}
