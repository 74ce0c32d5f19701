using KevySpec.Conformance;
using KevySpec.Tests.TestSupport;

namespace KevySpec.Tests.Conformance;

// A replay reports the first place a trace and the elector differ, at the right line; a file that
// is not a trace is a TraceFormatException naming the file and line, never a divergence.
public sealed class TraceDivergenceTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string> SomeTraces => [.. RepoPaths.TraceFileNames().Where((_, i) => i % 16 == 0)];

    [Theory]
    [MemberData(nameof(SomeTraces))]
    public void A_wrong_expected_epoch_diverges_at_exactly_that_line(string file)
    {
        var lines = TraceEdits.WithWrongEpoch(Path.Combine(RepoPaths.TracesFolder, file), out var line, out var wrongEpoch);
        var corrupted = _temp.Write(file, lines);

        var result = TraceReplayer.ReplayFile(corrupted, ReferenceElector.Definition);

        var d = Assert.IsType<Divergence>(result.FirstDivergence);
        Assert.Equal(line, d.Line);
        Assert.Equal("state", d.Field);
        Assert.Contains($"epoch={wrongEpoch} ", d.Expected, StringComparison.Ordinal);
        Assert.DoesNotContain($"epoch={wrongEpoch} ", d.Actual, StringComparison.Ordinal);
        Assert.False(result.Passed);
        Assert.Equal(line - 1, result.Steps); // every step up to and including this one, minus the header
    }

    private const string Header = """{"format":"kevy-elect-trace/1","scenario":"tiny","seed":0,"nodes":1}""";

    private const string NewSolo = """{"op":"new","node":"a","peer_ids":["a"],"addr":"a:1","start_role":"replica","config":{"hb_interval_us":1000,"down_after_us":5000,"election_timeout_us":3000,"election_backoff_us":1000,"election_backoff_jitter_us":0},"jitter":{"fixed_us":0},"saves":[],"state":{"role":"replica","epoch":1,"primary":null,"has_quorum":true}}""";

    private const string TickSolo = """{"op":"tick","node":"a","t_us":0,"out":[],"saves":[],"state":{"role":"replica","epoch":1,"primary":null,"has_quorum":true}}""";

    [Fact]
    public void A_hand_written_trace_passes()
    {
        var result = TraceReplayer.ReplayFile(_temp.Write("tiny.jsonl", [Header, NewSolo, TickSolo]), ReferenceElector.Definition);

        Assert.True(result.Passed);
        Assert.Equal("tiny", result.Scenario);
        Assert.Equal(2, result.Steps);
    }

    [Fact]
    public void A_wrong_expected_message_is_an_out_divergence()
    {
        var tick = TickSolo.Replace("\"out\":[]", "\"out\":[{\"to\":\"*\",\"msg\":[\"OFFER\",\"2\",\"a\",\"0\"]}]", StringComparison.Ordinal);
        var result = TraceReplayer.ReplayFile(_temp.Write("out.jsonl", [Header, NewSolo, tick]), ReferenceElector.Definition);

        var d = Assert.IsType<Divergence>(result.FirstDivergence);
        Assert.Equal((3, "tick a @ 0us", "out", "[*: OFFER 2 a 0]", "[]"), (d.Line, d.Op, d.Field, d.Expected, d.Actual));
    }

    [Fact]
    public void A_wrong_expected_save_is_a_saves_divergence()
    {
        var tick = TickSolo.Replace("\"saves\":[]", "\"saves\":[[2,\"a\"]]", StringComparison.Ordinal);
        var result = TraceReplayer.ReplayFile(_temp.Write("saves.jsonl", [Header, NewSolo, tick]), ReferenceElector.Definition);

        var d = Assert.IsType<Divergence>(result.FirstDivergence);
        Assert.Equal((3, "saves", "[(2, a)]", "[]"), (d.Line, d.Field, d.Expected, d.Actual));
    }

    [Fact]
    public void Not_json_is_a_format_error_naming_file_and_line()
    {
        var path = _temp.Write("broken.jsonl", [Header, NewSolo, "{this is not json"]);

        var error = Assert.Throws<TraceFormatException>(() => TraceReplayer.ReplayFile(path, ReferenceElector.Definition));
        Assert.Equal(("broken.jsonl", 3), (error.File, error.Line));
        Assert.StartsWith("broken.jsonl:3: not JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_field_is_a_format_error_naming_the_field()
    {
        var noState = TickSolo.Replace(",\"state\":{\"role\":\"replica\",\"epoch\":1,\"primary\":null,\"has_quorum\":true}", "", StringComparison.Ordinal);
        Assert.NotEqual(TickSolo, noState);
        var path = _temp.Write("nostate.jsonl", [Header, NewSolo, noState]);

        var error = Assert.Throws<TraceFormatException>(() => TraceReplayer.ReplayFile(path, ReferenceElector.Definition));
        Assert.Equal(("nostate.jsonl", 3), (error.File, error.Line));
        Assert.Contains("'state'", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_time_is_a_format_error()
    {
        var noTime = TickSolo.Replace("\"t_us\":0,", "", StringComparison.Ordinal);
        var path = _temp.Write("notime.jsonl", [Header, NewSolo, noTime]);

        var error = Assert.Throws<TraceFormatException>(() => TraceReplayer.ReplayFile(path, ReferenceElector.Definition));
        Assert.Equal(3, error.Line);
        Assert.Contains("t_us", error.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"format":"kevy-elect-trace/2","scenario":"x"}""")]
    [InlineData("""{"scenario":"x"}""")]
    [InlineData("""[1,2,3]""")]
    public void A_bad_header_is_a_format_error_on_line_1(string header)
    {
        var path = _temp.Write("header.jsonl", [header, NewSolo]);

        var error = Assert.Throws<TraceFormatException>(() => TraceReplayer.ReplayFile(path, ReferenceElector.Definition));
        Assert.Equal(("header.jsonl", 1), (error.File, error.Line));
        Assert.Contains("kevy-elect-trace/1", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_file_is_a_format_error()
    {
        var path = _temp.Write("empty.jsonl", []);

        var error = Assert.Throws<TraceFormatException>(() => TraceReplayer.ReplayFile(path, ReferenceElector.Definition));
        Assert.Equal(("empty.jsonl", 1), (error.File, error.Line));
    }

    [Fact]
    public void An_op_before_new_is_a_format_error()
    {
        var path = _temp.Write("order.jsonl", [Header, TickSolo]);

        var error = Assert.Throws<TraceFormatException>(() => TraceReplayer.ReplayFile(path, ReferenceElector.Definition));
        Assert.Equal(2, error.Line);
        Assert.Contains("before its 'new'", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_undecodable_message_is_a_format_error()
    {
        var msg = """{"op":"msg","node":"a","from":"b","msg":["HB","1","b","leader","0"],"t_us":1,"out":[],"saves":[],"state":{"role":"replica","epoch":1,"primary":null,"has_quorum":true}}""";
        var path = _temp.Write("msg.jsonl", [Header, NewSolo, msg]);

        var error = Assert.Throws<TraceFormatException>(() => TraceReplayer.ReplayFile(path, ReferenceElector.Definition));
        Assert.Equal(3, error.Line);
        Assert.Contains("'msg' is not a message", error.Problem, StringComparison.Ordinal);
    }
}
