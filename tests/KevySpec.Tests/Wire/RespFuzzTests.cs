using System.Text;
using KevySpec.Wire;
using static KevySpec.Tests.Wire.WireSamples;

namespace KevySpec.Tests.Wire;

public sealed class RespFuzzTests
{
    private static readonly byte[] Interesting = B("\r\n*$-+:0123456789 \tHBhbOFFERACCEPTANNOUNCEprimary\0\u00ff");

    [Theory]
    [InlineData(1)]
    [InlineData(42)]
    [InlineData(20240601)]
    [InlineData(-7)]
    public void Random_mutations_never_throw_and_results_are_stable_under_appending(int seed)
    {
        var random = new Random(seed);
        var seeds = Seeds();
        for (var iteration = 0; iteration < 3000; iteration++)
        {
            var input = Mutate(random, seeds[random.Next(seeds.Count)]);
            var context = $"seed {seed}, iteration {iteration}, input '{Show(input)}'";

            DecodeResult whole;
            try
            {
                whole = RespCodec.Decode(input);
            }
            catch (Exception e)
            {
                Assert.Fail($"Decode threw {e.GetType().Name}: {e.Message} ({context})");
                return;
            }
            CheckShape(whole, input.Length, context);

            // A result other than Truncated must not change when bytes are appended: each prefix
            // is either Truncated or already the final answer.
            for (var k = 0; k < input.Length; k++)
            {
                var prefix = RespCodec.Decode(input.AsSpan(0, k));
                Assert.True(prefix.IsTruncated || prefix == whole,
                    $"prefix {k} gave {prefix} but the whole gave {whole} ({context})");
            }

            // The same bytes split across segments decode the same.
            var cut = random.Next(input.Length + 1);
            Assert.True(RespCodec.Decode(Segments(input[..cut], input[cut..])) == whole, $"segments at {cut} ({context})");

            // A decoded message re-encodes to a frame that decodes to the same message.
            if (whole.IsOk)
                Assert.True(RespCodec.Decode(RespCodec.Encode(whole.Message)).Message == whole.Message, $"re-encode ({context})");
        }
    }

    private static void CheckShape(DecodeResult r, int length, string context)
    {
        switch (r.Status)
        {
            case DecodeStatus.Ok:
                Assert.True(r.Message is not null && r.BytesConsumed > 0 && r.BytesConsumed <= length, $"{r} ({context})");
                break;
            case DecodeStatus.Skipped:
                Assert.True(r.Message is null && r.BytesConsumed > 0 && r.BytesConsumed <= length, $"{r} ({context})");
                break;
            case DecodeStatus.Error:
                Assert.True(Enum.IsDefined(r.Error) && r.Message is null && !string.IsNullOrEmpty(r.ErrorMessage), $"{r} ({context})");
                var framed = r.Error is DecodeError.WrongShape or DecodeError.BadNumeric or DecodeError.BadRole;
                Assert.True(framed ? r.BytesConsumed > 0 && r.BytesConsumed <= length : r.BytesConsumed == 0, $"{r} ({context})");
                break;
            default:
                Assert.Fail($"unknown status {r.Status} ({context})");
                break;
        }
    }

    private static List<byte[]> Seeds()
    {
        var seeds = new List<byte[]>();
        foreach (var m in Messages)
        {
            seeds.Add(RespCodec.Encode(m));
            seeds.Add(Encoding.ASCII.GetBytes(string.Join(' ', MessageArgv.ToArgv(m)) + "\r\n"));
        }
        seeds.Add(B("*0\r\n"));
        seeds.Add([.. RespCodec.Encode(Messages[0]), .. RespCodec.Encode(Messages[5])]);
        return seeds;
    }

    private static byte[] Mutate(Random random, byte[] original)
    {
        var bytes = new List<byte>(original);
        var edits = 1 + random.Next(4);
        for (var e = 0; e < edits; e++)
        {
            var op = random.Next(5);
            if (bytes.Count == 0) op = 2;
            var at = random.Next(bytes.Count + (op == 2 ? 1 : 0));
            switch (op)
            {
                case 0: // flip one bit
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1: // overwrite with a random byte
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 2: // insert a byte that matters to the grammar, or any byte
                    bytes.Insert(at, random.Next(2) == 0 ? Interesting[random.Next(Interesting.Length)] : (byte)random.Next(256));
                    break;
                case 3: // delete a byte
                    bytes.RemoveAt(at);
                    break;
                default: // overwrite with a byte that matters to the grammar
                    bytes[at] = Interesting[random.Next(Interesting.Length)];
                    break;
            }
        }
        if (random.Next(4) == 0 && bytes.Count > 0) bytes.RemoveRange(random.Next(bytes.Count), 1); // sometimes cut more
        return [.. bytes];
    }
}
