namespace JobBalancing.Ratings;

/// <summary>What a rating measures. Empowerment and desirability are rated, aggregated and compared separately.</summary>
public enum RatingDimension
{
    /// <summary>How empowering a task is: <c>e_t</c>.</summary>
    Empowerment,

    /// <summary>How desirable a task is: <c>d_t</c>.</summary>
    Desirability,
}

/// <summary>Names and values of <see cref="RatingDimension"/>, as files and reports write them.</summary>
internal static class RatingDimensions
{
    public static readonly RatingDimension[] All = [RatingDimension.Empowerment, RatingDimension.Desirability];

    /// <summary>The dimension's name in files and reports: <c>empowerment</c>, <c>desirability</c>.</summary>
    public static string Name(this RatingDimension dimension) =>
        dimension == RatingDimension.Empowerment ? "empowerment" : "desirability";

    /// <summary>The task's current rating in <paramref name="dimension"/>.</summary>
    public static decimal RatingOf(this Domain.WorkTask task, RatingDimension dimension) =>
        dimension == RatingDimension.Empowerment ? task.Empowerment : task.Desirability;

    /// <summary>The task with its rating in <paramref name="dimension"/> replaced.</summary>
    public static Domain.WorkTask WithRating(this Domain.WorkTask task, RatingDimension dimension, decimal rating) =>
        dimension == RatingDimension.Empowerment ? task with { Empowerment = rating } : task with { Desirability = rating };
}
