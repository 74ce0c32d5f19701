namespace KevySpec.Package.Tests;

/// <summary>
/// A consumer's own spec, built from the standard vocabulary: unlike the reference it has no cold-start
/// grace, so a lone node elects itself on its very first tick (the reference waits down_after).
/// </summary>
internal static class TinySpec
{
    /// <summary>The guard this spec names in its start-election row.</summary>
    public const string StartElectionGuards = "!primary-known, best-candidate";

    /// <summary>The spec text with <paramref name="startElectionGuards"/> in its start-election row.</summary>
    public static string Text(string startElectionGuards = StartElectionGuards) => $"""
        # Tiny elector

        Elector: `TinyElector`

        The smallest useful election: a replica that knows no primary stands at once.

        ## States

        | state     | start | meaning                       |
        |-----------|-------|-------------------------------|
        | Replica   | yes   | follows the current primary   |
        | Candidate | no    | asked for votes in its epoch  |
        | Primary   | yes   | takes writes                  |

        ## Tick stages

        1. `first-tick` — remember the first tick.
        2. `start-election` — a replica that knows no primary stands.
        3. `finish-candidacy` — a candidate with a quorum wins.

        ## Transitions

        | from      | on               | when | to        | do                  |
        |-----------|------------------|------|-----------|---------------------|
        | *         | first-tick       | !first-tick-seen | = | remember-first-tick |
        | Replica   | start-election   | {startElectionGuards} | Candidate | open-candidacy |
        | Candidate | finish-candidacy | candidacy-open, quorum-reached | Primary | announce-self |
        | *         | offer            | offer-epoch-newer, !own-offset-ahead, !own-id-wins-tie | = | cast-vote |
        | Candidate | accept           | accept-epoch-current | = | count-vote |
        | *         | announce         | !announce-epoch-stale, !announce-known, !announces-self | Replica | adopt-announce |

        ## Invariants

        - `election-safety` — at most one node wins in any epoch.

        """;
}
