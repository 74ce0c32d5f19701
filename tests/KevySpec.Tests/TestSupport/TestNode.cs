namespace KevySpec.Tests.TestSupport;

/// <summary>
/// One elector under test (a <see cref="ReferenceElector"/> unless another spec is given) with its own clock and store, driven like a
/// scenario: <c>Tick(Ms(200))</c>, <c>Receive("b", "OFFER 2 b 0")</c>, each returning what the
/// step sent and saved. Defaults: the protocol's timings (hb 200 ms, down 5 s, election timeout
/// 3 s, backoff 1 s, jitter max 4 s) and a jitter of zero, so a backoff lasts exactly 1 s.
/// </summary>
internal sealed class TestNode
{
    public TestNode(string id, string peers = "a b c", Role start = Role.Replica, ElectConfig? config = null,
        IJitterSource? jitter = null, RecordingStore? store = null, ElectorDefinition? spec = null)
    {
        Store = store ?? new RecordingStore();
        Elector = (spec ?? ReferenceElector.Definition).Create(id, peers.Split(' '), Address(id), start, config ?? ElectConfig.Default, jitter ?? new FixedJitter(TimeSpan.Zero));
        Elector.AttachStore(Store);
    }

    public KevySpec.Elector Elector { get; }

    public RecordingStore Store { get; }

    /// <summary>The instant of the last step.</summary>
    public TimeSpan Now { get; private set; }

    /// <summary>Observable state as <c>role epoch=N primary=id|-</c>.</summary>
    public string State => Render.State(Elector);

    /// <summary>The address a node announces: <c>id:6379</c>.</summary>
    public static string Address(string id) => id + ":6379";

    public StepResult Tick(TimeSpan at)
    {
        Now = at;
        return Observe(() => Elector.Tick(at));
    }

    /// <summary>Hands in a message such as <c>HB 2 b primary 0</c> from <paramref name="from"/>, at <see cref="Now"/>.</summary>
    public StepResult Receive(string from, string message) => Receive(Now, from, message);

    public StepResult Receive(TimeSpan at, string from, string message)
    {
        Now = at;
        var parsed = Render.Parse(message);
        return Observe(() => Elector.OnMessage(from, parsed, at));
    }

    public TestNode WithOffset(ulong offset)
    {
        Elector.SetReplOffset(offset);
        return this;
    }

    private StepResult Observe(Func<IReadOnlyList<Outbound>> step)
    {
        var savesBefore = Store.Saves.Count;
        var sent = step();
        return new StepResult([.. sent.Select(Render.Outbound)], [.. Store.Saves.Skip(savesBefore).Select(Render.Save)]);
    }
}
