using System.Diagnostics.CodeAnalysis;

namespace KevySpec.Wire;

/// <summary>
/// The outcome of decoding the start of a buffer: a message, a skipped empty frame, or an error.
/// Advance the buffer by <see cref="BytesConsumed"/> after <see cref="DecodeStatus.Ok"/> and
/// <see cref="DecodeStatus.Skipped"/>; after <see cref="DecodeError.Truncated"/> read more bytes
/// and decode the same start again; after any other error drop the connection.
/// <c>default(DecodeResult)</c> is not a result: it is neither Ok, Skipped nor an error.
/// </summary>
public readonly record struct DecodeResult
{
    private DecodeResult(DecodeStatus status, ElectionMessage? message, int bytesConsumed, DecodeError error, string? errorMessage)
    {
        Status = status;
        Message = message;
        BytesConsumed = bytesConsumed;
        Error = error;
        ErrorMessage = errorMessage;
    }

    /// <summary>Ok, Skipped or Error.</summary>
    public DecodeStatus Status { get; }

    /// <summary>The decoded message when <see cref="Status"/> is <see cref="DecodeStatus.Ok"/>; otherwise null.</summary>
    public ElectionMessage? Message { get; }

    /// <summary>
    /// The length of the frame at the start of the buffer: set for Ok, Skipped and the errors found in a
    /// whole frame (<see cref="DecodeError.WrongShape"/>, <see cref="DecodeError.BadNumeric"/>,
    /// <see cref="DecodeError.BadRole"/>); 0 for <see cref="DecodeError.Truncated"/> and <see cref="DecodeError.Bad"/>.
    /// </summary>
    public int BytesConsumed { get; }

    /// <summary>Why there is no message when <see cref="Status"/> is <see cref="DecodeStatus.Error"/>; otherwise <c>default</c> (0).</summary>
    public DecodeError Error { get; }

    /// <summary>A precise description of the error; null unless <see cref="Status"/> is <see cref="DecodeStatus.Error"/>.</summary>
    public string? ErrorMessage { get; }

    /// <summary>True when a message was decoded.</summary>
    [MemberNotNullWhen(true, nameof(Message))]
    public bool IsOk => Status == DecodeStatus.Ok && Message is not null;

    /// <summary>True when an empty frame was skipped.</summary>
    public bool IsSkipped => Status == DecodeStatus.Skipped;

    /// <summary>True on any error, <see cref="DecodeError.Truncated"/> included.</summary>
    [MemberNotNullWhen(true, nameof(ErrorMessage))]
    public bool IsError => Status == DecodeStatus.Error;

    /// <summary>True when more bytes are needed: read and retry.</summary>
    public bool IsTruncated => Status == DecodeStatus.Error && Error == DecodeError.Truncated;

    /// <summary>A decoded <paramref name="message"/> whose frame was <paramref name="bytesConsumed"/> bytes long.</summary>
    public static DecodeResult Ok(ElectionMessage message, int bytesConsumed) =>
        new(DecodeStatus.Ok, message ?? throw new ArgumentNullException(nameof(message)), Positive(bytesConsumed), default, null);

    /// <summary>A skipped empty frame of <paramref name="bytesConsumed"/> bytes.</summary>
    public static DecodeResult Skipped(int bytesConsumed) =>
        new(DecodeStatus.Skipped, null, Positive(bytesConsumed), default, null);

    /// <summary>An error of kind <paramref name="error"/>; <paramref name="bytesConsumed"/> is the frame length when known, else 0.</summary>
    public static DecodeResult Fail(DecodeError error, string errorMessage, int bytesConsumed = 0)
    {
        ArgumentNullException.ThrowIfNull(errorMessage);
        ArgumentOutOfRangeException.ThrowIfNegative(bytesConsumed);
        return new(DecodeStatus.Error, null, bytesConsumed, error, errorMessage);
    }

    /// <summary>The message when there is one (C# <c>out</c>; an F# tuple return).</summary>
    public bool TryGetMessage([NotNullWhen(true)] out ElectionMessage? message)
    {
        message = Message;
        return message is not null;
    }

    private static int Positive(int bytesConsumed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bytesConsumed);
        return bytesConsumed;
    }
}
