using System.Collections.Concurrent;

namespace KevySpec.Checking;

/// <summary>
/// Numbers distinct values (by <paramref name="comparer"/>), so a model-checker state can be held
/// as a few small ints and equal parts are one object. Thread-safe; lookups of known values take no
/// lock. Ids count up from 0 in the order values are first seen (with several workers that order,
/// and so the ids, vary between runs; nothing reported depends on them).
/// </summary>
internal sealed class Interner<T>(IEqualityComparer<T> comparer, Func<T, long>? tag = null) where T : notnull
{
    private const int ChunkBits = 16;
    private readonly ConcurrentDictionary<T, int> _ids = new(comparer);
    private readonly T[]?[] _chunks = new T[]?[1 << 15];
    private readonly long[]?[] _tags = new long[]?[tag is null ? 0 : 1 << 15];
    private readonly Lock _gate = new();
    private int _count;

    /// <summary>Values numbered so far.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The id of <paramref name="value"/>, numbering it if it is new.</summary>
    public int Id(T value)
    {
        if (_ids.TryGetValue(value, out var id)) return id;
        lock (_gate)
        {
            if (_ids.TryGetValue(value, out id)) return id;
            id = _count;
            var chunk = _chunks[id >> ChunkBits] ??= new T[1 << ChunkBits];
            chunk[id & ((1 << ChunkBits) - 1)] = value;
            if (tag is not null) (_tags[id >> ChunkBits] ??= new long[1 << ChunkBits])[id & ((1 << ChunkBits) - 1)] = tag(value);
            // Published after the value is stored, so whoever reads the id can read the value.
            Volatile.Write(ref _count, id + 1);
            _ids[value] = id;
            return id;
        }
    }

    /// <summary>The value numbered <paramref name="id"/>, which must have been handed out.</summary>
    public T this[int id] => _chunks[id >> ChunkBits]![id & ((1 << ChunkBits) - 1)];

    /// <summary>The tag computed (by the constructor's <c>tag</c>) when <paramref name="id"/> was handed out.</summary>
    public long Tag(int id) => _tags[id >> ChunkBits]![id & ((1 << ChunkBits) - 1)];

    /// <summary>The interned instance equal to <paramref name="value"/> (numbering it if it is new).</summary>
    public T Canonical(T value) => this[Id(value)];
}
