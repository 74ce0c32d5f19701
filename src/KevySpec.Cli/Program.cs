using KevySpec.Cli;

return KevySpecCli.Run(args, Console.Out, Console.Error);
