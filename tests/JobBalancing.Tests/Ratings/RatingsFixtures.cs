using JobBalancing.Domain;

namespace JobBalancing.Tests.Ratings;

/// <summary>Small workplaces whose tasks the rating tests score and compare.</summary>
internal static class RatingsFixtures
{
    /// <summary>A valid workplace with the given tasks, 10 h each, and one worker who holds them all.</summary>
    public static Workplace WithTasks(IEnumerable<string> ids, RatingScale? scale = null)
    {
        var tasks = ids.Select(id => new WorkTask { Id = id, Hours = 10, Empowerment = (scale ?? RatingScale.Default).Min, Desirability = (scale ?? RatingScale.Default).Min }).ToList();
        return new Workplace
        {
            Id = "test",
            RatingScale = scale ?? RatingScale.Default,
            Tasks = tasks,
            Workers = [new Worker { Id = "solo", Hours = 10 * tasks.Count }],
        };
    }
}
