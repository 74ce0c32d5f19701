namespace KevySpec.Load.Cli;

/// <summary>What <c>kevyspec-load</c> exits with.</summary>
public static class ExitCodes
{
    /// <summary>The run finished and every threshold passed.</summary>
    public const int Passed = 0;

    /// <summary>The run finished and at least one threshold failed (the report says which).</summary>
    public const int ThresholdFailed = 1;

    /// <summary>Bad command line (unknown option, malformed duration or threshold, …); nothing ran.</summary>
    public const int UsageError = 2;

    /// <summary>The run could not be carried out (the cluster did not start, the report folder is not writable, …).</summary>
    public const int RunFailed = 3;

    /// <summary><c>nemesis</c> only: network namespaces cannot be created on this machine (not root, no <c>ip</c>, no permission); nothing ran.</summary>
    public const int Unavailable = 4;
}
