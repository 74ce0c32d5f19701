using System.Text;

namespace KevySpec.Wire;

/// <summary>Short, printable renderings of untrusted field text for error messages.</summary>
internal static class FieldPreview
{
    /// <summary>At most this many characters of a field are shown.</summary>
    public const int MaxChars = 40;

    /// <summary><paramref name="text"/> cut to <see cref="MaxChars"/> with control characters escaped as <c>\xNN</c>.</summary>
    public static string Of(ReadOnlySpan<char> text)
    {
        var shown = text.Length > MaxChars ? text[..MaxChars] : text;
        var sb = new StringBuilder(shown.Length + 8);
        foreach (var c in shown)
        {
            if (c < 0x20 || c == 0x7F) sb.Append("\\x").Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            else sb.Append(c);
        }
        if (text.Length > MaxChars) sb.Append('…');
        return sb.ToString();
    }

    /// <summary>UTF-8 <paramref name="bytes"/> (invalid sequences replaced) rendered like <see cref="Of(ReadOnlySpan{char})"/>.</summary>
    public static string Of(ReadOnlySpan<byte> bytes)
    {
        var cut = bytes.Length > MaxChars * 4 ? bytes[..(MaxChars * 4)] : bytes;
        return Of(Encoding.UTF8.GetString(cut).AsSpan());
    }
}
