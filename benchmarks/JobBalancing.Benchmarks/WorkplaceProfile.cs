namespace JobBalancing.Benchmarks;

/// <summary>
/// How a generated workplace's work differs from the standard one: the shares of empowering and skilled tasks, a shift
/// of every tier's rating ranges, and whether workers know skills beyond those of the tasks they hold now.
/// </summary>
/// <param name="Name">The profile's name in README.md.</param>
/// <param name="EmpoweringShare">The share of empowering tasks (standard 10 %; at least one task).</param>
/// <param name="SkilledShare">The share of skilled tasks (standard 20 %; at least one task).</param>
/// <param name="EmpowermentShift">Added to both ends of every tier's empowerment range, which is then kept within 1–10.</param>
/// <param name="DesirabilityShift">The same for desirability.</param>
/// <param name="ExtraSkills">
/// Whether workers know 0–3 skills beyond those of the tasks they hold (standard); without, only the current holders of a
/// task may do it, so a task held by one worker stays theirs.
/// </param>
internal sealed record WorkplaceProfile(
    string Name, double EmpoweringShare, double SkilledShare, double EmpowermentShift, double DesirabilityShift, bool ExtraSkills)
{
    /// <summary>The distributions README.md documents for the benchmark sizes.</summary>
    public static WorkplaceProfile Standard { get; } = new("standard", 0.10, 0.20, 0, 0, ExtraSkills: true);

    /// <summary>Mostly routine, less pleasant work: a print works, a warehouse.</summary>
    public static WorkplaceProfile Routine { get; } = new("routine", 0.05, 0.15, -0.3, -1.0, ExtraSkills: true);

    /// <summary>Mostly skilled and empowering, pleasant work: a design office.</summary>
    public static WorkplaceProfile Empowering { get; } = new("empowering", 0.30, 0.40, 0.5, 0.5, ExtraSkills: true);

    /// <summary>
    /// A petrol station: one small empowering task (managing it) and routine, unpleasant work, with nobody able to take
    /// over the manager's task: it cannot balance on its own.
    /// </summary>
    public static WorkplaceProfile PetrolStation { get; } = new("petrol station", 0.01, 0.01, -1.0, -1.5, ExtraSkills: false);

    /// <summary>The standard tier <paramref name="tier"/> (0 empowering, 1 skilled, 2 routine) as this profile has it.</summary>
    internal WorkplaceGenerator.TaskTier Adjust(WorkplaceGenerator.TaskTier tier, int index) => tier with
    {
        Share = index switch { 0 => EmpoweringShare, 1 => SkilledShare, _ => tier.Share },
        Empowerment = Shift(tier.Empowerment, EmpowermentShift),
        Desirability = Shift(tier.Desirability, DesirabilityShift),
    };

    private static (double Min, double Max) Shift((double Min, double Max) range, double by) =>
        (Math.Clamp(range.Min + by, 1, 10), Math.Clamp(range.Max + by, 1, 10));
}
