using BenchmarkDotNet.Attributes;
using KevySpec.Wire;

namespace KevySpec.Benchmarks;

/// <summary>
/// <c>HB 1 a primary 100</c> through <see cref="RespCodec"/>: encoded into a reused buffer
/// (<see cref="RespCodec.TryEncode"/>), then decoded. Decoding allocates the message and its node id
/// string by design. The encode-only and decode-only halves are there to say which half costs what.
/// </summary>
[MemoryDiagnoser]
public class RespCodecBenchmark
{
    private static ReadOnlySpan<byte> Expected => "*5\r\n$2\r\nHB\r\n$1\r\n1\r\n$1\r\na\r\n$7\r\nprimary\r\n$3\r\n100\r\n"u8;

    private readonly byte[] _buffer = new byte[128];
    private readonly Heartbeat _heartbeat = FiveNodeReplica.PrimaryHeartbeat;
    private byte[] _frame = null!;

    [GlobalSetup]
    public void Setup()
    {
        PathCheck.That(RespCodec.TryEncode(_heartbeat, _buffer, out var written), "the heartbeat did not fit the buffer");
        PathCheck.That(_buffer.AsSpan(0, written).SequenceEqual(Expected), "the heartbeat did not encode to the expected RESP frame");
        _frame = _buffer[..written];
        PathCheck.That(EncodeDecode() == _heartbeat, "encode + decode did not give back the heartbeat");
        PathCheck.That(Decode() == _heartbeat, "decode did not give back the heartbeat");
        PathCheck.That(Encode() == _frame.Length, "encode wrote another length");
    }

    [Benchmark(Baseline = true)]
    [Target("≤ 400 ns")]
    public ElectionMessage? EncodeDecode()
    {
        RespCodec.TryEncode(_heartbeat, _buffer, out var written);
        var result = RespCodec.Decode(_buffer.AsSpan(0, written));
        return result.Message;
    }

    [Benchmark]
    public int Encode()
    {
        RespCodec.TryEncode(_heartbeat, _buffer, out var written);
        return written;
    }

    [Benchmark]
    public ElectionMessage? Decode() => RespCodec.Decode(_frame).Message;
}
