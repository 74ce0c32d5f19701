using KevySpec.Load.Cli;
using KevySpec.Load.Fleet;

namespace KevySpec.Load.Tests;

public class FileDescriptorLimitTests
{
    [Theory]
    [InlineData(5, 5, 5 + 42 + 128)]
    [InlineData(100, 100, 100 + 20_790 + 128)]
    [InlineData(50, 100, 50 + 10_395 + 128)]
    public void A_process_needs_both_ends_of_its_nodes_connections_plus_setup_room(int hosted, int members, long expected) =>
        Assert.Equal((ulong)expected, FileDescriptorLimit.Required(hosted, members));

    [Fact]
    public void The_most_nodes_one_process_can_host_is_reported()
    {
        Assert.Equal(97, FileDescriptorLimit.MaxHosted(20_000, 97));
        Assert.Equal(95, FileDescriptorLimit.MaxHosted(20_000, 100));
        Assert.True(FileDescriptorLimit.Required(95, 100) <= 20_000);
        Assert.True(FileDescriptorLimit.Required(96, 100) > 20_000);
    }

    [Fact]
    public void A_layout_that_cannot_fit_is_refused_with_what_to_do()
    {
        var problem = FileDescriptorLimit.Problem(100, 100, new FileDescriptorStatus("soft 20000 (hard 20000, not raisable here)", 20_000));

        Assert.Equal(
            "100 of 100 nodes in one process need at least 21018 open files (100 listeners, 19800 connection ends + 5 % during connection setup, the runtime's own) "
            + "but the limit is 20000 and the hard limit cannot be raised here (that needs CAP_SYS_RESOURCE): spread the nodes over more processes (--hosts 2 or more), "
            + "or raise the limit first (ulimit -Hn 21402)",
            problem);
    }

    [Fact]
    public void A_layout_that_fits_or_an_unknown_limit_is_no_problem()
    {
        Assert.Null(FileDescriptorLimit.Problem(5, 5, new FileDescriptorStatus("soft 1024", 1024)));
        Assert.Null(FileDescriptorLimit.Problem(50, 100, new FileDescriptorStatus("soft 20000", 20_000)));
        Assert.Null(FileDescriptorLimit.Problem(100, 100, new FileDescriptorStatus("unknown", null)));
    }

    [Theory]
    [InlineData(5, 0, 5)]
    [InlineData(60, 0, 60)]
    [InlineData(61, 1, 61)]
    [InlineData(100, 2, 50)]
    [InlineData(200, 8, 25)]
    public void Big_clusters_are_spread_over_node_hosts_by_default(int nodes, int hosts, int largest)
    {
        Assert.Equal(hosts, FleetLayout.DefaultHosts(nodes));
        Assert.Equal(largest, FleetLayout.LargestPart(nodes, hosts));
        Assert.Null(FileDescriptorLimit.Problem(largest, nodes, new FileDescriptorStatus("soft 20000", 20_000)));
    }
}
