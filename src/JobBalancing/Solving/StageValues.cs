namespace JobBalancing.Solving;

/// <summary>
/// What a plan (hours per pair, in units) scores in each stage, in the integers of the compiled problem: the model's
/// own measure, computed without the model, so that a neighbourhood's result can be compared with the incumbent's.
/// </summary>
internal readonly record struct StageValues(long Balance, long Training, long Reassignment, long Fragments, long DeviationSum)
{
    public static StageValues Of(BalancingProblem problem, int[] plan, IEnumerable<int>? workers = null)
    {
        workers ??= Enumerable.Range(0, problem.WorkerCount);
        long training = 0, reassignment = 0, fragments = 0;
        var deviation = new long[2];
        long deviationSum = 0;
        foreach (var w in workers)
        {
            var learned = new HashSet<int>();
            foreach (var p in problem.PairsOfWorker[w])
            {
                var x = plan[p];
                if (x == 0)
                {
                    continue;
                }

                var pair = problem.Pairs[p];
                fragments++;
                if (pair.TrainingSkill >= 0 && learned.Add(pair.TrainingSkill))
                {
                    training += problem.TrainingCost[pair.TrainingSkill];
                }

                reassignment += problem.Reassigned(p, plan);
            }

            foreach (var r in problem.RowsOfWorker[w])
            {
                for (var k = 0; k < 2; k++)
                {
                    var own = problem.ScaledDeviation(k, r, problem.Score(k, r, plan));
                    deviation[k] = Math.Max(deviation[k], own);
                    deviationSum += problem.Weights[k] * own;
                }
            }
        }

        var balance = (problem.Weights[0] * deviation[0]) + (problem.Weights[1] * deviation[1]);
        return new StageValues(balance, training, reassignment, fragments, deviationSum);
    }

    /// <summary>The value of <paramref name="stage"/>.</summary>
    public long Of(Stage stage) => stage switch
    {
        Stage.Balance => Balance,
        Stage.Training => Training,
        Stage.Reassignment => Reassignment,
        _ => Fragments,
    };

    /// <summary>
    /// Whether these values are better than <paramref name="other"/> in <paramref name="stage"/>: in the balance stage,
    /// a lower objective or the same with less total deviation; in a tie-break, lexicographically from it on.
    /// </summary>
    public bool IsBetterThan(StageValues other, Stage stage)
    {
        if (stage == Stage.Balance)
        {
            return Balance != other.Balance ? Balance < other.Balance : DeviationSum < other.DeviationSum;
        }

        for (var s = stage; s <= Stage.Fragments; s++)
        {
            var (mine, theirs) = (Of(s), other.Of(s));
            if (mine != theirs)
            {
                return mine < theirs;
            }
        }

        return false;
    }
}
