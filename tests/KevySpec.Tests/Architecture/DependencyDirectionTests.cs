using System.Reflection;
using KevySpec.Checking;
using KevySpec.Cli;
using KevySpec.Transport;

namespace KevySpec.Tests.Architecture;

/// <summary>
/// The assemblies depend in one direction, read from their metadata so that it cannot drift back:
/// <code>
///   KevySpec (runtime: elector, protocol, wire, persistence, step records; Stateless only)
///     ├─ KevySpec.Transport       (TCP node)
///     │    └─ KevySpec.Testing    (loopback cluster, scenario runner; also on Verification)
///     └─ KevySpec.Verification    (simulator, checker, conformance, graphs)
///   KevySpec.Cli, KevySpec.Load   (on top; nothing references them)
/// </code>
/// Verification does not use the transport and the transport does not use verification, so an
/// embedding service ships neither the checker nor the test rigs.
/// </summary>
public sealed class DependencyDirectionTests
{
    /// <summary>For each production assembly, the KevySpec assemblies it may reference (any subset of them).</summary>
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["KevySpec"] = [],
        ["KevySpec.Transport"] = ["KevySpec"],
        ["KevySpec.Verification"] = ["KevySpec"],
        ["KevySpec.Testing"] = ["KevySpec", "KevySpec.Transport", "KevySpec.Verification"],
        ["KevySpec.Cli"] = ["KevySpec", "KevySpec.Transport", "KevySpec.Verification"],
        // The generator runs inside the compiler; the broken specs are test data compiled by it.
        ["KevySpec.Generators"] = [],
        ["KevySpec.BrokenSpecs"] = ["KevySpec"],
    };

    /// <summary>Namespaces of verification and transport code, none of which may have a type in the runtime.</summary>
    private static readonly string[] NotInRuntime =
        ["KevySpec.Checking", "KevySpec.Simulation", "KevySpec.Conformance", "KevySpec.Graph", "KevySpec.Transport"];

    public static TheoryData<string> Assemblies() => [.. Allowed.Keys];

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void Each_assembly_references_only_the_layers_below_it(string name)
    {
        var assembly = Assembly.Load(name);

        var kevySpecReferences = assembly.GetReferencedAssemblies().Select(r => r.Name!)
            .Where(IsKevySpec).Order(StringComparer.Ordinal).ToList();

        Assert.All(kevySpecReferences, reference => Assert.True(Allowed[name].Contains(reference),
            $"{name} references {reference}; it may reference only [{string.Join(", ", Allowed[name])}]"));
    }

    [Fact]
    public void The_layers_are_the_assemblies_these_types_live_in()
    {
        // The rule table names real assemblies: each layer's signature type lives where the table says.
        Assert.Equal("KevySpec", typeof(global::KevySpec.Elector).Assembly.GetName().Name);
        Assert.Equal("KevySpec", typeof(NodeStep).Assembly.GetName().Name);
        Assert.Equal("KevySpec.Transport", typeof(ElectionNode).Assembly.GetName().Name);
        Assert.Equal("KevySpec.Testing", typeof(LoopbackCluster).Assembly.GetName().Name);
        Assert.Equal("KevySpec.Verification", typeof(ExhaustiveChecker).Assembly.GetName().Name);
        Assert.Equal("KevySpec.Cli", typeof(KevySpecCli).Assembly.GetName().Name);
    }

    [Fact]
    public void Every_KevySpec_assembly_built_beside_the_tests_has_a_rule()
    {
        // A new project must say where it sits before it can ship.
        var built = Directory.GetFiles(AppContext.BaseDirectory, "KevySpec*.dll")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(n => !n!.EndsWith(".Tests", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();

        Assert.All(built, name => Assert.True(Allowed.ContainsKey(name!), $"{name} has no rule in {nameof(DependencyDirectionTests)}"));
        Assert.Contains("KevySpec.Verification", built);
    }

    [Fact]
    public void The_runtime_holds_no_simulator_checker_conformance_graph_or_transport_type()
    {
        var runtime = typeof(global::KevySpec.Elector).Assembly;

        var misplaced = runtime.GetTypes().Where(t => t.Namespace is { } ns && NotInRuntime.Any(n => ns == n || ns.StartsWith(n + ".", StringComparison.Ordinal)))
            .Select(t => t.FullName).ToList();

        Assert.Empty(misplaced);
        Assert.Contains(runtime.GetTypes(), t => t.Namespace == "KevySpec");
    }

    [Fact]
    public void The_runtime_depends_on_Stateless_and_the_framework_only()
    {
        var references = typeof(global::KevySpec.Elector).Assembly.GetReferencedAssemblies().Select(r => r.Name!)
            .Where(n => !n.StartsWith("System", StringComparison.Ordinal) && n != "netstandard" && n != "mscorlib")
            .ToList();

        Assert.Equal(["Stateless"], references);
    }

    private static bool IsKevySpec(string name) => name == "KevySpec" || name.StartsWith("KevySpec.", StringComparison.Ordinal);
}
