using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using KevySpec.Generators.Model;
using Microsoft.CodeAnalysis;

namespace KevySpec.Generators.Analysis;

/// <summary>A method that could implement a guard or an action: its name and shape.</summary>
internal sealed record MethodShape(string Name, string ReturnType, string? ParameterType, int ParameterCount)
{
    public string Display => $"{ReturnType} {Name}({(ParameterCount == 0 ? "" : ParameterType)})";
}

/// <summary>The methods of one type that may hold guards and actions.</summary>
internal sealed record TypeMethods(string FullName, EquatableArray<MethodShape> Methods);

/// <summary>
/// The C# side of the vocabulary: the methods of <c>KevySpec.Elector</c> (the protocol's
/// guards and actions) and of every hand-written partial class a spec names. Extracted from
/// the compilation into an equatable value, so edits elsewhere leave the pipeline cached.
/// </summary>
internal sealed record Vocabulary(bool HasRuntime, EquatableArray<MethodShape> BaseMethods, EquatableArray<TypeMethods> PartialTypes)
{
    public const string BaseTypeName = "KevySpec.Elector";

    public static Vocabulary From(Compilation compilation, ImmutableArray<string> electorNames, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(electorNames.Where(n => n.Length > 0));
        var baseType = compilation.GetTypeByMetadataName(BaseTypeName);
        var baseMethods = baseType is null ? EquatableArray<MethodShape>.Empty : Shapes(baseType).ToEquatableArray();
        var partials = new List<TypeMethods>();
        foreach (var symbol in compilation.GetSymbolsWithName(names.Contains, SymbolFilter.Type, cancellationToken))
        {
            if (symbol is not INamedTypeSymbol type || SymbolEqualityComparer.Default.Equals(type, baseType)) continue;
            partials.Add(new TypeMethods(type.ToDisplayString(), Shapes(type).ToEquatableArray()));
        }
        return new Vocabulary(baseType is not null, baseMethods, partials.OrderBy(p => p.FullName, System.StringComparer.Ordinal).ToEquatableArray());
    }

    /// <summary>The methods named <paramref name="name"/> visible to the generated class <paramref name="fullName"/>.</summary>
    public IEnumerable<MethodShape> Find(string fullName, string name) => Visible(fullName).Where(m => m.Name == name);

    /// <summary>Every method visible to the generated class <paramref name="fullName"/>: its partial class's, then the runtime's.</summary>
    public IEnumerable<MethodShape> Visible(string fullName) =>
        PartialTypes.Where(t => t.FullName == fullName).SelectMany(t => t.Methods).Concat(BaseMethods);

    private static IEnumerable<MethodShape> Shapes(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member is not IMethodSymbol { MethodKind: MethodKind.Ordinary, IsStatic: false, IsGenericMethod: false } method) continue;
                if (!SymbolEqualityComparer.Default.Equals(current, type) && method.DeclaredAccessibility is Accessibility.Private) continue;
                yield return new MethodShape(method.Name, method.ReturnType.ToDisplayString(),
                    method.Parameters.Length == 1 ? method.Parameters[0].Type.ToDisplayString() : null,
                    method.Parameters.Length);
            }
        }
    }
}
