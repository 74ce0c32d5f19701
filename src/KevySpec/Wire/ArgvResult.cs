using System.Diagnostics.CodeAnalysis;

namespace KevySpec.Wire;

/// <summary>
/// The outcome of turning an argv into a message: either <see cref="Message"/>, or an
/// <see cref="Error"/> with a human-readable <see cref="ErrorMessage"/>.
/// </summary>
public readonly record struct ArgvResult
{
    private ArgvResult(ElectionMessage? message, DecodeError error, string? errorMessage)
    {
        Message = message;
        Error = error;
        _errorMessage = errorMessage;
    }

    private readonly string? _errorMessage;

    /// <summary>The message; null when <see cref="IsOk"/> is false.</summary>
    public ElectionMessage? Message { get; }

    /// <summary>Why there is no message; <c>default</c> (0) when <see cref="IsOk"/> is true.</summary>
    public DecodeError Error { get; }

    /// <summary>A precise description of the error (e.g. <c>epoch '12x' is not a decimal u64</c>); null when <see cref="IsOk"/>.</summary>
    public string? ErrorMessage => Message is null ? _errorMessage ?? "no message (an uninitialised ArgvResult)" : null;

    /// <summary>True when the argv held a message.</summary>
    [MemberNotNullWhen(true, nameof(Message))]
    [MemberNotNullWhen(false, nameof(ErrorMessage))]
    public bool IsOk => Message is not null;

    /// <summary>A success carrying <paramref name="message"/>.</summary>
    public static ArgvResult Ok(ElectionMessage message) =>
        new(message ?? throw new ArgumentNullException(nameof(message)), default, null);

    /// <summary>A failure of kind <paramref name="error"/> described by <paramref name="errorMessage"/>.</summary>
    public static ArgvResult Fail(DecodeError error, string errorMessage) =>
        new(null, error, errorMessage ?? throw new ArgumentNullException(nameof(errorMessage)));

    /// <summary>The message when there is one (C# <c>out</c>; an F# tuple return).</summary>
    public bool TryGetMessage([NotNullWhen(true)] out ElectionMessage? message)
    {
        message = Message;
        return message is not null;
    }
}
