using FsCheck;
using FsCheck.Fluent;
using JobBalancing.Domain;

namespace JobBalancing.Tests.Generators;

/// <summary>A generated workplace; prints as the C# that builds it, so FsCheck's report of a failing case can be pasted into a test.</summary>
/// <param name="Value">The workplace.</param>
public sealed record GeneratedWorkplace(Workplace Value)
{
    public override string ToString() => Environment.NewLine + WorkplaceText.ToCSharp(Value);
}

/// <summary>FsCheck arbitraries of <see cref="WorkplaceShape.Small"/> workplaces (2–6 workers and tasks).</summary>
public static class SmallWorkplaces
{
    public static Arbitrary<GeneratedWorkplace> Workplaces() => Of(WorkplaceShape.Small);

    internal static Arbitrary<GeneratedWorkplace> Of(WorkplaceShape shape) =>
        Arb.From(
            WorkplaceGenerator.Workplaces(shape).Select(w => new GeneratedWorkplace(w)),
            generated => WorkplaceShrinker.Shrink(generated.Value).Select(w => new GeneratedWorkplace(w)));
}

/// <summary>FsCheck arbitraries of <see cref="WorkplaceShape.Tiny"/> workplaces (up to 3 workers and 4 tasks), small enough to enumerate.</summary>
public static class TinyWorkplaces
{
    public static Arbitrary<GeneratedWorkplace> Workplaces() => SmallWorkplaces.Of(WorkplaceShape.Tiny);
}
