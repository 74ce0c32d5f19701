using System.Numerics;

namespace KevySpec.Wire;

/// <summary>The outcome of <see cref="U64Text.Parse{TChar}"/>.</summary>
internal enum U64Parse
{
    /// <summary>A decimal u64.</summary>
    Ok,

    /// <summary>Empty, or holds something other than ASCII digits.</summary>
    NotDecimal,

    /// <summary>Only digits, but larger than <see cref="ulong.MaxValue"/>.</summary>
    Overflow,
}

/// <summary>Strict decimal u64 parsing over UTF-16 or UTF-8 text: ASCII digits only, no sign, no spaces.</summary>
internal static class U64Text
{
    /// <summary>Parses <paramref name="text"/> (chars or bytes) as a decimal u64.</summary>
    public static U64Parse Parse<TChar>(ReadOnlySpan<TChar> text, out ulong value)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        value = 0;
        if (text.IsEmpty) return U64Parse.NotDecimal;
        ulong acc = 0;
        var overflow = false;
        foreach (var c in text)
        {
            var digit = uint.CreateTruncating(c) - '0';
            if (digit > 9) return U64Parse.NotDecimal;
            if (overflow) continue;
            if (acc > (ulong.MaxValue - digit) / 10) overflow = true;
            else acc = acc * 10 + digit;
        }
        if (overflow) return U64Parse.Overflow;
        value = acc;
        return U64Parse.Ok;
    }
}
