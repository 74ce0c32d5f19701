using KevySpec.Load.Nemesis;

namespace KevySpec.Load.Tests.Nemesis;

public class FaultPlannerTests
{
    private static readonly string[] Five = ["n1", "n2", "n3", "n4", "n5"];

    private static FaultPlanner Planner(int seed, params FaultKind[] kinds) => new(Five, kinds.Length == 0 ? FaultKinds.All : kinds, seed);

    [Fact]
    public void Every_round_holds_every_kind_once_and_a_seed_repeats_its_plan()
    {
        var planner = Planner(3);
        var again = Planner(3);

        for (var round = 0; round < 4; round++)
        {
            var faults = Enumerable.Range(0, FaultKinds.All.Count).Select(_ => planner.Next("n1")).ToArray();
            Assert.Equal(FaultKinds.All.OrderBy(k => k), faults.Select(f => f.Kind).OrderBy(k => k));
            Assert.Equal(faults.Select(f => f.Description), faults.Select(_ => again.Next("n1").Description));
        }
    }

    [Fact]
    public void A_partition_cuts_every_pair_across_both_ways_and_nothing_within_a_side()
    {
        for (var seed = 0; seed < 200; seed++)
        {
            var fault = Planner(seed).Plan(FaultKind.Partition, "n2");
            var minority = fault.Affected;
            Assert.InRange(minority.Count, 1, 2);
            var across = Five.SelectMany(a => Five.Select(b => (a, b))).Where(p => minority.Contains(p.a) != minority.Contains(p.b)).ToHashSet();
            Assert.Equal(across, fault.Blocks.Select(b => (b.From, b.To)).ToHashSet());
            Assert.Equal(across.Count, fault.Blocks.Count);
            Assert.All(fault.Blocks, b => Assert.Equal(IpCommands.Block.Blackhole, b.How));
            Assert.Equal(minority.Contains("n2"), fault.PrimaryLost);
            Assert.Equal(fault.PrimaryLost ? Five.Where(n => !minority.Contains(n)) : [], fault.Survivors);
        }
    }

    [Fact]
    public void A_one_way_partition_blocks_one_direction_only_and_both_directions_occur()
    {
        var mute = false;
        var deaf = false;
        for (var seed = 0; seed < 100; seed++)
        {
            var fault = Planner(seed).Plan(FaultKind.OneWay, "n1");
            var fromMinority = fault.Blocks.All(b => fault.Affected.Contains(b.From) && !fault.Affected.Contains(b.To));
            var toMinority = fault.Blocks.All(b => !fault.Affected.Contains(b.From) && fault.Affected.Contains(b.To));
            Assert.True(fromMinority ^ toMinority, fault.Description);
            Assert.Equal(fault.Affected.Count * (5 - fault.Affected.Count), fault.Blocks.Count);
            Assert.DoesNotContain(fault.Blocks, b => fault.Blocks.Contains((b.To, b.From, b.How)));
            mute |= fromMinority;
            deaf |= toMinority;
        }
        Assert.True(mute && deaf);
    }

    [Fact]
    public void Isolating_the_primary_takes_its_port_down_and_the_others_fail_over()
    {
        var fault = Planner(1).Plan(FaultKind.IsolatePrimary, "n4");

        Assert.Equal(["n4"], fault.Disconnected);
        Assert.Empty(fault.Blocks);
        Assert.True(fault.PrimaryLost);
        Assert.Equal(["n1", "n2", "n3", "n5"], fault.Survivors);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(7)]
    [InlineData(9)]
    public void In_a_ring_every_node_still_reaches_a_majority_counting_itself_but_not_everyone(int nodes)
    {
        var members = Enumerable.Range(1, nodes).Select(i => $"n{i}").ToArray();
        var quorum = nodes / 2 + 1;
        for (var seed = 0; seed < 50; seed++)
        {
            var fault = new FaultPlanner(members, [FaultKind.Ring], seed).Plan(FaultKind.Ring, "n1");
            foreach (var node in members)
            {
                var reached = members.Count(other => other != node && !fault.Blocks.Any(b => b.From == node && b.To == other));
                Assert.InRange(reached + 1, quorum, nodes - 1);
                // Symmetric: a blocked pair is blocked both ways.
                Assert.All(fault.Blocks.Where(b => b.From == node), b => Assert.Contains((b.To, b.From, b.How), fault.Blocks));
            }
        }
    }

    [Fact]
    public void Pauses_and_kills_take_one_process_the_primary_about_half_of_the_time()
    {
        var primaryHits = 0;
        for (var seed = 0; seed < 200; seed++)
        {
            var pause = Planner(seed).Plan(FaultKind.Pause, "n3");
            var victim = Assert.Single(pause.Paused);
            Assert.Empty(pause.Killed);
            Assert.Equal(victim == "n3", pause.PrimaryLost);
            if (pause.PrimaryLost) primaryHits++;
            var kill = Planner(seed).Plan(FaultKind.Kill, "n3");
            Assert.Single(kill.Killed);
            Assert.Empty(kill.Paused);
        }
        Assert.InRange(primaryHits, 60, 140);
    }

    [Fact]
    public void A_ring_of_three_and_an_empty_plan_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new FaultPlanner(["n1", "n2", "n3"], [FaultKind.Ring], 1));
        Assert.Throws<ArgumentException>(() => new FaultPlanner(Five, [], 1));
        Assert.Throws<ArgumentException>(() => Planner(1).Plan(FaultKind.Pause, "n9"));
    }
}
