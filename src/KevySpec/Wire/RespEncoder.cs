using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Text;

namespace KevySpec.Wire;

/// <summary>
/// Writes messages as RESP2 arrays of bulk strings, without intermediate strings: the length is
/// computed first, then the bytes are written straight into the destination.
/// </summary>
internal static class RespEncoder
{
    private static ReadOnlySpan<byte> HbHead => "*5\r\n$2\r\nHB\r\n"u8;
    private static ReadOnlySpan<byte> OfferHead => "*4\r\n$5\r\nOFFER\r\n"u8;
    private static ReadOnlySpan<byte> AcceptHead => "*3\r\n$6\r\nACCEPT\r\n"u8;
    private static ReadOnlySpan<byte> AnnounceHead => "*4\r\n$8\r\nANNOUNCE\r\n"u8;
    private static ReadOnlySpan<byte> PrimaryBulk => "$7\r\nprimary\r\n"u8;
    private static ReadOnlySpan<byte> ReplicaBulk => "$7\r\nreplica\r\n"u8;
    private static ReadOnlySpan<byte> CandidateBulk => "$9\r\ncandidate\r\n"u8;

    /// <summary>
    /// The exact encoded length of <paramref name="message"/>. Throws <see cref="ArgumentException"/> when a
    /// text field is empty or longer than <see cref="RespCodec.MaxBulkLength"/> UTF-8 bytes, and
    /// <see cref="ArgumentOutOfRangeException"/> for a role that is not one: such a frame would not decode.
    /// </summary>
    public static int Length(ElectionMessage message) => message switch
    {
        Heartbeat hb => HbHead.Length + NumberLength(hb.Epoch) + TextLength(hb.NodeId, "NodeId")
                        + RoleBulk(hb.Role).Length + NumberLength(hb.ReplOffset),
        Offer o => OfferHead.Length + NumberLength(o.Epoch) + TextLength(o.CandidateId, "CandidateId") + NumberLength(o.ReplOffset),
        Accept a => AcceptHead.Length + NumberLength(a.Epoch) + TextLength(a.VoterId, "VoterId"),
        Announce an => AnnounceHead.Length + NumberLength(an.Epoch) + TextLength(an.PrimaryId, "PrimaryId")
                       + TextLength(an.PrimaryAddr, "PrimaryAddr"),
        null => throw new ArgumentNullException(nameof(message)),
        _ => throw new ArgumentException($"not an election message: {message.GetType()}", nameof(message)),
    };

    /// <summary>Writes <paramref name="message"/> at the start of <paramref name="destination"/>, which must hold <see cref="Length"/> bytes; returns the bytes written.</summary>
    public static int Write(ElectionMessage message, Span<byte> destination)
    {
        // The position travels as a local (not a field of a cursor struct) so it stays in a register.
        int pos;
        switch (message)
        {
            case Heartbeat hb:
                pos = Raw(destination, 0, HbHead);
                pos = Number(destination, pos, hb.Epoch);
                pos = Text(destination, pos, hb.NodeId);
                pos = Raw(destination, pos, RoleBulk(hb.Role));
                return Number(destination, pos, hb.ReplOffset);
            case Offer o:
                pos = Raw(destination, 0, OfferHead);
                pos = Number(destination, pos, o.Epoch);
                pos = Text(destination, pos, o.CandidateId);
                return Number(destination, pos, o.ReplOffset);
            case Accept a:
                pos = Raw(destination, 0, AcceptHead);
                pos = Number(destination, pos, a.Epoch);
                return Text(destination, pos, a.VoterId);
            case Announce an:
                pos = Raw(destination, 0, AnnounceHead);
                pos = Number(destination, pos, an.Epoch);
                pos = Text(destination, pos, an.PrimaryId);
                return Text(destination, pos, an.PrimaryAddr);
            default:
                throw new ArgumentException($"not an election message: {message?.GetType()}", nameof(message));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ReadOnlySpan<byte> RoleBulk(Role role) => role switch
    {
        Role.Primary => PrimaryBulk,
        Role.Replica => ReplicaBulk,
        Role.Candidate => CandidateBulk,
        _ => NotARole(role),
    };

    private static ReadOnlySpan<byte> NotARole(Role role) =>
        throw new ArgumentOutOfRangeException(nameof(role), role, "not a role");

    private static int NumberLength(ulong value) => BulkLength(Digits((ulong)Digits(value)), Digits(value));

    private static int TextLength(string? text, string field)
    {
        if (string.IsNullOrEmpty(text))
            throw new ArgumentException($"{field} must not be empty: the frame would not decode.", field);
        var bytes = Encoding.UTF8.GetByteCount(text);
        if (bytes > RespCodec.MaxBulkLength)
            throw new ArgumentException($"{field} is {bytes} UTF-8 bytes, more than the {RespCodec.MaxBulkLength} a bulk string may hold.", field);
        return BulkLength(Digits((ulong)bytes), bytes);
    }

    // "$" + header digits + CRLF + payload + CRLF
    private static int BulkLength(int headerDigits, int payload) => 1 + headerDigits + 2 + payload + 2;

    private static int Digits(ulong value)
    {
        var n = 1;
        while (value >= 10)
        {
            value /= 10;
            n++;
        }
        return n;
    }

    private static int Raw(Span<byte> dst, int pos, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(dst[pos..]);
        return pos + bytes.Length;
    }

    // "$" + decimal digits of value + CRLF + digits + CRLF
    private static int Number(Span<byte> dst, int pos, ulong value)
    {
        var n = Digits(value);
        pos = Header(dst, pos, n);
        var digits = dst.Slice(pos, n);
        for (var i = n - 1; i >= 0; i--)
        {
            var q = value / 10;
            digits[i] = (byte)('0' + (int)(value - q * 10));
            value = q;
        }
        return Crlf(dst, pos + n);
    }

    private static int Text(Span<byte> dst, int pos, string text)
    {
        var n = Encoding.UTF8.GetByteCount(text);
        pos = Header(dst, pos, n);
        pos += Encoding.UTF8.GetBytes(text, dst[pos..]);
        return Crlf(dst, pos);
    }

    private static int Header(Span<byte> dst, int pos, int length)
    {
        dst[pos] = (byte)'$';
        if ((uint)length < 10)
        {
            dst[pos + 1] = (byte)('0' + length);
            pos += 2;
        }
        else
        {
            Utf8Formatter.TryFormat(length, dst[(pos + 1)..], out var n);
            pos += 1 + n;
        }
        return Crlf(dst, pos);
    }

    private static int Crlf(Span<byte> dst, int pos)
    {
        dst[pos] = (byte)'\r';
        dst[pos + 1] = (byte)'\n';
        return pos + 2;
    }
}
