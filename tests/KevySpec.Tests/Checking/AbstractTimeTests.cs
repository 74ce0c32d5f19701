using KevySpec.Checking;

namespace KevySpec.Tests.Checking;

/// <summary>
/// The checker's time abstraction is faithful: an elector stepped at real instants and one kept at
/// the fixed present, with its snapshot shifted back as time passes, produce the same outputs
/// and, after each step, the same abstract state.
/// </summary>
public sealed class AbstractTimeTests
{
    private static readonly string[] Members = ["a", "b", "c"];
    private static readonly ElectConfig Config = CheckOptions.SmallConfig;

    [Theory]
    [InlineData("election", 1)]
    [InlineData("election", 2)]
    [InlineData("election-hardened", 3)]
    [InlineData("election-hardened", 4)]
    public void Shifted_snapshots_behave_like_real_time(string spec, int seed)
    {
        var definition = KevySpecElectors.Find(spec)!;
        var time = new AbstractTime(Config);
        var random = new Random(seed);
        var real = definition.Create("a", Members, "a:1", Role.Replica, Config, new FixedJitter(TimeSpan.Zero));
        var model = definition.Create("a", Members, "a:1", Role.Replica, Config, new FixedJitter(TimeSpan.Zero));
        var abstractState = Canonical(model.Capture());
        var now = TimeSpan.Zero;

        for (var step = 0; step < 400; step++)
        {
            var elapsed = TimeSpan.FromSeconds(random.Next(3) == 0 ? random.Next(0, 4) : 0);
            now += elapsed;
            abstractState = time.Shift(abstractState, elapsed);
            model.Restore(abstractState);
            var message = RandomMessage(random);

            var expected = message is null ? real.Tick(now) : real.OnMessage(message.Value.From, message.Value.Message, now);
            var actual = message is null ? model.Tick(AbstractTime.Present) : model.OnMessage(message.Value.From, message.Value.Message, AbstractTime.Present);

            Assert.True(expected.SequenceEqual(actual), $"seed {seed}, step {step}: outputs differ");
            abstractState = Canonical(model.Capture());
            Assert.Equal(Canonical(time.Shift(Rebase(real.Capture(), now), TimeSpan.Zero)), abstractState);
        }
    }

    // A real snapshot moved so that its "now" is the present: the reference the model must match.
    private static ElectorSnapshot Rebase(ElectorSnapshot s, TimeSpan now) => Shifted(s, AbstractTime.Present - now);

    private static ElectorSnapshot Shifted(ElectorSnapshot s, TimeSpan by)
    {
        TimeSpan? Move(TimeSpan? t) => t is { } v ? v + by : null;
        return new ElectorSnapshot(s.NodeId, s.Role, s.Epoch, s.CurrentPrimary, s.ReplOffset, Move(s.FirstTick), Move(s.OfferAt), Move(s.BackoffUntil), Move(s.LastVouch),
            s.VotedEpoch, TimeSpan.Zero, TimeSpan.Zero, [.. s.LastHbSent.Select(Move)],
            [.. s.Views.Select(v => new KeyValuePair<string, PeerView>(v.Key, v.Value with { LastHeartbeat = v.Value.LastHeartbeat + by }))], [.. s.Tally]);
    }

    private static ElectorSnapshot Canonical(ElectorSnapshot s) => new AbstractTime(Config).Shift(s, TimeSpan.Zero);

    private static (string From, ElectionMessage Message)? RandomMessage(Random random)
    {
        var from = random.Next(2) == 0 ? "b" : "c";
        var epoch = (ulong)random.Next(1, 6);
        var offset = (ulong)random.Next(0, 2);
        return random.Next(6) switch
        {
            0 or 1 => null,
            2 => (from, new Heartbeat(epoch, from, (Role)random.Next(3), offset)),
            3 => (from, new Offer(epoch, from, offset)),
            4 => (from, new Accept(epoch, from)),
            _ => (from, new Announce(epoch, random.Next(3) == 0 ? "a" : from, from + ":1")),
        };
    }
}
