using System.CommandLine;

namespace KevySpec.Cli.Commands;

/// <summary>The <c>--spec NAME</c> and <c>--project PROJECT</c> options shared by commands that run a generated elector.</summary>
internal static class SpecOption
{
    public const string Default = "election";

    private static string BuiltIn => string.Join(", ", KevySpecElectors.All.Select(e => e.Name));

    public static Option<string?> Create(string? description = null) => new("--spec")
    {
        Description = description
            ?? $"The elector to run, by spec name: one compiled into this tool ({BuiltIn}; default {Default}) or, with --project, one of that project's (default: its only one).",
    };

    public static Option<string?> CreateProject() => new("--project")
    {
        HelpName = "PROJECT",
        Description = "Use the electors a C# project generated from its own *.spec.md files: the project (a *.csproj, or a folder holding one) is built "
            + "with dotnet build and its assembly loaded, so --spec then names one of its specs. Without it, only the specs compiled into this tool exist.",
    };

    /// <summary>An elector compiled into this tool, or null after writing a one-line error that lists the known ones.</summary>
    public static ElectorDefinition? Resolve(string? nameOrPath, TextWriter error)
    {
        var found = SpecLookup.Find(nameOrPath ?? Default);
        if (found.Error is not null) error.WriteLine($"kevyspec: {found.Error}; a spec of your own project needs --project path/to/Project.csproj");
        return found.Elector;
    }
}
