namespace KevySpec.Wire;

/// <summary>What <see cref="RespCodec.Decode(ReadOnlySpan{byte})"/> found at the start of the buffer.</summary>
public enum DecodeStatus
{
    /// <summary>A whole frame holding a message: <see cref="DecodeResult.Message"/> is set.</summary>
    Ok,

    /// <summary>An empty frame (an empty inline line or <c>*0\r\n</c>): consume it and decode again.</summary>
    Skipped,

    /// <summary>No message: <see cref="DecodeResult.Error"/> says why (<see cref="DecodeError.Truncated"/>: read more and retry).</summary>
    Error,
}
