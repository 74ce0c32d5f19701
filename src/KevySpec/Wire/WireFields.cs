using System.Text;

namespace KevySpec.Wire;

/// <summary>Where one field lies inside a frame's bytes.</summary>
internal readonly record struct FieldSpan(int Start, int Length);

/// <summary>
/// An <see cref="IFieldSource"/> over the bytes of one frame: fields are UTF-8 slices of the buffer,
/// turned into strings only when a message is built.
/// </summary>
internal readonly ref struct WireFields : IFieldSource
{
    private readonly ReadOnlySpan<byte> _buffer;
    private readonly ReadOnlySpan<FieldSpan> _fields;

    /// <summary>Fields <paramref name="fields"/> of <paramref name="buffer"/>; <paramref name="count"/> may exceed the stored spans (only the first ones are ever read).</summary>
    public WireFields(ReadOnlySpan<byte> buffer, ReadOnlySpan<FieldSpan> fields, int count)
    {
        _buffer = buffer;
        _fields = fields;
        Count = count;
    }

    /// <inheritdoc />
    public int Count { get; }

    /// <inheritdoc />
    public bool IsEmpty(int index) => _fields[index].Length == 0;

    /// <inheritdoc />
    public bool EqualsIgnoreCase(int index, ReadOnlySpan<byte> asciiUpper) =>
        Ascii.EqualsIgnoreCase(Bytes(index), asciiUpper);

    /// <inheritdoc />
    public U64Parse ParseU64(int index, out ulong value) => U64Text.Parse(Bytes(index), out value);

    /// <inheritdoc />
    public Role? ParseRole(int index)
    {
        // The byte form of Roles.TryParse: ASCII only, any case.
        var bytes = Bytes(index);
        if (Ascii.EqualsIgnoreCase(bytes, "primary"u8)) return Role.Primary;
        if (Ascii.EqualsIgnoreCase(bytes, "replica"u8)) return Role.Replica;
        if (Ascii.EqualsIgnoreCase(bytes, "candidate"u8)) return Role.Candidate;
        return null;
    }

    /// <inheritdoc />
    public string GetString(int index) => Encoding.UTF8.GetString(Bytes(index));

    /// <inheritdoc />
    public string Preview(int index) => FieldPreview.Of(Bytes(index));

    private ReadOnlySpan<byte> Bytes(int index)
    {
        var f = _fields[index];
        return _buffer.Slice(f.Start, f.Length);
    }
}
