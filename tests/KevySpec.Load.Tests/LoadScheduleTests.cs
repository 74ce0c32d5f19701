using KevySpec.Load.Simulations;

namespace KevySpec.Load.Tests;

public class LoadScheduleTests
{
    private static readonly TimeSpan S = TimeSpan.FromSeconds(1);

    [Fact]
    public void Inject_starts_its_rate_at_the_start_of_every_interval()
    {
        var schedule = new LoadSchedule(new ChurnInjection.Inject(2, 2 * S), 10 * S);

        Assert.Equal(2, schedule.Due(TimeSpan.Zero, 0));
        Assert.Equal(0, schedule.Due(1.9 * S, 0));
        Assert.Equal(2 * S, schedule.NextWake());
        Assert.Equal(2, schedule.Due(2 * S, 5));
        Assert.Equal(4 * S, schedule.NextWake());
    }

    [Fact]
    public void A_late_wake_up_loses_no_slot()
    {
        var schedule = new LoadSchedule(new ChurnInjection.Inject(1, S), 10 * S);

        Assert.Equal(4, schedule.Due(3.5 * S, 0));
        Assert.Equal(0, schedule.Due(3.9 * S, 0));
    }

    [Fact]
    public void Nothing_is_due_at_or_after_the_duration()
    {
        var schedule = new LoadSchedule(new ChurnInjection.Inject(1, 3 * S), 9 * S);

        Assert.Equal(3, schedule.Due(8.9 * S, 0));
        Assert.Null(schedule.NextWake());
        Assert.Equal(0, schedule.Due(9 * S, 0));
        Assert.Equal(0, new LoadSchedule(new ChurnInjection.KeepConstant(3), 9 * S).Due(9 * S, 0));
    }

    [Fact]
    public void Keep_constant_tops_up_to_its_copies()
    {
        var schedule = new LoadSchedule(new ChurnInjection.KeepConstant(3), 10 * S);

        Assert.Equal(3, schedule.Due(TimeSpan.Zero, 0));
        Assert.Equal(1, schedule.Due(S, 2));
        Assert.Equal(0, schedule.Due(S, 3));
        Assert.Equal(0, schedule.Due(S, 4));
        Assert.Null(schedule.NextWake());
    }

    [Fact]
    public void Ramp_goes_linearly_from_its_first_to_its_last_rate()
    {
        var ramp = new ChurnInjection.Ramp(0, 4, S);
        var schedule = new LoadSchedule(ramp, 4 * S);

        Assert.Equal([0, 1, 2, 3], Enumerable.Range(0, 4).Select(slot => schedule.RampRate(ramp, slot)).ToArray());
        Assert.Equal(0 + 1 + 2 + 3, schedule.Due(3.99 * S, 0));
    }

    [Fact]
    public void Idle_injects_nothing()
    {
        var schedule = new LoadSchedule(new ChurnInjection.Idle(), 10 * S);

        Assert.Equal(0, schedule.Due(TimeSpan.Zero, 0));
        Assert.Null(schedule.NextWake());
    }
}
