using System.Buffers.Text;
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
        var w = new Writer(destination);
        switch (message)
        {
            case Heartbeat hb:
                w.Raw(HbHead);
                w.Number(hb.Epoch);
                w.Text(hb.NodeId);
                w.Raw(RoleBulk(hb.Role));
                w.Number(hb.ReplOffset);
                break;
            case Offer o:
                w.Raw(OfferHead);
                w.Number(o.Epoch);
                w.Text(o.CandidateId);
                w.Number(o.ReplOffset);
                break;
            case Accept a:
                w.Raw(AcceptHead);
                w.Number(a.Epoch);
                w.Text(a.VoterId);
                break;
            case Announce an:
                w.Raw(AnnounceHead);
                w.Number(an.Epoch);
                w.Text(an.PrimaryId);
                w.Text(an.PrimaryAddr);
                break;
            default:
                throw new ArgumentException($"not an election message: {message?.GetType()}", nameof(message));
        }
        return w.Position;
    }

    private static ReadOnlySpan<byte> RoleBulk(Role role) => role switch
    {
        Role.Primary => PrimaryBulk,
        Role.Replica => ReplicaBulk,
        Role.Candidate => CandidateBulk,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "not a role"),
    };

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

    /// <summary>A forward-only cursor over the destination span.</summary>
    private ref struct Writer(Span<byte> destination)
    {
        private readonly Span<byte> _dst = destination;

        public int Position { get; private set; }

        public void Raw(scoped ReadOnlySpan<byte> bytes)
        {
            bytes.CopyTo(_dst[Position..]);
            Position += bytes.Length;
        }

        public void Number(ulong value)
        {
            var n = Digits(value);
            Header(n);
            var end = Position + n;
            for (var i = end - 1; i >= Position; i--)
            {
                var q = value / 10;
                _dst[i] = (byte)('0' + (int)(value - q * 10));
                value = q;
            }
            Position = end;
            Crlf();
        }

        public void Text(string text)
        {
            var n = Encoding.UTF8.GetByteCount(text);
            Header(n);
            Position += Encoding.UTF8.GetBytes(text, _dst[Position..]);
            Crlf();
        }

        private void Header(int length)
        {
            _dst[Position++] = (byte)'$';
            Utf8Formatter.TryFormat(length, _dst[Position..], out var n);
            Position += n;
            Crlf();
        }

        private void Crlf()
        {
            _dst[Position++] = (byte)'\r';
            _dst[Position++] = (byte)'\n';
        }
    }
}
