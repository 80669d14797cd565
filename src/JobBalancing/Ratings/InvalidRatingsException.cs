using JobBalancing.Domain;

namespace JobBalancing.Ratings;

/// <summary>Thrown when ratings or comparisons have problems; <see cref="Problems"/> lists all of them.</summary>
public sealed class InvalidRatingsException : Exception
{
    /// <summary>Creates the exception for the given problems.</summary>
    /// <param name="problems">Every problem found; at least one.</param>
    public InvalidRatingsException(IReadOnlyList<ValidationProblem> problems)
        : base(Describe(problems)) => Problems = problems;

    /// <summary>Every problem found, each with where it is (<c>line 4, empowerment</c> or <c>scores[3].task</c>) and the value.</summary>
    public IReadOnlyList<ValidationProblem> Problems { get; }

    private static string Describe(IReadOnlyList<ValidationProblem> problems) =>
        problems.Count == 1
            ? $"The ratings are invalid: {problems[0]}"
            : $"The ratings have {problems.Count} problems:{Environment.NewLine}"
              + string.Join(Environment.NewLine, problems.Select(p => "  " + p));
}
