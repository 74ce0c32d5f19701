using KevySpec.Cli.Commands;
using KevySpec.Tests.TestSupport;

namespace KevySpec.Tests.Cli;

// Where `kevyspec conform` without a path finds the clone's traces: in or above the current folder,
// then in or above the tool's; elsewhere it says so in one line.
public sealed class RepositoryTracesTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Found_from_any_folder_inside_the_clone()
    {
        Assert.NotNull(RepoPaths.Root);
        var deep = Path.Combine(RepoPaths.Root, "src", "KevySpec");

        Assert.Equal(Path.GetFullPath(RepoPaths.TracesFolder), RepositoryTraces.Find([deep]));
    }

    [Fact]
    public void A_later_start_is_tried_when_the_first_is_outside_any_clone()
    {
        Assert.NotNull(RepoPaths.Root);

        Assert.Equal(Path.GetFullPath(RepoPaths.TracesFolder), RepositoryTraces.Find([_temp.Path, Path.Combine(_temp.Path, "gone"), RepoPaths.Root]));
    }

    [Fact]
    public void Outside_any_clone_nothing_is_found_and_the_message_is_one_line_naming_where_it_looked()
    {
        Assert.Null(RepositoryTraces.Find([_temp.Path]));

        var message = RepositoryTraces.NotFound([_temp.Path, "/opt/tool"]);

        Assert.DoesNotContain('\n', message);
        Assert.StartsWith("kevyspec: no trace path given and no tests/conformance/traces found in or above ", message, StringComparison.Ordinal);
        Assert.Contains($"'{_temp.Path}' or '/opt/tool'", message, StringComparison.Ordinal);
        Assert.EndsWith("give a folder of *.jsonl traces or one trace file", message, StringComparison.Ordinal);
    }
}
