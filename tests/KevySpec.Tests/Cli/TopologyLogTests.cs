using KevySpec.Cli.Node;
using KevySpec.Transport;

namespace KevySpec.Tests.Cli;

// The node's topology log: one line per change of role, followed primary and quorum.
public sealed class TopologyLogTests
{
    [Fact]
    public void A_bootstrap_primary_names_itself_as_the_primary_though_its_elector_knows_none()
    {
        var lines = Log(
            new TopologyChange("n1", Role.Primary, 1, null, false, TimeSpan.Zero),
            new TopologyChange("n1", Role.Primary, 1, null, true, TimeSpan.FromMilliseconds(300)));

        Assert.Equal(["[n1] role primary (epoch 1)", "[n1] primary n1 (epoch 1)", "[n1] quorum not yet (epoch 1)", "[n1] quorum yes (epoch 1)"], lines);
    }

    [Fact]
    public void A_replica_logs_none_until_a_heartbeat_teaches_it_the_primary()
    {
        var lines = Log(
            new TopologyChange("n2", Role.Replica, 1, null, false, TimeSpan.Zero),
            new TopologyChange("n2", Role.Replica, 1, "n1", true, TimeSpan.FromMilliseconds(300)));

        Assert.Equal(["[n2] role replica (epoch 1)", "[n2] primary none (epoch 1)", "[n2] quorum not yet (epoch 1)",
            "[n2] primary n1 (epoch 1)", "[n2] quorum yes (epoch 1)"], lines);
    }

    [Fact]
    public void Winning_an_election_logs_the_primary_once_and_stepping_down_names_the_new_one()
    {
        var lines = Log(
            new TopologyChange("n2", Role.Replica, 1, "n1", true, TimeSpan.Zero),
            new TopologyChange("n2", Role.Candidate, 2, "n1", true, TimeSpan.FromSeconds(1)),
            new TopologyChange("n2", Role.Primary, 2, "n2", true, TimeSpan.FromSeconds(2)),
            new TopologyChange("n2", Role.Replica, 3, "n3", true, TimeSpan.FromSeconds(3)));

        Assert.Equal(["[n2] role replica (epoch 1)", "[n2] primary n1 (epoch 1)", "[n2] quorum yes (epoch 1)",
            "[n2] role candidate (epoch 2)",
            "[n2] role primary (epoch 2)", "[n2] primary n2 (epoch 2)",
            "[n2] role replica (epoch 3)", "[n2] primary n3 (epoch 3)"], lines);
    }

    [Fact]
    public void Quorum_lost_is_said_only_after_a_quorum_was_had()
    {
        var lines = Log(
            new TopologyChange("n2", Role.Replica, 1, "n1", true, TimeSpan.Zero),
            new TopologyChange("n2", Role.Replica, 1, "n1", false, TimeSpan.FromSeconds(1)));

        Assert.Equal(["[n2] role replica (epoch 1)", "[n2] primary n1 (epoch 1)", "[n2] quorum yes (epoch 1)", "[n2] quorum lost (epoch 1)"], lines);
    }

    [Fact]
    public void The_elector_primary_becoming_known_to_a_bootstrap_primary_is_no_new_line()
    {
        var lines = Log(
            new TopologyChange("n1", Role.Primary, 1, null, true, TimeSpan.Zero),
            new TopologyChange("n1", Role.Primary, 1, "n1", true, TimeSpan.FromSeconds(1)));

        Assert.Equal(["[n1] role primary (epoch 1)", "[n1] primary n1 (epoch 1)", "[n1] quorum yes (epoch 1)"], lines);
    }

    private static string[] Log(params TopologyChange[] changes)
    {
        using var output = new StringWriter();
        var log = new TopologyLog(new LineLog(output));
        foreach (var change in changes) log.Report(change);
        // Each line is "<UTC timestamp> <text>".
        return [.. output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r')[(line.IndexOf(' ') + 1)..])];
    }
}
