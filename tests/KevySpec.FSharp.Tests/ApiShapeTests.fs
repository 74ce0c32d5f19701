/// The public API stays usable from F# (DESIGN.md, "F#-friendly public API"): checked by reflection
/// over the whole KevySpec assembly, so a new member that breaks a rule fails here with its name.
module KevySpec.FSharp.Tests.ApiShapeTests

open System
open System.Collections.Generic
open System.Reflection
open Xunit
open KevySpec

let private publicTypes =
    typeof<Elector>.Assembly.GetExportedTypes()
    |> Array.filter (fun t -> not (t.IsDefined(typeof<System.Runtime.CompilerServices.CompilerGeneratedAttribute>)))

let private declaredPublic (t: Type) =
    t.GetMembers(BindingFlags.Public ||| BindingFlags.Instance ||| BindingFlags.Static ||| BindingFlags.DeclaredOnly)

let private name (m: MemberInfo) =
    match m.DeclaringType with
    | null -> m.Name
    | t -> $"{t.FullName}.{m.Name}"

/// `out` (not `in`) and `ref` parameters of a public method or constructor.
let private byRefParameters (m: MethodBase) =
    m.GetParameters()
    |> Array.filter (fun p -> p.ParameterType.IsByRef && not p.IsIn)

/// Trailing `out` parameters read as a tuple return in F#: `let ok, value = x.TryGet()`.
/// A `ref`, or an `out` before an ordinary parameter, needs a mutable cell and `&` instead.
let private awkwardInFSharp (m: MethodBase) =
    let ps = m.GetParameters()
    let firstOut = ps |> Array.tryFindIndex (fun p -> p.ParameterType.IsByRef && p.IsOut)
    let trailingOuts = match firstOut with Some i -> ps[i..] |> Array.forall (fun p -> p.IsOut) | None -> true
    (byRefParameters m |> Array.exists (fun p -> not p.IsOut)) || not trailingOuts

[<Fact>]
let ``no public method takes ref, and out parameters come last`` () =
    let offenders =
        [ for t in publicTypes do
            for m in declaredPublic t do
                match m with
                // C# records' Deconstruct (out per field) is for C# deconstruction; F# reads the properties.
                | :? MethodBase as mb when mb.Name = "Deconstruct" -> ()
                | :? MethodBase as mb when awkwardInFSharp mb -> name m
                | _ -> () ]
    Assert.Empty offenders

[<Fact>]
let ``callbacks are delegates, not events`` () =
    let events = [ for t in publicTypes do for e in t.GetEvents() do name e ]
    Assert.Empty events

let private mutableCollection (t: Type) =
    t.IsArray
    || (t.IsGenericType
        && (let d = t.GetGenericTypeDefinition()
            d = typedefof<List<_>> || d = typedefof<Dictionary<_, _>> || d = typedefof<HashSet<_>>
            || d = typedefof<ICollection<_>> || d = typedefof<IList<_>> || d = typedefof<IDictionary<_, _>>))

[<Fact>]
let ``public properties and fields expose read-only collections`` () =
    let offenders =
        [ for t in publicTypes do
            for m in declaredPublic t do
                match m with
                | :? PropertyInfo as p when mutableCollection p.PropertyType -> name m
                | :? FieldInfo as f when mutableCollection f.FieldType -> name m
                | _ -> () ]
    Assert.Empty(offenders)

[<Fact>]
let ``public fields are constants or read-only`` () =
    let offenders =
        [ for t in publicTypes do
            for f in t.GetFields(BindingFlags.Public ||| BindingFlags.Instance ||| BindingFlags.Static) do
                // An enum's value__ is how the runtime stores it, not API.
                if not (f.IsLiteral || f.IsInitOnly || f.IsSpecialName) then name f ]
    Assert.Empty offenders

[<Fact>]
let ``messages, config and spec data are immutable records`` () =
    let settable =
        [ typeof<ElectionMessage>; typeof<Heartbeat>; typeof<Offer>; typeof<Accept>; typeof<Announce>
          typeof<Outbound>; typeof<ElectConfig>; typeof<PersistedVote>; typeof<SpecTable>; typeof<SpecRow>
          typeof<SpecInvariant>; typeof<ElectorDefinition> ]
        |> List.collect (fun t ->
            [ for p in t.GetProperties(BindingFlags.Public ||| BindingFlags.Instance) do
                match p.SetMethod with
                // init-only setters carry the IsExternalInit modifier: settable only while constructing.
                | null -> ()
                | setter when setter.ReturnParameter.GetRequiredCustomModifiers() |> Array.contains typeof<System.Runtime.CompilerServices.IsExternalInit> -> ()
                | _ -> name p ])
    Assert.Empty settable
