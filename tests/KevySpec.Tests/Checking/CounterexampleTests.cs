using KevySpec.Checking;
using KevySpec.Conformance;

namespace KevySpec.Tests.Checking;

public sealed class CounterexampleTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kevyspec-cex-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static Counterexample Shortest() =>
        new ExhaustiveChecker(ReferenceElector.Definition, new CheckOptions { Nodes = 2, MaxDepth = 7, LivenessDepth = 0 }).Run().Counterexamples.Single();

    [Fact]
    public void A_written_counterexample_replays_against_the_same_elector()
    {
        var files = CounterexampleWriter.Write(_folder, Shortest());

        Assert.Equal(Path.Combine(_folder, "election-single-primary-n2-bootstrap.jsonl"), files[0]);
        var replay = TraceReplayer.ReplayFile(files[0], ReferenceElector.Definition);
        Assert.True(replay.Passed, replay.FirstDivergence?.ToString());
        Assert.Equal(8, replay.Steps);
    }

    [Fact]
    public void The_steps_read_in_plain_words()
    {
        Assert.Equal(
            [
                "1. a starts as primary with an empty store: is primary at epoch 1, primary unknown",
                "2. b starts as replica with an empty store: is replica at epoch 1, primary unknown",
                "3. at 0 s, b ticks: sends HB 1 b replica 0 to a; no change",
                "4. 3 s pass (now 3 s)",
                "5. b's replication offset moves to 1: no change",
                "6. at 3 s, b ticks: saves (2, b); sends HB 1 b replica 1 to a; OFFER 2 b 1 to all; now candidate at epoch 2, primary unknown",
                "7. at 3 s, a receives OFFER 2 b 1 from b: saves (2, b); sends ACCEPT 2 a to b; now primary at epoch 2, primary unknown",
                "8. at 3 s, b receives ACCEPT 2 a from a: no change",
                "9. at 3 s, b ticks: sends ANNOUNCE 2 b b.kevy.test:6379 to all; now primary at epoch 2, primary b",
                "Violated: single-primary: a and b are both primary at epoch 2",
            ],
            StepNarrator.Describe(Shortest()));
    }

    [Fact]
    public void The_diagram_is_a_mermaid_sequence_with_one_arrow_per_delivery()
    {
        var diagram = MermaidSequence.Render(Shortest());

        Assert.StartsWith("sequenceDiagram\n    participant n0 as a\n    participant n1 as b\n", diagram);
        Assert.Contains("    n1->>n0: OFFER 2 b 1\n", diagram);
        Assert.Contains("    n0->>n1: ACCEPT 2 a\n", diagram);
        Assert.EndsWith("    Note over n0,n1: VIOLATED single-primary: a and b are both primary at epoch 2\n", diagram);
        Assert.DoesNotContain(";", diagram);
        var markdown = CounterexampleWriter.Markdown(Shortest());
        Assert.Contains("```mermaid\nsequenceDiagram", markdown);
        Assert.Contains("**Violated:** `single-primary`", markdown);
    }

    [Fact]
    public void The_replay_hint_names_the_cli_as_the_caller_runs_it()
    {
        var counterexample = Shortest();

        Assert.Contains($"Replay: `kevyspec conform <this folder> --spec {counterexample.Spec}`", CounterexampleWriter.Markdown(counterexample));
        Assert.Contains($"Replay: `dotnet run --project src/KevySpec.Cli -- conform <this folder> --spec {counterexample.Spec}`",
            CounterexampleWriter.Markdown(counterexample, "dotnet run --project src/KevySpec.Cli --"));
    }
}
