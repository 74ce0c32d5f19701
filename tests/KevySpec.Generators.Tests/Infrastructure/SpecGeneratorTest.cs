using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace KevySpec.Generators.Tests.Infrastructure;

/// <summary>
/// The Roslyn SDK's generator test, set up to work offline: an empty reference set (nothing to
/// download) plus the .NET 10 reference assemblies from Basic.Reference.Assemblies, the KevySpec
/// runtime and Stateless. It checks the generator's diagnostics and the output compilation.
/// Generated sources are not compared text for text: other tests read them.
/// </summary>
internal sealed class SpecGeneratorTest : CSharpSourceGeneratorTest<SpecGenerator, DefaultVerifier>
{
    public SpecGeneratorTest(string specPath, string specText)
    {
        ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        TestState.AdditionalReferences.AddRange(Compilations.Framework);
        TestState.AdditionalReferences.AddRange(Compilations.Runtime);
        TestState.AdditionalFiles.Add((specPath, specText));
        TestState.AnalyzerConfigFiles.Add(("/.globalconfig", $"is_global = true\nbuild_property.RootNamespace = {Compilations.RootNamespace}\n"));
        TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
    }
}
