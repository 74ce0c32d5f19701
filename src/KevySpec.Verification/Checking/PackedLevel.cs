namespace KevySpec.Checking;

/// <summary>
/// One breadth-first level of packed states (<see cref="StateCodec"/> rows), in chunks so a level
/// of hundreds of millions of states needs no single huge array. Rows are written once, by index,
/// possibly from several threads (each its own indices), then only read.
/// </summary>
internal sealed class PackedLevel
{
    private const int ChunkBits = 16;
    private readonly int[][] _chunks;

    public PackedLevel(int width, long count)
    {
        Width = width;
        Count = count;
        _chunks = new int[(count + (1 << ChunkBits) - 1) >> ChunkBits][];
        for (long i = 0; i < _chunks.Length; i++)
            _chunks[i] = new int[Math.Min(1 << ChunkBits, count - (i << ChunkBits)) * width];
    }

    public int Width { get; }

    public long Count { get; }

    /// <summary>Bytes the rows take.</summary>
    public long Bytes => Count * Width * sizeof(int);

    public Span<int> Row(long index) => _chunks[index >> ChunkBits].AsSpan((int)(index & ((1 << ChunkBits) - 1)) * Width, Width);
}
