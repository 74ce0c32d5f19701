using KevySpec.Load.Cli;

namespace KevySpec.Load.Safety;

/// <summary>What the online write-safety judgement assumed and how often the assumption failed.</summary>
/// <param name="DelayBound">The delay bound assumed (the config's <c>delay_bound</c>).</param>
/// <param name="Exceeded">How many times it was exceeded (a report later than the bound, a paused node).</param>
/// <param name="Unjudged">Run time not judged because of it (each excess, then <c>down_after</c> + the bound).</param>
public sealed record WriteSafetyJudgement(TimeSpan DelayBound, int Exceeded, TimeSpan Unjudged)
{
    /// <summary>One clause for a Safety line, e.g. <c>write-safety assumes delay_bound 50 ms, exceeded 0 times</c>.</summary>
    public string Text => Exceeded == 0
        ? $"write-safety assumes delay_bound {DurationText.Format(DelayBound)}, never exceeded"
        : $"write-safety assumes delay_bound {DurationText.Format(DelayBound)}, exceeded {Exceeded} time{(Exceeded == 1 ? "" : "s")} ({DurationText.Format(Unjudged)} not judged)";
}
