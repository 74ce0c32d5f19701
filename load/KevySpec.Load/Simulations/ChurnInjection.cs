using KevySpec.Load.Cli;

namespace KevySpec.Load.Simulations;

/// <summary>
/// How churn events are injected over a run, after NBomber's load simulations: a rate per
/// interval (<see cref="Inject"/>), a constant number in flight (<see cref="KeepConstant"/>),
/// a rate that changes linearly (<see cref="Ramp"/>), or none (<see cref="Idle"/>).
/// </summary>
public abstract record ChurnInjection
{
    private protected ChurnInjection() { }

    /// <summary>The option spelling: <c>inject</c>, <c>keep-constant</c>, <c>ramp</c>, <c>none</c>.</summary>
    public abstract string Name { get; }

    /// <summary>One line for reports.</summary>
    public abstract string Describe();

    /// <summary>Starts <see cref="Rate"/> events at the start of every <see cref="Interval"/>.</summary>
    public sealed record Inject(int Rate, TimeSpan Interval) : ChurnInjection
    {
        /// <inheritdoc />
        public override string Name => "inject";

        /// <inheritdoc />
        public override string Describe() => $"inject {Rate} event(s) every {DurationText.Format(Interval)}";
    }

    /// <summary>Keeps <see cref="Copies"/> events in flight: a new one starts when one finishes.</summary>
    public sealed record KeepConstant(int Copies) : ChurnInjection
    {
        /// <inheritdoc />
        public override string Name => "keep-constant";

        /// <inheritdoc />
        public override string Describe() => $"keep {Copies} event(s) in flight";
    }

    /// <summary>Injects events every <see cref="Interval"/> at a rate going linearly from <see cref="FromRate"/> to <see cref="ToRate"/> over the run.</summary>
    public sealed record Ramp(int FromRate, int ToRate, TimeSpan Interval) : ChurnInjection
    {
        /// <inheritdoc />
        public override string Name => "ramp";

        /// <inheritdoc />
        public override string Describe() => $"ramp from {FromRate} to {ToRate} event(s) every {DurationText.Format(Interval)}";
    }

    /// <summary>No events: the cluster runs undisturbed.</summary>
    public sealed record Idle : ChurnInjection
    {
        /// <inheritdoc />
        public override string Name => "none";

        /// <inheritdoc />
        public override string Describe() => "no events";
    }
}
