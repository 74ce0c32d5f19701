namespace KevySpec.Load.Metrics;

/// <summary>One named measure of a run: the names thresholds, <c>metrics.csv</c> and the reports use.</summary>
/// <param name="Name">The name, e.g. <c>failover.p99</c>.</param>
/// <param name="Kind">What its number means.</param>
/// <param name="Unit">The unit its value is stored in (<c>ms</c>, <c>count</c>, <c>%</c>, …).</param>
/// <param name="Description">One line for <c>--help</c>, the docs and the reports.</param>
public sealed record MetricDefinition(string Name, MetricKind Kind, string Unit, string Description);
