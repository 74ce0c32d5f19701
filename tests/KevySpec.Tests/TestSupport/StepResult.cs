namespace KevySpec.Tests.TestSupport;

/// <summary>What one step of a <see cref="TestNode"/> produced: the outbound batch and the saves, as text.</summary>
internal sealed class StepResult(IReadOnlyList<string> sent, IReadOnlyList<string> saves)
{
    /// <summary>The outbound items in order, each <c>to: VERB arg…</c>.</summary>
    public IReadOnlyList<string> Sent { get; } = sent;

    /// <summary>The pairs saved during the step, in order, each <c>(epoch, voted|-)</c>.</summary>
    public IReadOnlyList<string> Saves { get; } = saves;

    /// <summary>Asserts the batch is exactly <paramref name="expected"/>, in order.</summary>
    public StepResult Sends(params string[] expected)
    {
        Assert.Equal(Render.Lines(expected), Render.Lines(Sent));
        return this;
    }

    public StepResult SendsNothing() => Sends();

    /// <summary>Asserts the step saved exactly <paramref name="expected"/>, in order.</summary>
    public StepResult Saved(params string[] expected)
    {
        Assert.Equal(Render.Lines(expected), Render.Lines(Saves));
        return this;
    }

    public StepResult SavesNothing() => Saved();
}
