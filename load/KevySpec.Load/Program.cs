using KevySpec.Load.Cli;

// Ctrl+C stops injecting; the run still lets its events finish and writes its reports.
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    if (stop.IsCancellationRequested) return;
    e.Cancel = true;
    stop.Cancel();
};
return await LoadCli.RunAsync(args, Console.Out, Console.Error, Console.IsOutputRedirected, stop.Token);
