using KevySpec.Load.Cli;

namespace KevySpec.Load.Tests;

public class FileDescriptorLimitTests
{
    [Theory]
    [InlineData(5, 5 + 42 + 128)]
    [InlineData(100, 100 + 20_790 + 128)]
    public void A_cluster_needs_both_ends_of_every_connection_plus_setup_room(int nodes, long expected) =>
        Assert.Equal((ulong)expected, FileDescriptorLimit.Required(nodes));

    [Fact]
    public void The_largest_cluster_that_fits_is_reported()
    {
        Assert.Equal(97, FileDescriptorLimit.MaxNodes(20_000));
        Assert.True(FileDescriptorLimit.Required(97) <= 20_000);
        Assert.True(FileDescriptorLimit.Required(98) > 20_000);
    }

    [Fact]
    public void A_cluster_that_cannot_fit_is_refused_with_what_to_do()
    {
        var problem = FileDescriptorLimit.Problem(100, new FileDescriptorStatus("soft 20000 (hard 20000, not raisable here)", 20_000));

        Assert.Equal(
            "100 nodes in one process need at least 21018 open files (100 listeners, 19800 connection ends + 5 % during connection setup, the runtime's own) "
            + "but the limit is 20000 and the hard limit cannot be raised here (that needs CAP_SYS_RESOURCE): raise it first (ulimit -Hn 21402; ulimit -n 21402), or run at most 97 nodes",
            problem);
    }

    [Fact]
    public void A_cluster_that_fits_or_an_unknown_limit_is_no_problem()
    {
        Assert.Null(FileDescriptorLimit.Problem(5, new FileDescriptorStatus("soft 1024", 1024)));
        Assert.Null(FileDescriptorLimit.Problem(100, new FileDescriptorStatus("unknown", null)));
    }
}
