using System.Text;

namespace KevySpec.Wire;

/// <summary>An <see cref="IFieldSource"/> over an argv of strings (a null element counts as empty).</summary>
internal readonly struct ArgvFields(IReadOnlyList<string> argv) : IFieldSource
{
    /// <inheritdoc />
    public int Count => argv.Count;

    /// <inheritdoc />
    public bool IsEmpty(int index) => string.IsNullOrEmpty(argv[index]);

    /// <inheritdoc />
    public bool EqualsIgnoreCase(int index, ReadOnlySpan<byte> asciiUpper) =>
        Ascii.EqualsIgnoreCase(Text(index), asciiUpper);

    /// <inheritdoc />
    public U64Parse ParseU64(int index, out ulong value) => U64Text.Parse(Text(index), out value);

    /// <inheritdoc />
    public Role? ParseRole(int index)
    {
        var text = Text(index);
        return Ascii.IsValid(text) ? Roles.TryParse(text) : null;
    }

    /// <inheritdoc />
    public string GetString(int index) => argv[index] ?? string.Empty;

    /// <inheritdoc />
    public string Preview(int index) => FieldPreview.Of(Text(index));

    private ReadOnlySpan<char> Text(int index) => (argv[index] ?? string.Empty).AsSpan();
}
