using KevySpec.Conformance;
using KevySpec.Simulation;

namespace KevySpec.Tests.Simulation;

public sealed class TraceWriterTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kevyspec-trace-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("election", 3)]
    [InlineData("election-hardened", 11)]
    public void A_whole_simulated_run_written_as_a_trace_replays_step_for_step(string spec, long seed)
    {
        var definition = KevySpecElectors.Find(spec)!;
        var run = Simulator.Run(definition, new SimOptions(), seed);
        var path = Path.Combine(_folder, $"{spec}-{seed}.jsonl");
        TraceWriter.WriteFile(path, $"{spec}-{seed}", seed, 3, run.Events.Where(e => e.Step is not null).Select(e => e.Step!));

        var replay = TraceReplayer.ReplayFile(path, definition);

        Assert.True(replay.Passed, $"seed {seed}: {replay.FirstDivergence}");
        Assert.Equal(run.Steps, replay.Steps);
    }

    [Fact]
    public void Lines_follow_the_trace_format()
    {
        var cluster = new SteppedCluster(ReferenceElector.Definition, ["a", "b"], ElectConfig.Default, KevySpec.Checking.InvariantSet.AllKnown);
        var created = cluster.New("a", Role.Primary, TimeSpan.FromMilliseconds(1.5));
        var tick = cluster.Tick("a", TimeSpan.FromMicroseconds(1207));

        Assert.Equal(
            """{"op":"new","node":"a","peer_ids":["a","b"],"addr":"a.kevy.test:6379","start_role":"primary","config":{"hb_interval_us":200000,"down_after_us":5000000,"election_timeout_us":3000000,"election_backoff_us":1000000,"election_backoff_jitter_us":4000000},"jitter":{"fixed_us":1500},"saves":[],"state":{"role":"primary","epoch":1,"primary":null,"has_quorum":false}}""",
            TraceWriter.ToLine(created));
        Assert.Equal(
            """{"op":"tick","node":"a","t_us":1207,"out":[{"to":"b","msg":["HB","1","a","primary","0"]}],"saves":[],"state":{"role":"primary","epoch":1,"primary":null,"has_quorum":false}}""",
            TraceWriter.ToLine(tick));
    }
}
