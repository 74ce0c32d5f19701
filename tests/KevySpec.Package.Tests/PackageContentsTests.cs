using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;
using KevySpec.Package.Tests.Infrastructure;

namespace KevySpec.Package.Tests;

/// <summary>What <c>dotnet pack</c> puts in the KevySpec packages: the runtime with the generator, and the libraries layered on it.</summary>
[Collection(PackageCollection.Name)]
public sealed class PackageContentsTests(LocalFeed feed)
{
    [DotNetFact]
    public void The_package_holds_the_library_the_generator_and_the_build_props()
    {
        var entries = feed.KevySpec.Entries();
        var tfm = Tfm;
        Assert.Contains($"lib/{tfm}/KevySpec.dll", entries);
        Assert.Contains($"lib/{tfm}/KevySpec.xml", entries);
        Assert.Contains("analyzers/dotnet/cs/KevySpec.Generators.dll", entries);
        Assert.Contains("buildTransitive/KevySpec.props", entries);
        Assert.Contains("README.md", entries);
        // The generator is in the package, not beside the library where a consumer would reference it;
        // and the runtime ships alone, without the transport, the verification tools or the test rigs.
        Assert.Equal([$"lib/{tfm}/KevySpec.dll", $"lib/{tfm}/KevySpec.xml"], entries.Where(e => e.StartsWith("lib/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    [DotNetFact]
    public void The_packed_runtime_holds_no_checker_simulator_conformance_graph_or_transport_type()
    {
        var namespaces = TypeNames(feed.KevySpec.ReadEntry($"lib/{Tfm}/KevySpec.dll")).Select(t => t[..t.LastIndexOf('.')]).Distinct().ToList();
        Assert.Contains("KevySpec", namespaces);
        string[] tooling = ["KevySpec.Checking", "KevySpec.Simulation", "KevySpec.Conformance", "KevySpec.Graph", "KevySpec.Transport"];
        Assert.DoesNotContain(namespaces, n => tooling.Any(t => n == t || n.StartsWith(t + ".", StringComparison.Ordinal)));
    }

    [DotNetFact]
    public void Each_layered_package_holds_its_one_library_and_depends_on_the_layer_below_at_the_same_version()
    {
        (string Id, string[] DependsOn)[] layers =
        [
            ("KevySpec.Transport", ["KevySpec"]),
            ("KevySpec.Verification", ["KevySpec"]),
            ("KevySpec.Testing", ["KevySpec.Transport", "KevySpec.Verification"]),
        ];
        foreach (var (id, dependsOn) in layers)
        {
            var package = feed.Package(id);
            Assert.Equal(feed.Version, package.Version);
            Assert.Equal([.. dependsOn.Select(d => (d, feed.Version))], package.Dependencies());
            var entries = package.Entries();
            Assert.Equal([$"lib/{Tfm}/{id}.dll", $"lib/{Tfm}/{id}.xml"], entries.Where(e => e.StartsWith("lib/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
            // The generator and its build props come once, with the KevySpec dependency.
            Assert.DoesNotContain(entries, e => e.StartsWith("analyzers/", StringComparison.Ordinal) || e.StartsWith("build", StringComparison.Ordinal));
            Assert.False(string.IsNullOrWhiteSpace(package.Element("description").Value), id);
        }
    }

    [DotNetFact]
    public void The_packed_analyzer_is_the_spec_generator()
    {
        Assert.Contains("KevySpec.Generators.SpecGenerator", TypeNames(feed.KevySpec.ReadEntry("analyzers/dotnet/cs/KevySpec.Generators.dll")));
    }

    [DotNetFact]
    public void The_manifest_names_the_package_and_depends_only_on_Stateless()
    {
        Assert.Equal("KevySpec", feed.KevySpec.Id);
        Assert.False(string.IsNullOrWhiteSpace(feed.KevySpec.Element("description").Value));
        Assert.Equal("README.md", feed.KevySpec.Element("readme").Value);
        var stateless = CentralVersion("Stateless");
        Assert.Equal([("Stateless", stateless)], feed.KevySpec.Dependencies());
    }

    [DotNetFact]
    public void The_build_props_hand_spec_files_and_the_root_namespace_to_the_generator()
    {
        var props = XDocument.Parse(System.Text.Encoding.UTF8.GetString(feed.KevySpec.ReadEntry("buildTransitive/KevySpec.props")));
        var items = props.Descendants().Where(e => e.Parent?.Name.LocalName == "ItemGroup").ToList();
        Assert.Contains(items, e => e.Name.LocalName == "AdditionalFiles" && (string?)e.Attribute("Include") == "**/*.spec.md");
        Assert.Contains(items, e => e.Name.LocalName == "CompilerVisibleProperty" && (string?)e.Attribute("Include") == "RootNamespace");
    }

    [DotNetFact]
    public void The_packed_electors_are_exactly_the_project_own_two_specs()
    {
        // The project lists its spec files: an experimental spec lying in spec/ is neither compiled nor packed.
        using var pe = new PEReader(new MemoryStream(feed.ReadEntry($"lib/net{Environment.Version.Major}.0/KevySpec.dll")));
        var metadata = pe.GetMetadataReader();
        var electors = metadata.TypeDefinitions.Select(h => metadata.GetTypeDefinition(h))
            .Where(t => !t.BaseType.IsNil && t.BaseType.Kind == HandleKind.TypeDefinition && metadata.GetString(metadata.GetTypeDefinition((TypeDefinitionHandle)t.BaseType).Name) == "Elector")
            .Select(t => metadata.GetString(t.Name))
            .Order(StringComparer.Ordinal);
        Assert.Equal(["HardenedElector", "ReferenceElector"], electors);

        var listed = XDocument.Load(BuildInfo.LibraryProjects[0]).Descendants("AdditionalFiles")
            .SelectMany(e => ((string)e.Attribute("Include")!).Split(';'))
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal);
        Assert.Equal(["election-hardened.spec.md", "election.spec.md"], listed);
    }

    [DotNetFact]
    public void The_library_and_the_tool_have_the_one_version_of_Directory_Build_props()
    {
        var props = XDocument.Load(Path.Combine(BuildInfo.RepoRoot, "Directory.Build.props"));
        var version = Assert.Single(props.Descendants("Version")).Value;

        Assert.Equal(version, feed.Version);
        Assert.Equal(version, feed.ToolVersion);
        // Nothing sets a version of its own.
        var projects = Directory.EnumerateFiles(BuildInfo.RepoRoot, "*.*proj", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                     && !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        Assert.DoesNotContain(projects, p => XDocument.Load(p).Descendants().Any(e => e.Name.LocalName is "Version" or "VersionPrefix" or "PackageVersion"));
    }

    private static string Tfm => $"net{Environment.Version.Major}.0";

    // Namespace-qualified names of the types an assembly defines.
    private static List<string> TypeNames(byte[] assembly)
    {
        using var pe = new PEReader(new MemoryStream(assembly));
        var metadata = pe.GetMetadataReader();
        return [.. metadata.TypeDefinitions.Select(h => metadata.GetTypeDefinition(h))
            .Select(t => $"{metadata.GetString(t.Namespace)}.{metadata.GetString(t.Name)}")];
    }

    private static string CentralVersion(string id)
    {
        var props = XDocument.Load(Path.Combine(BuildInfo.RepoRoot, "Directory.Packages.props"));
        return props.Descendants("PackageVersion").Single(e => (string?)e.Attribute("Include") == id).Attribute("Version")!.Value;
    }
}
