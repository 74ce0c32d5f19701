namespace KevySpec.Wire;

/// <summary>
/// Read access to the fields of one frame or argv (field 0 is the verb), so that
/// <see cref="MessageBuilder"/> applies the same rules and messages to strings and to wire bytes.
/// </summary>
internal interface IFieldSource
{
    /// <summary>How many fields there are, verb included.</summary>
    int Count { get; }

    /// <summary>True when field <paramref name="index"/> has no characters.</summary>
    bool IsEmpty(int index);

    /// <summary>True when field <paramref name="index"/> equals <paramref name="asciiUpper"/> ignoring ASCII case.</summary>
    bool EqualsIgnoreCase(int index, ReadOnlySpan<byte> asciiUpper);

    /// <summary>Parses field <paramref name="index"/> as a decimal u64.</summary>
    U64Parse ParseU64(int index, out ulong value);

    /// <summary>Parses field <paramref name="index"/> as a wire role (ASCII, any case); null when it is not one.</summary>
    Role? ParseRole(int index);

    /// <summary>Field <paramref name="index"/> as a string.</summary>
    string GetString(int index);

    /// <summary>Field <paramref name="index"/> shortened and escaped, for an error message.</summary>
    string Preview(int index);
}
