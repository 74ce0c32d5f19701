namespace KevySpec.Load.Simulations;

/// <summary>
/// Turns a <see cref="ChurnInjection"/> into "start this many events now": the runner asks at
/// every wake-up, with the run's elapsed time and the events in flight. Pure and deterministic.
/// </summary>
public sealed class LoadSchedule
{
    private readonly ChurnInjection _simulation;
    private readonly TimeSpan _duration;
    private long _nextSlot;

    /// <summary>A schedule of <paramref name="simulation"/> over a run of <paramref name="duration"/>.</summary>
    public LoadSchedule(ChurnInjection simulation, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        if (duration <= TimeSpan.Zero) throw new ArgumentException("the run duration must be positive", nameof(duration));
        _simulation = simulation;
        _duration = duration;
    }

    /// <summary>
    /// How many events to start at <paramref name="elapsed"/> given <paramref name="inFlight"/>
    /// running. Interval slots that passed since the last call are all counted (none is lost to a late wake-up).
    /// </summary>
    public int Due(TimeSpan elapsed, int inFlight)
    {
        if (elapsed >= _duration) return 0;
        switch (_simulation)
        {
            case ChurnInjection.KeepConstant keep:
                return Math.Max(0, keep.Copies - inFlight);
            case ChurnInjection.Inject inject:
                return TakeSlots(elapsed, inject.Interval, _ => inject.Rate);
            case ChurnInjection.Ramp ramp:
                return TakeSlots(elapsed, ramp.Interval, slot => RampRate(ramp, slot));
            default:
                return 0;
        }
    }

    /// <summary>When the next interval slot opens (the runner also wakes when an event finishes), or null when none will.</summary>
    public TimeSpan? NextWake()
    {
        var interval = _simulation switch
        {
            ChurnInjection.Inject inject => inject.Interval,
            ChurnInjection.Ramp ramp => ramp.Interval,
            _ => (TimeSpan?)null,
        };
        if (interval is not { } step) return null;
        var next = step * _nextSlot;
        return next < _duration ? next : null;
    }

    /// <summary>The rate a ramp injects in slot <paramref name="slot"/>: linear in the slot's start time, rounded to the nearest whole event.</summary>
    public int RampRate(ChurnInjection.Ramp ramp, long slot)
    {
        var fraction = Math.Clamp((ramp.Interval * slot) / _duration, 0, 1);
        return (int)Math.Round(ramp.FromRate + (ramp.ToRate - ramp.FromRate) * fraction, MidpointRounding.AwayFromZero);
    }

    private int TakeSlots(TimeSpan elapsed, TimeSpan interval, Func<long, int> rate)
    {
        var due = 0;
        while (interval * _nextSlot <= elapsed && interval * _nextSlot < _duration)
        {
            due += rate(_nextSlot);
            _nextSlot++;
        }
        return due;
    }
}
