using System.Buffers;

namespace KevySpec.Wire;

/// <summary>
/// The RESP2 codec of election messages (PROTOCOL.md, "Wire format"). Encoding writes a multi-bulk
/// array of bulk strings (e.g. <c>*3\r\n$6\r\nACCEPT\r\n$1\r\n7\r\n$9\r\nreplica-2\r\n</c>); decoding
/// also accepts Redis-style inline lines (<c>HB 1 a primary 0\r\n</c>; like the reference, a line ends at
/// CRLF only, and a bare <c>\n</c> inside it separates words) and skips empty frames (<c>*0</c>, the null
/// array <c>*-1</c>, a blank line). Where it deliberately differs from the reference: docs/cluster.md, "Wire".
/// </summary>
public static class RespCodec
{
    /// <summary>The largest array count accepted (a message needs at most 5); a larger one is <see cref="DecodeError.Bad"/>.</summary>
    public const int MaxArrayCount = 16;

    /// <summary>The largest bulk string length accepted, in bytes; a larger one is <see cref="DecodeError.Bad"/>.</summary>
    public const int MaxBulkLength = 4096;

    /// <summary>The longest inline line accepted, in bytes, terminator excluded; a longer one is <see cref="DecodeError.Bad"/>.</summary>
    public const int MaxInlineLength = 4096;

    /// <summary>
    /// The most bytes a decode ever looks at: an array of <see cref="MaxArrayCount"/> bulk strings of
    /// <see cref="MaxBulkLength"/> bytes each (<c>*16\r\n</c>, then 16 times <c>$4096\r\n</c>, 4096 bytes and CRLF).
    /// </summary>
    public const int MaxFrameLength = 5 + MaxArrayCount * (7 + MaxBulkLength + 2);

    /// <summary>
    /// The encoded length of <paramref name="message"/> in bytes. Throws <see cref="ArgumentException"/>
    /// when a text field is empty or over <see cref="MaxBulkLength"/> UTF-8 bytes (it would not decode).
    /// </summary>
    public static int GetEncodedLength(ElectionMessage message) => RespEncoder.Length(message);

    /// <summary>
    /// <paramref name="message"/> as a RESP2 array of bulk strings: verb uppercase, numbers decimal, role
    /// lowercase, ids UTF-8. Throws like <see cref="GetEncodedLength"/>.
    /// </summary>
    public static byte[] Encode(ElectionMessage message)
    {
        var bytes = new byte[RespEncoder.Length(message)];
        RespEncoder.Write(message, bytes);
        return bytes;
    }

    /// <summary>Appends the encoding of <paramref name="message"/> to <paramref name="writer"/>; returns the bytes written.</summary>
    public static int Encode(ElectionMessage message, IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var length = RespEncoder.Length(message);
        var written = RespEncoder.Write(message, writer.GetSpan(length));
        writer.Advance(written);
        return written;
    }

    /// <summary>
    /// Writes the encoding of <paramref name="message"/> at the start of <paramref name="destination"/>;
    /// false (nothing written) when it does not fit.
    /// </summary>
    public static bool TryEncode(ElectionMessage message, Span<byte> destination, out int bytesWritten)
    {
        var length = RespEncoder.Length(message);
        if (destination.Length < length)
        {
            bytesWritten = 0;
            return false;
        }
        bytesWritten = RespEncoder.Write(message, destination);
        return true;
    }

    /// <summary>
    /// Decodes the frame at the start of <paramref name="buffer"/>: Ok with the message and its length,
    /// Skipped for an empty frame, or an error (<see cref="DecodeError.Truncated"/>: read more and retry
    /// with the same start). Never throws; looks at no more than <see cref="MaxFrameLength"/> bytes.
    /// </summary>
    public static DecodeResult Decode(ReadOnlySpan<byte> buffer) => RespDecoder.Decode(buffer);

    /// <summary>
    /// <see cref="Decode(ReadOnlySpan{byte})"/> over a possibly multi-segment sequence (e.g. from a
    /// <c>PipeReader</c>); a frame split across segments is copied once into a pooled buffer.
    /// </summary>
    public static DecodeResult Decode(in ReadOnlySequence<byte> buffer)
    {
        if (buffer.IsSingleSegment) return RespDecoder.Decode(buffer.FirstSpan);
        var first = RespDecoder.Decode(buffer.FirstSpan);
        if (!first.IsTruncated) return first;

        var length = (int)Math.Min(buffer.Length, MaxFrameLength);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            buffer.Slice(0, length).CopyTo(rented);
            return RespDecoder.Decode(rented.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
