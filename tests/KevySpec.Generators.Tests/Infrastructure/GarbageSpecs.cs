using System.Text;

namespace KevySpec.Generators.Tests.Infrastructure;

/// <summary>Seeded generators of broken spec files: the same seed always gives the same text.</summary>
internal static class GarbageSpecs
{
    // Words a spec is made of, so that random lines sometimes form real rows and real specs.
    private static readonly string[] Words =
    [
        "Replica", "Candidate", "Primary", "Leader", "*", "=", "", " ", "first-tick", "heartbeats", "start-election",
        "finish-candidacy", "hb", "offer", "accept", "announce", "tock", "!first-tick-seen", "primary-known",
        "!primary-known", "hb-claims-primary", "hb-epoch-newer", "!in-backoff", "best-candidate", "quorum-reached",
        "record-view", "send-due-heartbeats", "remember-first-tick", "open-candidacy", "cast-vote", "adopt-announce",
        "record-view, follow-sender", "hb-claims-primary, !hb-claims-primary", ",", ", ,", "!", "!!x", "yes", "no",
        "maybe", "state", "start", "meaning", "from", "on", "when", "to", "do", "`", "``", "|", "—", "é", "\t", "Ünïcödé",
        "0", "-1", "a-", "-a", "A-B", "x y", "\u200b", "\uFEFF", "<summary>", "\"", "\\", "{0}", "/*", "*/",
    ];

    private static readonly string[] Headings =
    [
        "# Kevy", "# ", "#", "## States", "## Tick stages", "## Transitions", "## Invariants", "## Guards", "##", "## ",
        "### States", "##  Transitions", "## transitions",
    ];

    // The runtime's vocabulary by trigger, so that random tables often bind and compile.
    private static readonly string[] TickGuards =
        ["first-tick-seen", "in-backoff", "primary-known", "primary-silent", "cold-start-grace-over", "best-candidate",
         "candidacy-open", "quorum-reached", "election-timed-out", "from-self", "is-replica"];
    private static readonly string[] TickActions =
        ["remember-first-tick", "send-due-heartbeats", "open-candidacy", "announce-self", "back-off", "follow-sender", "drop-candidacy"];
    private static readonly Dictionary<string, (string[] Guards, string[] Actions)> MessageVocabulary = new()
    {
        ["hb"] = (["hb-claims-primary", "hb-epoch-newer", "hb-epoch-current"], ["record-view", "adopt-hb-epoch"]),
        ["offer"] = (["offer-epoch-newer", "own-offset-ahead", "own-id-wins-tie", "voted-in-offer-epoch"], ["cast-vote"]),
        ["accept"] = (["accept-epoch-current"], ["count-vote"]),
        ["announce"] = (["announce-epoch-stale", "announce-known", "announces-self"], ["adopt-announce"]),
    };

    // Names that are valid in the grammar but may collide with what the generated code declares or uses.
    private static readonly string[] ElectorNames =
        ["FuzzElector", "ReferenceElector", "Elector", "Role", "Trigger", "Table", "Definition", "Spec", "GetInfo", "Fire",
         "Dispatch", "ConsumerElectors", "SpecTable", "Heartbeat", "OnHb", "OnFirstTick", "Row1", "KevySpec", "Stateless", "System"];
    private static readonly string[] StageNames =
        ["first-tick", "heartbeats", "start-election", "tick", "message", "trigger", "a1b", "a-1b", "row1", "fire", "dispatch", "x"];
    private static readonly string[] States = ["Replica", "Candidate", "Primary"];

    /// <summary>A well-formed spec with random states, stages, rows and names: often valid, sometimes subtly not.</summary>
    public static string RandomTables(int seed)
    {
        var random = RandomFor(seed);
        var states = States.Where(_ => random.Next(4) > 0).ToList();
        if (states.Count == 0) states.Add("Replica");
        var stages = Enumerable.Range(0, random.Next(0, 4)).Select(_ => Pick(random, StageNames)).Distinct().ToList();
        var lines = new List<string> { "# Fuzz", "", $"Elector: `{Pick(random, ElectorNames)}`", "", "## States", "", "| state | start | meaning |", "|---|---|---|" };
        lines.AddRange(states.Select((state, i) => $"| {state} | {(i == 0 || random.Next(2) == 0 ? "yes" : "no")} | a role |"));
        lines.AddRange(["", "## Tick stages", ""]);
        lines.AddRange(stages.Select((stage, i) => $"{i + 1}. `{stage}` — a stage"));
        lines.AddRange(["", "## Transitions", "", "| from | on | when | to | do |", "|---|---|---|---|---|"]);
        var triggers = stages.Concat(MessageVocabulary.Keys).ToList();
        for (var i = random.Next(0, 6); i > 0; i--)
        {
            var trigger = Pick(random, [.. triggers]);
            var (guards, actions) = MessageVocabulary.TryGetValue(trigger, out var forMessage)
                ? ([.. TickGuards, .. forMessage.Guards], [.. TickActions, .. forMessage.Actions])
                : (TickGuards, TickActions);
            var when = Enumerable.Range(0, random.Next(0, 3)).Select(_ => (random.Next(3) == 0 ? "!" : "") + Pick(random, guards)).Distinct();
            var does = Enumerable.Range(0, random.Next(0, 3)).Select(_ => Pick(random, actions)).Distinct();
            var from = random.Next(3) == 0 ? "*" : Pick(random, [.. states]);
            var to = random.Next(2) == 0 ? "=" : Pick(random, [.. states]);
            lines.Add($"| {from} | {trigger} | {string.Join(", ", when)} | {to} | {string.Join(", ", does)} |");
        }
        lines.AddRange(["", "## Invariants", "", "- `some-claim` — holds."]);
        return string.Join("\n", lines);
    }

    public static string RandomBytes(int seed)
    {
        var random = RandomFor(seed);
        var bytes = new byte[random.Next(0, 3000)];
        random.NextBytes(bytes);
        return Encoding.UTF8.GetString(bytes);
    }

    public static string MarkdownLines(int seed)
    {
        var random = RandomFor(seed);
        var lines = new List<string>();
        var count = random.Next(0, 60);
        for (var i = 0; i < count; i++)
        {
            lines.Add(random.Next(10) switch
            {
                0 => Pick(random, Headings),
                1 => $"Elector: `{Pick(random, ["ReferenceElector", "FuzzElector", "Fuzz Elector", "", "class", "Elector", "X`Y"])}`",
                2 => "|" + string.Join("|", Enumerable.Repeat("---", random.Next(0, 7))) + (random.Next(2) == 0 ? "|" : ""),
                3 => $"{random.Next(0, 12)}. `{Pick(random, Words)}` — {Pick(random, Words)}",
                4 => $"- `{Pick(random, Words)}` — {Pick(random, Words)}",
                5 => "",
                6 => new string(Enumerable.Range(0, random.Next(0, 40)).Select(_ => "|`#-*!,= \t\raZ9é"[random.Next(15)]).ToArray()),
                _ => Row(random),
            });
        }
        return string.Join(random.Next(3) == 0 ? "\r\n" : "\n", lines);
    }

    /// <summary>The real spec cut off at a random character.</summary>
    public static string Truncation(string spec, int seed)
    {
        var random = RandomFor(seed);
        return spec.Substring(0, random.Next(spec.Length + 1));
    }

    /// <summary>The real spec with a few lines swapped, dropped or repeated.</summary>
    public static string Shuffle(string spec, int seed)
    {
        var random = RandomFor(seed);
        var lines = spec.Split('\n').ToList();
        var edits = random.Next(1, 6);
        for (var i = 0; i < edits && lines.Count > 1; i++)
        {
            var a = random.Next(lines.Count);
            var b = random.Next(lines.Count);
            switch (random.Next(3))
            {
                case 0: (lines[a], lines[b]) = (lines[b], lines[a]); break;
                case 1: lines.RemoveAt(a); break;
                default: lines.Insert(b, lines[a]); break;
            }
        }
        return string.Join("\n", lines);
    }

    private static string Row(Random random)
    {
        var cells = Enumerable.Range(0, random.Next(0, 8)).Select(_ => Pick(random, Words));
        var row = "| " + string.Join(" | ", cells);
        return random.Next(4) == 0 ? row : row + " |";
    }

    /// <summary>
    /// System.Random's seeded sequences start alike for neighbouring seeds (seeds 0, 2, 4… cut the
    /// spec at evenly spaced lengths): spread the seed first.
    /// </summary>
    private static Random RandomFor(int seed) => new(unchecked((int)((uint)seed * 2654435761u)));

    private static string Pick(Random random, string[] choices) => choices[random.Next(choices.Length)];
}
