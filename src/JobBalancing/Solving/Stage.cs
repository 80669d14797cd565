namespace JobBalancing.Solving;

/// <summary>The lexicographic stages of a solve: balance first, then the tie-breaks in DESIGN.md's order.</summary>
internal enum Stage
{
    Balance,
    Training,
    Reassignment,
    Fragments,
}

/// <summary>
/// The values a plan reached in each stage, as integers of the compiled problem; a later stage keeps the earlier ones
/// at most what they were.
/// </summary>
internal sealed record StageCaps(long? Balance = null, long? Training = null, long? Reassignment = null)
{
    public static StageCaps None { get; } = new();
}
