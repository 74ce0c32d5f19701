namespace KevySpec.Package.Tests.Infrastructure;

/// <summary>
/// A project outside the repository that consumes the packed KevySpec: its nuget.config lists only the
/// local feed (after <c>&lt;clear/&gt;</c>) and a private global packages folder, and empty Directory.Build/
/// Directory.Packages files stop MSBuild from picking up anything above it.
/// </summary>
internal sealed class ConsumerProject
{
    private readonly string _packages;

    private ConsumerProject(string directory, string packages)
    {
        Directory = directory;
        _packages = packages;
    }

    /// <summary>The project folder.</summary>
    public string Directory { get; }

    /// <summary>
    /// Writes a project named <paramref name="name"/> (its RootNamespace too) under the feed's temporary root,
    /// with <paramref name="projectItems"/> inside its csproj and <paramref name="files"/> (relative path → text).
    /// </summary>
    public static ConsumerProject Create(LocalFeed feed, string name, string outputType, string projectItems, IReadOnlyDictionary<string, string> files)
    {
        var directory = Path.Combine(feed.Root, name);
        var packages = Path.Combine(feed.Root, "packages");
        System.IO.Directory.CreateDirectory(directory);
        Write(directory, "Directory.Build.props", "<Project />\n");
        Write(directory, "Directory.Build.targets", "<Project />\n");
        Write(directory, "Directory.Packages.props", "<Project />\n");
        Write(directory, "nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{packages}" />
              </config>
              <packageSources>
                <clear />
                <add key="kevyspec-local" value="{feed.Folder}" />
              </packageSources>
            </configuration>

            """);
        Write(directory, $"{name}.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>{outputType}</OutputType>
                <TargetFramework>net{Environment.Version.Major}.0</TargetFramework>
                <RootNamespace>{name}</RootNamespace>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
            {projectItems}
              </ItemGroup>
            </Project>

            """);
        foreach (var (path, text) in files) Write(directory, path, text);
        return new ConsumerProject(directory, packages);
    }

    /// <summary>Runs <c>dotnet</c> in the project folder, restoring only from the feed into the private folder.</summary>
    public ProcessResult Run(params string[] args) =>
        DotNet.Run(Directory, args, new Dictionary<string, string?>
        {
            // NUGET_PACKAGES would win over nuget.config's globalPackagesFolder: point it at the private folder too.
            ["NUGET_PACKAGES"] = _packages,
            ["NUGET_FALLBACK_PACKAGES"] = null,
        });

    private static void Write(string directory, string relative, string text)
    {
        var path = Path.Combine(directory, relative);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.ReplaceLineEndings("\n"));
    }
}
