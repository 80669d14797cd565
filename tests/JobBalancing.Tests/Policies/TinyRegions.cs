using JobBalancing.Domain;
using JobBalancing.Policies;

namespace JobBalancing.Tests.Policies;

/// <summary>
/// Tiny regions drawn from a seed: 2–3 workplaces of 1–2 workers (at most 4 in all) and 1–2 tasks each, jobs of 2–4
/// hours, random ratings, sometimes a minimum chunk, a fragmentation limit, a skill (with or without training) and a
/// service limit, and random policy parameters. Small enough for <see cref="Oracle.RegionBruteForce"/>.
/// </summary>
internal static class TinyRegions
{
    public static Region Draw(int seed)
    {
        var random = new Random(seed);
        var siteCount = random.Next(2, 4);
        var workplaces = new List<Workplace>();
        var workersLeft = 4;
        for (var s = 0; s < siteCount; s++)
        {
            var workerCount = Math.Min(random.Next(1, 3), workersLeft - (siteCount - s - 1));
            workersLeft -= workerCount;
            var skilled = random.Next(3) == 0;
            var workers = Enumerable.Range(0, workerCount)
                .Select(w => new Worker { Id = $"w{s}{w}", Hours = random.Next(2, 5), Skills = skilled && w == 0 ? ["s"] : [] })
                .ToList();
            var total = workers.Sum(w => (int)w.Hours);
            var taskCount = Math.Min(random.Next(1, 3), total);
            var first = taskCount == 1 ? total : random.Next(1, total);
            int[] hours = taskCount == 1 ? [total] : [first, total - first];
            var tasks = hours.Select((h, t) => new WorkTask
            {
                Id = $"t{t}",
                Hours = h,
                Empowerment = random.Next(1, 11),
                Desirability = random.Next(1, 11),
                Skill = skilled && t == 0 ? "s" : null,
                MinChunk = h >= 2 && random.Next(4) == 0 ? 2 : null,
                MaxPerWorker = random.Next(5) == 0 ? 3 : null,
            }).ToList();
            workplaces.Add(new Workplace
            {
                Id = $"p{s}",
                Region = "r",
                Enterprise = random.Next(2) == 0 ? "e" : null,
                Skills = skilled ? [new Skill { Id = "s", TrainingHours = 10 }] : [],
                Tasks = tasks,
                Workers = workers,
                Rules = new WorkplaceRules { MaxTasksPerWorker = random.Next(3) == 0 ? 2 : null, AllowTraining = random.Next(2) == 0 },
            });
        }

        decimal[] shares = [0.25m, 0.5m, 1];
        int?[] caps = [0, 1, 2, null];
        return new Region
        {
            Id = "tiny",
            Workplaces = workplaces,
            Policies = new PolicyOptions
            {
                Scope = random.Next(3) == 0 ? BalancingScope.Enterprise : BalancingScope.Region,
                MaxSecondaryShare = shares[random.Next(shares.Length)],
                MaxSecondaryWorkplaces = random.Next(1, 3),
                MinSecondaryHours = random.Next(0, 3),
                MaxMovedWorkers = caps[random.Next(caps.Length)],
                ServiceLimitMargin = random.Next(0, 3),
                ServiceLimitHours = random.Next(1, 4),
            },
        };
    }
}
