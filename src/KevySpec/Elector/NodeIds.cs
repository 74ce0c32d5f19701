namespace KevySpec;

/// <summary>Rules for node ids: operator-chosen, unique, ASCII, 1 to 32 bytes.</summary>
public static class NodeIds
{
    /// <summary>The longest id allowed, in bytes.</summary>
    public const int MaxLength = 32;

    /// <summary>Null when <paramref name="id"/> is a valid node id, else why it is not.</summary>
    public static string? Problem(string? id)
    {
        if (string.IsNullOrEmpty(id)) return "a node id must not be empty";
        if (id.Length > MaxLength) return $"node id '{id}' is {id.Length} bytes; at most {MaxLength} are allowed";
        foreach (var c in id)
        {
            if (c > 0x7E || c < 0x21) return $"node id '{id}' must be printable ASCII without spaces (found U+{(int)c:X4})";
            if (c == '*') return $"node id '{id}' must not contain '*', the broadcast marker";
        }
        return null;
    }

    /// <summary>Byte-wise (ordinal) order of two ASCII ids, as the tie-break uses it.</summary>
    public static int Compare(string a, string b) => string.CompareOrdinal(a, b);
}
