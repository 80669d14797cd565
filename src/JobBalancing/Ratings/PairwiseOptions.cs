namespace JobBalancing.Ratings;

/// <summary>How priority weights, which sum to 1, become ratings on the workplace's scale.</summary>
public enum WeightMapping
{
    /// <summary>
    /// Ratios kept: <c>r_i = max · w_i / w_max</c>, so that the heaviest task gets the top of the scale and a task half as
    /// heavy gets half of it; kept at or above the scale's minimum. Needs a scale whose maximum is positive.
    /// </summary>
    Ratio,

    /// <summary>
    /// Stretched over the scale: <c>r_i = min + (max − min)·(w_i − w_min) / (w_max − w_min)</c>, so that the lightest task
    /// gets the bottom of the scale and the heaviest the top; every task gets the middle when all weigh the same.
    /// </summary>
    Range,
}

/// <summary>How <see cref="PairwiseComparison"/> turns comparisons into ratings. A plain options object with documented defaults.</summary>
public sealed class PairwiseOptions
{
    /// <summary>
    /// How weights become ratings.
    /// <value>The default value is <see cref="WeightMapping.Ratio"/>.</value>
    /// </summary>
    public WeightMapping Mapping { get; set; } = WeightMapping.Ratio;
}
