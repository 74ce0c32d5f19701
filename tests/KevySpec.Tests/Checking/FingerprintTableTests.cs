using KevySpec.Checking;

namespace KevySpec.Tests.Checking;

public sealed class FingerprintTableTests
{
    [Fact]
    public void Adds_each_fingerprint_once_and_finds_it_again()
    {
        var table = new FingerprintTable();
        Assert.True(table.Add(42));
        Assert.False(table.Add(42));
        Assert.True(table.Contains(42));
        Assert.False(table.Contains(43));
        Assert.Equal(1, table.Count);
    }

    [Fact]
    public void Zero_is_a_fingerprint_like_any_other_stored_as_one()
    {
        var table = new FingerprintTable();
        Assert.True(table.Add(0));
        Assert.True(table.Contains(0));
        Assert.False(table.Add(1));
    }

    [Fact]
    public void Grows_past_its_initial_size_and_keeps_every_fingerprint()
    {
        var table = new FingerprintTable(initialStripeCapacity: 4);
        var before = table.Bytes;
        var random = new Random(7);
        var added = new HashSet<long>();
        for (var i = 0; i < 200_000; i++)
        {
            var fingerprint = random.NextInt64(long.MinValue, long.MaxValue);
            Assert.Equal(added.Add(fingerprint), table.Add(fingerprint));
        }
        Assert.Equal(added.Count, table.Count);
        Assert.All(added, f => Assert.True(table.Contains(f)));
        Assert.True(table.Bytes > before);
        // Between half and three quarters full: at most 16 bytes a fingerprint.
        Assert.InRange(table.Bytes / (double)table.Count, 8 / 0.75, 16);
        var missing = 0;
        for (var i = 0; i < 10_000; i++)
            if (table.Contains(random.NextInt64(long.MinValue, long.MaxValue))) missing++;
        Assert.Equal(0, missing);
    }

    [Fact]
    public void Keeps_the_smallest_value_of_each_fingerprint()
    {
        var table = new FingerprintTable(values: true);
        Assert.Equal(FingerprintTable.AddResult.Added, table.AddOrMin(5, 30));
        Assert.Equal(FingerprintTable.AddResult.Held, table.AddOrMin(5, 40));
        Assert.Equal(FingerprintTable.AddResult.Lowered, table.AddOrMin(5, 10));
        Assert.True(table.TryGetValue(5, out var value));
        Assert.Equal(10, value);
        var entries = Enumerable.Range(0, FingerprintTable.Stripes).SelectMany(table.Entries).ToList();
        Assert.Equal([(5L, 10L)], entries);
    }

    [Fact]
    public void Concurrent_adds_count_each_fingerprint_once_and_keep_the_smallest_value()
    {
        var table = new FingerprintTable(values: true, initialStripeCapacity: 4);
        const int Threads = 4;
        const int PerThread = 50_000;
        var firsts = new int[Threads];
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, t =>
        {
            // Every thread adds the same fingerprints (overlapping), each with its own values.
            for (var i = 0; i < PerThread; i++)
                if (table.AddOrMin(Fingerprint(i), (long)i * Threads + t) == FingerprintTable.AddResult.Added) firsts[t]++;
        });
        Assert.Equal(PerThread, table.Count);
        Assert.Equal(PerThread, firsts.Sum());
        for (var i = 0; i < PerThread; i++)
        {
            Assert.True(table.TryGetValue(Fingerprint(i), out var value));
            Assert.Equal((long)i * Threads, value);
        }

        static long Fingerprint(int i) => (long)(((ulong)i + 1) * 0x9E3779B97F4A7C15UL);
    }
}
