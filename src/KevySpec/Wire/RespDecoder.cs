using System.Runtime.CompilerServices;

namespace KevySpec.Wire;

/// <summary>
/// Reads one frame from the start of a buffer: a RESP2 array of bulk strings (<c>*N\r\n</c> then N times
/// <c>$len\r\n&lt;bytes&gt;\r\n</c>) or an inline line of words. Every declared count and length is checked
/// against its cap as its digits arrive, before anything depends on it; nothing is allocated from them.
/// An error is reported as soon as the bytes seen prove it, so a result other than Truncated never changes
/// when more bytes are appended.
/// </summary>
internal static class RespDecoder
{
    private enum Step { Ok, Truncated, Bad }

    /// <summary>Decodes the frame at the start of <paramref name="buffer"/>.</summary>
    public static DecodeResult Decode(ReadOnlySpan<byte> buffer)
    {
        if (buffer.IsEmpty) return Truncated();
        var first = buffer[0];
        if (first == (byte)'*') return MultiBulk(buffer);
        if (IsOtherRespType(first))
            return Bad($"a RESP '{(char)first}' value where an array ('*') or an inline line was expected");
        return Inline(buffer);
    }

    // RESP2 and RESP3 type markers other than the array's: such a value is RESP, but not a frame.
    private static bool IsOtherRespType(byte b) => b is (byte)'$' or (byte)'+' or (byte)'-' or (byte)':'
        or (byte)'_' or (byte)',' or (byte)'#' or (byte)'!' or (byte)'=' or (byte)'(' or (byte)'%'
        or (byte)'~' or (byte)'>' or (byte)'|';

    private static DecodeResult MultiBulk(ReadOnlySpan<byte> buffer)
    {
        if (buffer.Length > 1 && buffer[1] == (byte)'-') return NullArray(buffer);
        if (!WellFormedHeader(buffer, 1, RespCodec.MaxArrayCount, out var count, out var pos))
        {
            var step = Header(buffer, 1, RespCodec.MaxArrayCount, "array count", out count, out pos, out var why);
            if (step != Step.Ok) return Fail(step, why);
        }
        if (count == 0) return DecodeResult.Skipped(pos);

        Span<FieldSpan> fields = stackalloc FieldSpan[RespCodec.MaxArrayCount];
        for (var i = 0; i < count; i++)
        {
            if (pos >= buffer.Length) return Truncated();
            if (buffer[pos] != (byte)'$')
                return Bad($"element {i} of the array starts with byte 0x{buffer[pos]:X2}, not a bulk string '$'");
            if (!WellFormedHeader(buffer, pos + 1, RespCodec.MaxBulkLength, out var length, out var start))
            {
                var step = Header(buffer, pos + 1, RespCodec.MaxBulkLength, "bulk length", out length, out start, out var why);
                if (step != Step.Ok) return Fail(step, why);
            }
            var end = start + length;
            if (buffer.Length <= end) return Truncated();
            if (buffer[end] != (byte)'\r') return Bad($"bulk string {i} of {length} bytes is not followed by CRLF");
            if (buffer.Length <= end + 1) return Truncated();
            if (buffer[end + 1] != (byte)'\n') return Bad($"bulk string {i} of {length} bytes is not followed by CRLF");
            fields[i] = new FieldSpan(start, length);
            pos = end + 2;
        }
        return Build(buffer, fields[..count], count, pos);
    }

    // A negative count is RESP's null array (`*-1`, what Redis writes): an empty frame, skipped like `*0`
    // (Redis and the reference skip any negative count that fits in 64 bits). The count has no leading zero.
    private static DecodeResult NullArray(ReadOnlySpan<byte> buffer)
    {
        var i = 2;
        long magnitude = 0;
        for (; i < buffer.Length && buffer[i] is >= (byte)'0' and <= (byte)'9'; i++)
        {
            var digit = buffer[i] - '0';
            if (i == 2 && digit == 0) return Bad("negative array count starts with 0");
            if (magnitude > (long.MaxValue - digit) / 10) return Bad("negative array count is out of the 64-bit range");
            magnitude = magnitude * 10 + digit;
        }
        if (i == buffer.Length) return Truncated();
        if (i == 2) return Bad($"array count has no digits after '-' (byte 0x{buffer[i]:X2})");
        if (buffer[i] != (byte)'\r') return Bad($"array count holds byte 0x{buffer[i]:X2}, not a digit or CRLF");
        if (i + 1 == buffer.Length) return Truncated();
        if (buffer[i + 1] != (byte)'\n') return Bad("array count is not followed by CRLF");
        return DecodeResult.Skipped(i + 2);
    }

    // An inline line ends at CRLF, as in the reference (a bare LF is a separator like a space or a
    // tab, not an end): without a CRLF in the first MaxInlineLength + 2 bytes no line can end, so the
    // bytes a peer can make us hold are bounded.
    private static DecodeResult Inline(ReadOnlySpan<byte> buffer)
    {
        var window = buffer[..Math.Min(buffer.Length, RespCodec.MaxInlineLength + 2)];
        var end = window.IndexOf("\r\n"u8);
        if (end < 0)
        {
            return buffer.Length >= RespCodec.MaxInlineLength + 2
                ? Bad($"inline line longer than {RespCodec.MaxInlineLength} bytes without a CRLF")
                : Truncated();
        }
        var line = buffer[..end];
        if (line.Length > RespCodec.MaxInlineLength)
            return Bad($"inline line of {line.Length} bytes is longer than {RespCodec.MaxInlineLength}");
        var consumed = end + 2;

        Span<FieldSpan> fields = stackalloc FieldSpan[RespCodec.MaxArrayCount];
        var count = 0;
        var i = 0;
        while (i < line.Length)
        {
            if (IsSpace(line[i]))
            {
                i++;
                continue;
            }
            var start = i;
            while (i < line.Length && !IsSpace(line[i])) i++;
            if (count < fields.Length) fields[count] = new FieldSpan(start, i - start);
            count++;
        }
        if (count == 0) return DecodeResult.Skipped(consumed);
        return Build(buffer, fields[..Math.Min(count, fields.Length)], count, consumed);
    }

    // The reference's separators (Rust's is_ascii_whitespace): space, tab, LF, form feed, CR.
    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\f' or (byte)'\r';

    private static DecodeResult Build(ReadOnlySpan<byte> buffer, ReadOnlySpan<FieldSpan> fields, int count, int consumed)
    {
        var source = new WireFields(buffer, fields, count);
        var built = MessageBuilder.Build(ref source);
        return built.IsOk
            ? DecodeResult.Ok(built.Message, consumed)
            : DecodeResult.Fail(built.Error, built.ErrorMessage, consumed);
    }

    /// <summary>
    /// The fast path of <see cref="Header"/>: true, with the same value and next position, exactly when
    /// <see cref="Header"/> would answer Ok (digits without a leading zero, at most <paramref name="cap"/>,
    /// then CRLF, all inside the buffer). False sends the caller to <see cref="Header"/> for the verdict
    /// and its precise reason.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool WellFormedHeader(ReadOnlySpan<byte> buffer, int pos, int cap, out int value, out int next)
    {
        value = 0;
        next = 0;
        var i = pos;
        var v = 0;
        while (true)
        {
            if ((uint)i >= (uint)buffer.Length) return false;
            var digit = (uint)(buffer[i] - (byte)'0');
            if (digit > 9) break;
            if (i > pos && v == 0) return false; // a leading zero
            v = v * 10 + (int)digit;
            if (v > cap) return false;
            i++;
        }
        if (i == pos || buffer[i] != (byte)'\r' || (uint)(i + 1) >= (uint)buffer.Length || buffer[i + 1] != (byte)'\n')
            return false;
        value = v;
        next = i + 2;
        return true;
    }

    /// <summary>
    /// Reads a non-negative decimal that ends in CRLF, starting at <paramref name="pos"/>. Bad as soon as
    /// it goes over <paramref name="cap"/>, is negative (a bulk length; a negative array count never gets
    /// here), has a leading zero, has no digits, or holds any other byte.
    /// </summary>
    private static Step Header(ReadOnlySpan<byte> buffer, int pos, int cap, string what,
        out int value, out int next, out string why)
    {
        value = 0;
        next = 0;
        why = string.Empty;
        var digits = 0;
        for (var i = pos; ; i++)
        {
            if (i >= buffer.Length) return Step.Truncated;
            var b = buffer[i];
            if (b is >= (byte)'0' and <= (byte)'9')
            {
                if (digits == 1 && value == 0)
                {
                    why = $"{what} has a leading zero";
                    return Step.Bad;
                }
                value = value * 10 + (b - '0');
                digits++;
                if (value > cap)
                {
                    why = $"{what} is over the cap of {cap}";
                    return Step.Bad;
                }
                continue;
            }
            if (b == (byte)'-' && digits == 0)
            {
                why = $"{what} is negative (a RESP null or worse)";
                return Step.Bad;
            }
            if (b == (byte)'\r' && digits > 0)
            {
                if (i + 1 >= buffer.Length) return Step.Truncated;
                if (buffer[i + 1] != (byte)'\n')
                {
                    why = $"{what} is not followed by CRLF";
                    return Step.Bad;
                }
                next = i + 2;
                return Step.Ok;
            }
            why = digits == 0
                ? $"{what} has no digits (byte 0x{b:X2})"
                : $"{what} holds byte 0x{b:X2}, not a digit or CRLF";
            return Step.Bad;
        }
    }

    private static DecodeResult Fail(Step step, string why) =>
        step == Step.Truncated ? Truncated() : Bad(why);

    private static DecodeResult Truncated() =>
        DecodeResult.Fail(DecodeError.Truncated, "the frame is incomplete: read more bytes and retry");

    private static DecodeResult Bad(string why) => DecodeResult.Fail(DecodeError.Bad, why);
}
