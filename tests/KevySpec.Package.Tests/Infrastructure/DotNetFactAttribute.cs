namespace KevySpec.Package.Tests.Infrastructure;

/// <summary>A fact that needs the dotnet CLI: reported as skipped, with the reason, only where it cannot be found.</summary>
public sealed class DotNetFactAttribute : FactAttribute
{
    public DotNetFactAttribute()
    {
        if (DotNet.MissingReason is { } reason) Skip = reason;
    }
}
