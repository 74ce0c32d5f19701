using System.Security.Cryptography;
using System.Text;

namespace KevySpec.Transport;

/// <summary>
/// The optional authentication exchange (docs/cluster.md): the acceptor sends <c>CHALLENGE &lt;nonce-hex&gt;</c>,
/// the connector answers <c>AUTH &lt;connector-id&gt; &lt;hex HMAC-SHA256(secret, nonce || connector-id)&gt;</c>,
/// both as RESP2 arrays of bulk strings, before any election frame.
/// </summary>
internal static class AuthFrames
{
    public const string ChallengeVerb = "CHALLENGE";
    public const string ProofVerb = "AUTH";
    public const int NonceLength = 32;

    /// <summary>The longest authentication frame accepted; anything longer is not one.</summary>
    public const int MaxFrameLength = 256;

    private const int MaxFields = 4;
    private const int MaxBulkLength = 96;

    public static byte[] Challenge(byte[] nonce) => Encode(ChallengeVerb, Convert.ToHexStringLower(nonce));

    public static byte[] Proof(string connectorId, byte[] mac) => Encode(ProofVerb, connectorId, Convert.ToHexStringLower(mac));

    /// <summary>HMAC-SHA256(secret, nonce || UTF-8 connector id).</summary>
    public static byte[] Mac(byte[] secret, byte[] nonce, string connectorId)
    {
        var id = Encoding.UTF8.GetBytes(connectorId);
        var input = new byte[nonce.Length + id.Length];
        nonce.CopyTo(input, 0);
        id.CopyTo(input, nonce.Length);
        return HMACSHA256.HashData(secret, input);
    }

    /// <summary>The nonce of a CHALLENGE frame, or null when <paramref name="fields"/> is not one.</summary>
    public static byte[]? ParseChallenge(IReadOnlyList<string> fields)
    {
        if (fields.Count != 2 || !fields[0].Equals(ChallengeVerb, StringComparison.OrdinalIgnoreCase)) return null;
        return FromHex(fields[1], NonceLength);
    }

    /// <summary>
    /// The connector id proven by an AUTH frame, or null with <paramref name="problem"/> set. The id must be one of
    /// <paramref name="members"/> and the MAC must match (compared in constant time).
    /// </summary>
    public static string? Verify(IReadOnlyList<string> fields, byte[] secret, byte[] nonce, IReadOnlySet<string> members, out string problem)
    {
        problem = "";
        if (fields.Count != 3 || !fields[0].Equals(ProofVerb, StringComparison.OrdinalIgnoreCase))
        {
            problem = $"expected 'AUTH <id> <mac>' first, got '{string.Join(' ', fields)}'";
            return null;
        }
        var id = fields[1];
        if (!members.Contains(id))
        {
            problem = $"'{id}' is not another member";
            return null;
        }
        var mac = FromHex(fields[2], HMACSHA256.HashSizeInBytes);
        if (mac is null || !CryptographicOperations.FixedTimeEquals(mac, Mac(secret, nonce, id)))
        {
            problem = $"wrong proof for '{id}'";
            return null;
        }
        return id;
    }

    /// <summary>Parse outcome of <see cref="TryParse"/>.</summary>
    public enum Parse { Ok, Truncated, Bad }

    /// <summary>Reads one RESP2 array of short bulk strings from the start of <paramref name="buffer"/>.</summary>
    public static Parse TryParse(ReadOnlySpan<byte> buffer, out List<string> fields, out int consumed)
    {
        fields = [];
        consumed = 0;
        var at = 0;
        var count = ReadHeader(buffer, ref at, (byte)'*', MaxFields);
        if (count < 0) return count == -1 ? Parse.Truncated : Parse.Bad;
        if (count == 0) return Parse.Bad;
        for (var i = 0; i < count; i++)
        {
            var length = ReadHeader(buffer, ref at, (byte)'$', MaxBulkLength);
            if (length < 0) return length == -1 ? Parse.Truncated : Parse.Bad;
            if (buffer.Length < at + length + 2) return Parse.Truncated;
            if (buffer[at + length] != '\r' || buffer[at + length + 1] != '\n') return Parse.Bad;
            var field = buffer.Slice(at, length);
            foreach (var b in field)
            {
                if (b < 0x21 || b > 0x7E) return Parse.Bad;
            }
            fields.Add(Encoding.ASCII.GetString(field));
            at += length + 2;
        }
        consumed = at;
        return Parse.Ok;
    }

    // "<marker><digits>\r\n": the number, -1 when more bytes are needed, -2 when it is not that.
    private static int ReadHeader(ReadOnlySpan<byte> buffer, ref int at, byte marker, int max)
    {
        if (buffer.Length <= at) return -1;
        if (buffer[at] != marker) return -2;
        var value = 0;
        var digits = 0;
        for (var i = at + 1; ; i++)
        {
            if (i >= buffer.Length) return -1;
            var b = buffer[i];
            if (b == '\r')
            {
                if (i + 1 >= buffer.Length) return -1;
                if (buffer[i + 1] != '\n' || digits == 0) return -2;
                at = i + 2;
                return value;
            }
            if (b < '0' || b > '9' || ++digits > 4) return -2;
            value = value * 10 + (b - '0');
            if (value > max) return -2;
        }
    }

    private static byte[]? FromHex(string text, int length)
    {
        if (text.Length != length * 2) return null;
        try
        {
            return Convert.FromHexString(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static byte[] Encode(params string[] fields)
    {
        var text = new StringBuilder();
        text.Append('*').Append(fields.Length).Append("\r\n");
        foreach (var field in fields) text.Append('$').Append(Encoding.ASCII.GetByteCount(field)).Append("\r\n").Append(field).Append("\r\n");
        return Encoding.ASCII.GetBytes(text.ToString());
    }
}
