using System.Reflection;
using Microsoft.CodeAnalysis;

namespace KevySpec.Generators.Tests.Infrastructure;

/// <summary>Turns an output compilation into a loaded assembly, to run what the generator wrote.</summary>
internal static class Emitted
{
    public static Assembly Load(Compilation compilation)
    {
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, GeneratorRun.Describe(emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return Assembly.Load(image.ToArray());
    }

    /// <summary>Builds an elector of the generated type <paramref name="typeName"/>, with three members a, b and c.</summary>
    public static Elector Create(Assembly assembly, string typeName, string nodeId = "a", Role startRole = Role.Replica) =>
        (Elector)Activator.CreateInstance(assembly.GetType(typeName, throwOnError: true)!,
            nodeId, new[] { "a", "b", "c" }, "127.0.0.1:7000", startRole, null, null)!;
}
