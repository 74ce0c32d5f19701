using static KevySpec.Tests.TestSupport.Time;

namespace KevySpec.Tests.Elector;

// PROTOCOL.md: Fixed(d) yields min(d, max); a production source yields a value in [0, max).
public sealed class JitterTests
{
    [Theory]
    [InlineData(0, 4000, 0)]
    [InlineData(1500, 4000, 1500)]
    [InlineData(4000, 4000, 4000)]
    [InlineData(9000, 4000, 4000)]
    [InlineData(9000, 0, 0)]
    public void Fixed_jitter_is_the_smaller_of_its_value_and_the_maximum(int value, int max, int expected) =>
        Assert.Equal(Ms(expected), new FixedJitter(Ms(value)).Next(Ms(max)));

    [Theory]
    [InlineData(1)]
    [InlineData(42)]
    [InlineData(20240601)]
    public void Seeded_jitter_stays_in_zero_to_max_exclusive(int seed)
    {
        var jitter = new SeededJitter(seed);
        var max = Ms(4000);
        var values = Enumerable.Range(0, 2000).Select(_ => jitter.Next(max)).ToList();

        Assert.All(values, v => Assert.InRange(v, TimeSpan.Zero, max - TimeSpan.FromTicks(1)));
        Assert.True(values.Distinct().Count() > 1900, $"seed {seed}: a new value on (nearly) every attempt");
    }

    [Fact]
    public void Seeded_jitter_is_reproducible_per_seed()
    {
        var max = Ms(4000);
        var first = new SeededJitter(7);
        var again = new SeededJitter(7);
        var other = new SeededJitter(8);

        var a = Enumerable.Range(0, 50).Select(_ => first.Next(max)).ToList();
        Assert.Equal(a, Enumerable.Range(0, 50).Select(_ => again.Next(max)));
        Assert.NotEqual(a, Enumerable.Range(0, 50).Select(_ => other.Next(max)));
        Assert.Equal(7, first.Seed);
    }

    [Fact]
    public void Seeded_jitter_with_a_zero_maximum_is_zero() =>
        Assert.Equal(TimeSpan.Zero, new SeededJitter(3).Next(TimeSpan.Zero));
}
