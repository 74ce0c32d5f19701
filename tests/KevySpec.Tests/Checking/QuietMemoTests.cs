using KevySpec.Checking;

namespace KevySpec.Tests.Checking;

public sealed class QuietMemoTests
{
    [Fact]
    public void Returns_what_was_set_and_misses_what_was_not()
    {
        var memo = new QuietMemo(bits: 4);
        Assert.False(memo.TryGet(12345, out _));
        memo.Set(12345, 0);
        Assert.True(memo.TryGet(12345, out var value));
        Assert.Equal(0, value);
        memo.Set(12345, 77);
        Assert.True(memo.TryGet(12345, out value));
        Assert.Equal(77, value);
        Assert.False(memo.TryGet(0, out _));
    }

    [Fact]
    public void A_newer_entry_in_the_same_slot_replaces_the_older()
    {
        var memo = new QuietMemo(bits: 1);
        var fingerprints = Enumerable.Range(1, 50).Select(i => (long)((ulong)i * 0x9E3779B97F4A7C15UL)).ToList();
        foreach (var f in fingerprints) memo.Set(f, f / 3);
        // Two slots: at most two entries survive, and each that does has its own value.
        var kept = fingerprints.Where(f => memo.TryGet(f, out _)).ToList();
        Assert.InRange(kept.Count, 1, 2);
        Assert.All(kept, f => Assert.True(memo.TryGet(f, out var v) && v == f / 3));
        Assert.True(memo.TryGet(fingerprints[^1], out _));
    }

    [Fact]
    public void Concurrent_writers_never_make_a_reader_see_a_wrong_value()
    {
        var memo = new QuietMemo(bits: 3);
        var wrong = 0;
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, t =>
        {
            for (var i = 1; i < 200_000; i++)
            {
                var f = (long)((ulong)(i * 4 + t) * 0x9E3779B97F4A7C15UL);
                memo.Set(f, f >> 7);
                var probe = (long)((ulong)(i * 4 + (t + 1) % 4) * 0x9E3779B97F4A7C15UL);
                if (memo.TryGet(probe, out var v) && v != probe >> 7) Interlocked.Increment(ref wrong);
            }
        });
        Assert.Equal(0, wrong);
    }
}
