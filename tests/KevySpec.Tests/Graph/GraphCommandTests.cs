using KevySpec.Cli;
using KevySpec.Graph;

namespace KevySpec.Tests.Graph;

/// <summary><c>kevyspec graph</c> end to end, through the same entry point as the executable.</summary>
public sealed class GraphCommandTests
{
    [Fact]
    public void Default_is_the_dot_graph_of_the_election_spec_on_stdout()
    {
        var (code, output, error) = Run("graph");

        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Equal(TransitionGraph.ToDot(ReferenceElector.Table), output);
    }

    [Theory]
    [InlineData("mermaid")]
    [InlineData("markdown")]
    [InlineData("stateless-dot")]
    public void Format_picks_the_rendering(string format)
    {
        var (code, output, _) = Run("graph", "--format", format, "--spec", "spec/election.spec.md");

        Assert.Equal(0, code);
        Assert.Equal(GraphRenderer.Render(ReferenceElector.Definition, GraphFormats.TryParse(format)!.Value), output);
    }

    [Fact]
    public void Output_file_is_written_with_its_folders_and_no_bom()
    {
        var root = Directory.CreateTempSubdirectory("kevyspec-graph-");
        try
        {
            var file = Path.Combine(root.FullName, "a", "b", "election.md");
            var (code, output, error) = Run("graph", "-f", "markdown", "-o", file);

            Assert.Equal(0, code);
            Assert.Equal("", error);
            Assert.Equal($"wrote {file} (election, markdown)\n", output.ReplaceLineEndings("\n"));
            Assert.Equal(System.Text.Encoding.UTF8.GetBytes(TransitionGraph.ToMarkdown(ReferenceElector.Table)), File.ReadAllBytes(file));
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Fact]
    public void An_unwritable_output_is_a_one_line_usage_error()
    {
        var root = Directory.CreateTempSubdirectory("kevyspec-graph-");
        try
        {
            var blocker = Path.Combine(root.FullName, "not-a-folder");
            File.WriteAllText(blocker, "");
            var target = Path.Combine(blocker, "graph.dot");

            var (code, output, error) = Run("graph", "-o", target);

            Assert.Equal(KevySpecCli.UsageError, code);
            Assert.Equal("", output);
            Assert.StartsWith($"kevyspec: cannot write '{target}': ", error);
            Assert.Single(error.TrimEnd().Split('\n'));
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("nope")]
    [InlineData("spec/nope.spec.md")]
    public void An_unknown_spec_is_a_one_line_usage_error_listing_the_known_ones(string spec)
    {
        var (code, output, error) = Run("graph", "--spec", spec);

        Assert.Equal(KevySpecCli.UsageError, code);
        Assert.Equal("", output);
        var expected = SpecLookup.Find(spec).Error;
        Assert.Equal($"kevyspec: {expected}; a spec of your own project needs --project path/to/Project.csproj\n", error.ReplaceLineEndings("\n"));
        Assert.Contains("election (election.spec.md)", error);
    }

    [Fact]
    public void An_unknown_format_is_a_one_line_usage_error_listing_the_known_ones()
    {
        var (code, output, error) = Run("graph", "--format", "png");

        Assert.Equal(KevySpecCli.UsageError, code);
        Assert.Equal("", output);
        Assert.Equal("kevyspec: unknown format 'png'; known formats: dot, mermaid, markdown, svg, stateless-dot\n", error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void An_output_that_is_a_folder_is_a_one_line_usage_error_suggesting_a_file_in_it()
    {
        var root = Directory.CreateTempSubdirectory("kevyspec-graph-");
        try
        {
            var (code, output, error) = Run("graph", "-f", "mermaid", "-o", root.FullName);

            Assert.Equal(KevySpecCli.UsageError, code);
            Assert.Equal("", output);
            Assert.Equal($"kevyspec: cannot write '{root.FullName}': it is a folder; give a file path, e.g. {Path.Combine(root.FullName, "election.mmd")}\n",
                error.ReplaceLineEndings("\n"));
            Assert.Empty(root.GetFileSystemInfos());
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Fact]
    public void Help_explains_formats_and_that_the_spec_must_be_compiled_in()
    {
        var (code, output, _) = Run("graph", "--help");

        Assert.Equal(0, code);
        foreach (var expected in new[] { "--spec", "--format", "--output", "dot (default)", "apt-get install graphviz", "comes from the compiled table", "--project" })
            Assert.Contains(expected, output);
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = KevySpecCli.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
