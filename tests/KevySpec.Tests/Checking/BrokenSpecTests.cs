using KevySpec.Checking;
using KevySpec.Simulation;

namespace KevySpec.Tests.Checking;

/// <summary>
/// Each new invariant, and each kind of bug the default <c>kevyspec check</c> must reach (size-dependent,
/// deep), against a deliberately broken copy of the hardened spec (tests/KevySpec.BrokenSpecs). Each test
/// finds the first seed of the default run's mode and size that reports the bug, checks it lies within the
/// default seeds, and replays that seed alone: the default run, which runs every one of those seeds, finds it.
/// </summary>
public sealed class BrokenSpecTests
{
    private static ElectorDefinition Broken(string name) =>
        KevySpec.BrokenSpecs.KevySpecBrokenSpecsElectors.Find(name) ?? throw new InvalidOperationException($"no broken spec '{name}'");

    private static Func<long, SimOptions> DefaultRun(string mode, int nodes) =>
        mode == "sim" ? _ => new SimOptions { Nodes = nodes } : seed => Swarm.Options(nodes, seed);

    private static SimResult FoundByDefaultRun(string spec, string mode, int nodes, string? invariant)
    {
        var definition = Broken(spec);
        var options = DefaultRun(mode, nodes);
        var found = DefaultCheckScan.FirstFailing(definition, options, invariant);
        Assert.True(found is not null, $"{spec}: no {mode} run at N = {nodes} among the default seeds reports {invariant ?? "a violation"}");
        Assert.InRange(found.Seed, 1, DefaultCheckScan.DefaultSeeds);
        var replay = Simulator.Run(definition, options(found.Seed), found.Seed);
        Assert.Equal(found.Violation, replay.Violation);
        return found;
    }

    [Fact]
    public void A_voter_that_ignores_its_own_offset_breaks_best_candidate_wins()
    {
        var found = FoundByDefaultRun("voter-ignores-offset", "swarm", 3, InvariantNames.BestCandidateWins);
        Assert.Contains("when it voted", found.Violation!.Detail);
    }

    [Fact]
    public void The_exhaustive_mode_checks_best_candidate_wins_too()
    {
        var result = new ExhaustiveChecker(Broken("voter-ignores-offset"), new CheckOptions { Nodes = 2, MaxDepth = 9, BootstrapStart = false }).Run();

        var counterexample = Assert.Single(result.Counterexamples);
        Assert.Equal(InvariantNames.BestCandidateWins, counterexample.Violation.Invariant);
        Assert.Contains(InvariantNames.WriteSafety, result.Unchecked);
    }

    [Fact]
    public void No_cold_start_grace_for_a_known_primary_breaks_no_disruption()
    {
        var found = FoundByDefaultRun("no-grace-for-known-primary", "sim", 3, InvariantNames.NoDisruption);
        Assert.Matches(@"stands \(OFFER|is deposed", found.Violation!.Detail);
    }

    [Fact]
    public void A_primary_that_yields_to_any_member_ahead_in_epoch_breaks_no_disruption()
    {
        // Finding 11: a node that stood while cut off and died rejoins ahead in epoch and deposes the settled primary.
        var found = FoundByDefaultRun("yields-to-any-epoch", "sim", 3, InvariantNames.NoDisruption);
        Assert.Contains("is deposed while alive and connected", found.Violation!.Detail);
    }

    [Fact]
    public void A_replica_that_follows_only_a_newer_epoch_breaks_convergence_in_a_run_where_liveness_holds()
    {
        // A run reports its first violation: liveness, judged at its deadline, held in this one.
        var found = FoundByDefaultRun("follows-only-newer-epoch", "sim", 3, InvariantNames.Convergence);
        Assert.Contains("not a replica following", found.Violation!.Detail);
    }

    [Fact]
    public void A_voter_that_votes_while_its_heartbeats_feed_the_old_lease_breaks_write_safety()
    {
        var found = FoundByDefaultRun("no-lease-lapse", "sim", 3, InvariantNames.WriteSafety);
        Assert.Contains("both answer has_quorum true", found.Violation!.Detail);
    }

    [Fact]
    public void A_quorum_written_for_three_members_is_safe_at_three_and_found_at_five()
    {
        var definition = Broken("quorum-of-two");
        string[] safety = [.. InvariantNames.Safety, InvariantNames.WriteSafety];
        Assert.DoesNotContain(SimRunner.Run(definition, new SimOptions { Nodes = 3 }, 1, DefaultCheckScan.DefaultSeeds).ViolationsByInvariant.Keys, safety.Contains);
        Assert.Equal(0, Swarm.Run(definition, 3, 1, DefaultCheckScan.DefaultSeeds).Violations);

        var found = FoundByDefaultRun("quorum-of-two", "sim", 5, null);
        Assert.Contains(found.Violation!.Invariant, new[] { InvariantNames.ElectionSafety, InvariantNames.SinglePrimary, InvariantNames.WriteSafety });
    }

    [Fact]
    public void A_delayed_accept_counted_in_a_later_candidacy_is_found_by_the_swarm()
    {
        var found = FoundByDefaultRun("counts-stale-accepts", "swarm", 3, InvariantNames.ElectionSafety);

        // The vote that made the second winner was sent for an earlier epoch than the one it counted in.
        var stale = found.Events.Where(e => e.Step is { Kind: StepKind.Message, Message: Accept accept } step && step.State.Epoch > accept.Epoch && step.State.Role == Role.Candidate);
        Assert.NotEmpty(stale);
    }
}
