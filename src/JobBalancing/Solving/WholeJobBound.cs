using Google.OrTools.LinearSolver;

namespace JobBalancing.Solving;

/// <summary>What <see cref="WholeJobBound"/> settled about a level or a pair of caps.</summary>
internal enum WholeJobAnswer
{
    /// <summary>No mix of whole jobs within it covers every task: no plan is within it.</summary>
    Refuted,

    /// <summary>A fractional mix of whole jobs within it covers every task: the relaxation cannot refute it.</summary>
    NotRefuted,

    /// <summary>Time ran out, or a pricing was left unproven, before either was shown.</summary>
    Unsettled,
}

/// <summary>
/// A mix of whole jobs that covers every task (<see cref="WholeJobBound.Mix"/>).
/// </summary>
/// <param name="Allowed">The pairs the mix's jobs use, for every worker of their class, and the pairs with fixed hours.</param>
/// <param name="Hint">
/// The mix rounded to one job per worker (worker k of a class takes the job at cumulative weight k + ½): each job keeps the
/// worker's rules and is within the mix's caps, but together they may not cover every task.
/// </param>
internal sealed record JobMix(bool[] Allowed, int[] Hint);

/// <summary>
/// A lower bound from whole jobs: the configuration LP. Every worker's job is a set of at most <c>maxTasks</c> tasks in
/// whole hours, with its chunks, limits, fixed hours and rotation rules; a level of balance can be reached only if some
/// mix of such jobs, each within the level, covers every task's hours. The mix may even be fractional (each worker's
/// weights over their jobs summing to 1) and still fail to cover: then no plan is within the level. This joins what the
/// other bounds see apart — the LP relaxation divides hours freely, the per-worker bound forgets coverage, and each
/// dimension alone is easy — and on the generated M workplace refutes 0.102 where CP-SAT's capped model settles
/// nothing above 0.093 (benchmarks/RESULTS.md, "A bound from whole jobs").
/// </summary>
/// <remarks>
/// <para>
/// Caps (a, b) on the largest deviations are refuted by column generation: a GLOP master gives each class of
/// interchangeable workers (<see cref="BalancingProblem.BalanceClasses"/>) weights summing to its size over the jobs
/// found so far, with slack hours on each task's coverage at cost 1; the pricing asks CP-SAT, for one worker of each
/// class, for the job within the caps that maximises the coverage duals. Whatever the LP's accuracy, for any prices
/// <c>u</c> every plan has <c>Σ_t u_t·h_t = Σ_w u·x_w ≤ Σ_w max_job u·job</c>; with the duals rounded to whole prices and
/// CP-SAT's proven bound on each maximum, a left side above the right refutes the caps in exact integers. The rules that
/// tie workers together beyond coverage (the cap on moved workers) are left out, which only loosens the bound.
/// </para>
/// <para>
/// A level L of <c>wE·D_E + wD·D_D</c> is refuted by caps that cover the line: for D_E in [a₀, a₁], the caps
/// (a₁, (L − wE·a₀) / wD). A pair of caps not refuted is halved, down to a width of 1/<see cref="FinestShare"/> of
/// the range. The jobs found are kept in a pool across caps and levels: each master starts from the pool's jobs within its
/// caps.
/// </para>
/// </remarks>
internal sealed class WholeJobBound(BalancingProblem problem, int threads, int seed)
{
    /// <summary>Duals lie in [−1, 1]; times this they become the whole prices CP-SAT maximises.</summary>
    private const long PriceScale = 1_000_000;

    /// <summary>The segments the range of D_E is first cut into.</summary>
    private const int Segments = 8;

    /// <summary>
    /// A segment not refuted is halved down to this share of the range: on the generated M workplace, 1/64 left 0.102
    /// unrefuted; at 1/512 it was refuted in 1.1 s more, with 0.1023 (just above the best plan known) still not.
    /// </summary>
    private const int FinestShare = 512;

    /// <summary>The most column-generation iterations for one pair of caps.</summary>
    private const int MaxIterations = 400;

    /// <summary>The longest one pricing may take.</summary>
    private static readonly TimeSpan PricingTime = TimeSpan.FromSeconds(10);

    private readonly List<Job>[] _pool = [.. problem.BalanceClasses.Select(_ => new List<Job>())];

    /// <summary>The mix of the last pair of caps not refuted (see <see cref="Published"/>).</summary>
    private (int Class, int[] Hours, double Weight)[] _lastMix = [];

    /// <summary>The mix of the last level not refuted: each class's jobs (hours on its first worker's pairs) and weights.</summary>
    private (int Class, int[] Hours, double Weight)[] _mix = [];

    /// <summary>
    /// The mix of whole jobs at the last level not refuted, as pairs and a hint (<see langword="null"/> before any level
    /// was left not refuted): every job in it is within caps that cover the level (at most 1/<see cref="FinestShare"/> of
    /// D_E's range beyond it), and together they cover every task, though fractionally.
    /// On the generated M workplace a mix at 0.104 weighs 71 jobs for 48 classes of workers, most of them one job alone,
    /// and the search of its pairs ended eleven 60-s solves of twelve within 0.01 of the bound (docs/solver.md, step 3),
    /// where the swaps and the held pairs often stall at 0.129: the mix says which tasks each worker should hold.
    /// </summary>
    public JobMix? Mix()
    {
        if (_mix.Length == 0)
        {
            return null;
        }

        var allowed = problem.Pairs.Select(pair => pair.Fixed > 0).ToArray();
        var rounded = new int[problem.Pairs.Length];
        var classes = problem.BalanceClasses;
        for (var c = 0; c < classes.Length; c++)
        {
            var own = _mix.Where(m => m.Class == c).OrderByDescending(m => m.Weight).ToArray();
            var (cumulative, j) = (0.0, 0);
            for (var k = 0; k < classes[c].Length; k++)
            {
                var pairs = problem.PairsOfWorker[classes[c][k]];
                while (j < own.Length - 1 && cumulative + own[j].Weight < k + 0.5)
                {
                    cumulative += own[j++].Weight;
                }

                foreach (var job in own)
                {
                    for (var i = 0; i < pairs.Length; i++)
                    {
                        allowed[pairs[i]] |= job.Hours[i] > 0;
                    }
                }

                for (var i = 0; i < pairs.Length; i++)
                {
                    rounded[pairs[i]] = own[j].Hours[i];
                }
            }
        }

        return new JobMix(allowed, rounded);
    }

    /// <summary>
    /// Adds every worker's job in <paramref name="plan"/> to the pool: a master seeded with the jobs of a good plan starts
    /// close to covering every task, and needs fewer pricings to settle.
    /// </summary>
    public void Seed(int[] plan)
    {
        var classes = problem.BalanceClasses;
        for (var c = 0; c < classes.Length; c++)
        {
            var first = problem.PairsOfWorker[classes[c][0]];
            foreach (var w in classes[c])
            {
                // Interchangeable workers have the same tasks in the same order: their hours read as the first one's.
                var pairs = problem.PairsOfWorker[w];
                var hours = new int[first.Length];
                for (var i = 0; i < pairs.Length; i++)
                {
                    hours[i] = plan[pairs[i]];
                }

                Keep(c, hours);
            }
        }
    }

    /// <summary>
    /// Whether no plan's balance objective is at most <paramref name="level"/> (integer units), by caps that cover the line
    /// of that level.
    /// </summary>
    public WholeJobAnswer Level(long level, DateTime deadline, CancellationToken cancellationToken)
    {
        var (wE, wD) = (problem.Weights[0], problem.Weights[1]);
        if (wE == 0 && wD == 0)
        {
            return WholeJobAnswer.NotRefuted; // every plan's objective is 0
        }

        if (wE == 0 || wD == 0)
        {
            // One weighted dimension: one pair of caps, the other dimension free.
            long[] caps = wE == 0 ? [long.MaxValue, level / wD] : [level / wE, long.MaxValue];
            return Published(Caps(caps, deadline, cancellationToken));
        }

        var top = level / wE;
        var width = Math.Max(1, (top + 1) / Segments);
        var finest = Math.Max(1, (top + 1) / FinestShare);
        var segments = new Stack<(long From, long To)>();
        for (var from = (top / width) * width; from >= 0; from -= width)
        {
            segments.Push((from, Math.Min(top, from + width - 1)));
        }

        while (segments.Count > 0)
        {
            var (from, to) = segments.Pop();
            var answer = Caps([to, (level - (wE * from)) / wD], deadline, cancellationToken);
            if (answer == WholeJobAnswer.Unsettled || (answer == WholeJobAnswer.NotRefuted && to - from + 1 <= finest))
            {
                return Published(answer);
            }

            if (answer == WholeJobAnswer.NotRefuted)
            {
                var middle = from + ((to - from) / 2);
                segments.Push((middle + 1, to));
                segments.Push((from, middle));
            }
        }

        return WholeJobAnswer.Refuted;
    }

    /// <summary>Makes the last mix that covered every task the level's (<see cref="Mix"/>) when <paramref name="answer"/> leaves it not refuted.</summary>
    private WholeJobAnswer Published(WholeJobAnswer answer)
    {
        if (answer == WholeJobAnswer.NotRefuted)
        {
            _mix = _lastMix;
        }

        return answer;
    }

    /// <summary>
    /// Whether no plan has its largest deviations within <paramref name="caps"/> (integer deviation units per dimension;
    /// <see cref="long.MaxValue"/> for none): the configuration LP of whole jobs within them, by column generation.
    /// </summary>
    public WholeJobAnswer Caps(long[] caps, DateTime deadline, CancellationToken cancellationToken)
    {
        var classes = problem.BalanceClasses;
        using var master = new Master(problem, classes);
        var missing = new List<int>();
        for (var c = 0; c < classes.Length; c++)
        {
            var within = _pool[c].Where(job => job.Within(caps)).ToArray();
            foreach (var job in within)
            {
                master.Add(c, job);
            }

            if (within.Length == 0)
            {
                missing.Add(c);
            }
        }

        // A class with no job in the pool gets one, any within the caps: with none at all the caps are refuted at once.
        var first = Price(missing, caps, new long[problem.TaskCount], deadline, cancellationToken);
        if (first.Any(outcome => outcome.Bound == long.MinValue))
        {
            return WholeJobAnswer.Refuted;
        }

        if (first.Any(outcome => outcome.Job is null))
        {
            return WholeJobAnswer.Unsettled;
        }

        foreach (var (c, outcome) in missing.Zip(first))
        {
            master.Add(c, Keep(c, outcome.Job!));
        }

        var all = Enumerable.Range(0, classes.Length).ToArray();
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            if (DateTime.UtcNow >= deadline || cancellationToken.IsCancellationRequested || !master.Solve(deadline))
            {
                return WholeJobAnswer.Unsettled;
            }

            if (master.Uncovered < 1e-7)
            {
                _lastMix = master.Mix();
                return WholeJobAnswer.NotRefuted; // the mix covers every task
            }

            var prices = master.Prices(PriceScale);
            var outcomes = Price(all, caps, prices, deadline, cancellationToken);

            if (outcomes.Any(outcome => outcome.Bound == long.MinValue))
            {
                return WholeJobAnswer.Refuted; // a class without any job within the caps
            }

            // Σ_t u_t·h_t against Σ_classes size·(CP-SAT's bound on the best job): exact in integers.
            long covered = 0, most = 0;
            for (var t = 0; t < problem.TaskCount; t++)
            {
                covered += prices[t] * problem.TaskHours[t];
            }

            var proven = outcomes.All(outcome => outcome.Bound != long.MaxValue);
            for (var c = 0; proven && c < classes.Length; c++)
            {
                most += classes[c].Length * outcomes[c].Bound;
            }

            if (proven && covered > most)
            {
                return WholeJobAnswer.Refuted;
            }

            // The duals are read before any column is added: adding one discards the master's solution.
            var improving = Enumerable.Range(0, classes.Length).Where(c => outcomes[c].Job is { } job && master.Improves(c, job)).ToArray();
            if (improving.Length == 0)
            {
                return proven ? WholeJobAnswer.NotRefuted : WholeJobAnswer.Unsettled;
            }

            foreach (var c in improving)
            {
                master.Add(c, Keep(c, outcomes[c].Job!));
            }
        }

        return WholeJobAnswer.Unsettled;
    }

    /// <summary>CP-SAT's best job within <paramref name="caps"/> at <paramref name="prices"/> for one worker of each class, in parallel.</summary>
    private JobOutcome[] Price(IReadOnlyList<int> classes, long[] caps, long[] prices, DateTime deadline, CancellationToken cancellationToken)
    {
        var outcomes = new JobOutcome[classes.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads };
        Parallel.For(0, classes.Count, options, i =>
        {
            var remaining = deadline - DateTime.UtcNow;
            outcomes[i] = remaining <= TimeSpan.Zero
                ? new JobOutcome(Google.OrTools.Sat.CpSolverStatus.Unknown, null, long.MaxValue)
                : CpSatRun.SolveJob(
                    CpSatModel.BuildJob(problem, problem.BalanceClasses[classes[i]][0], caps, prices),
                    remaining < PricingTime ? remaining : PricingTime,
                    seed,
                    cancellationToken);
        });
        return outcomes;
    }

    /// <summary>Adds a job to class <paramref name="c"/>'s pool, with its largest deviations.</summary>
    private Job Keep(int c, int[] hours)
    {
        var worker = problem.BalanceClasses[c][0];
        var pairs = problem.PairsOfWorker[worker];
        var deviations = new long[2];
        foreach (var row in problem.RowsOfWorker[worker])
        {
            for (var k = 0; k < 2; k++)
            {
                long score = 0;
                for (var i = 0; i < pairs.Length; i++)
                {
                    if (problem.RowOfPair[pairs[i]] == row)
                    {
                        score += problem.Ratings[k][problem.Pairs[pairs[i]].Task] * hours[i];
                    }
                }

                deviations[k] = Math.Max(deviations[k], problem.ScaledDeviation(k, row, score));
            }
        }

        var job = new Job(hours, deviations);
        if (!_pool[c].Any(known => known.Hours.AsSpan().SequenceEqual(hours)))
        {
            _pool[c].Add(job);
        }

        return job;
    }

    /// <summary>A job of one class: hours on the pairs of its first worker, and its largest deviation in each dimension.</summary>
    private sealed record Job(int[] Hours, long[] Deviations)
    {
        public bool Within(long[] caps) => Deviations[0] <= caps[0] && Deviations[1] <= caps[1];
    }

    /// <summary>
    /// The master LP: each class's weights over its jobs sum to its size; each task's coverage, with slack hours either way
    /// at cost 1, equals its hours; the slack is minimised.
    /// </summary>
    private sealed class Master : IDisposable
    {
        private readonly BalancingProblem _problem;
        private readonly int[][] _classes;
        private readonly Solver _solver;
        private readonly Constraint[] _coverage;
        private readonly Constraint[] _size;
        private readonly List<(int Class, Job Job, Variable Weight)> _columns = [];

        public Master(BalancingProblem problem, int[][] classes)
        {
            (_problem, _classes) = (problem, classes);
            _solver = Solver.CreateSolver("GLOP") ?? throw new InvalidOperationException("OR-Tools has no GLOP solver.");
            var objective = _solver.Objective();
            objective.SetMinimization();
            _coverage = new Constraint[problem.TaskCount];
            for (var t = 0; t < problem.TaskCount; t++)
            {
                _coverage[t] = _solver.MakeConstraint(problem.TaskHours[t], problem.TaskHours[t]);
                var over = _solver.MakeNumVar(0, double.PositiveInfinity, "");
                var under = _solver.MakeNumVar(0, double.PositiveInfinity, "");
                _coverage[t].SetCoefficient(over, -1);
                _coverage[t].SetCoefficient(under, 1);
                objective.SetCoefficient(over, 1);
                objective.SetCoefficient(under, 1);
            }

            _size = [.. classes.Select(members => _solver.MakeConstraint(members.Length, members.Length))];
        }

        /// <summary>The slack hours of the last solve: 0 when the mix covers every task.</summary>
        public double Uncovered => _solver.Objective().Value();

        public void Add(int c, Job job)
        {
            var column = _solver.MakeNumVar(0, double.PositiveInfinity, "");
            _columns.Add((c, job, column));
            _size[c].SetCoefficient(column, 1);
            var pairs = _problem.PairsOfWorker[_classes[c][0]];
            for (var i = 0; i < pairs.Length; i++)
            {
                if (job.Hours[i] != 0)
                {
                    _coverage[_problem.Pairs[pairs[i]].Task].SetCoefficient(column, job.Hours[i]);
                }
            }
        }

        /// <summary>The jobs the last solve weighs above 0, with their class and weight.</summary>
        public (int Class, int[] Hours, double Weight)[] Mix() =>
            [.. _columns.Where(column => column.Weight.SolutionValue() > 1e-9).Select(column => (column.Class, column.Job.Hours, column.Weight.SolutionValue()))];

        public bool Solve(DateTime deadline)
        {
            _solver.SetTimeLimit((long)Math.Max(1, (deadline - DateTime.UtcNow).TotalMilliseconds));
            return _solver.Solve() == Solver.ResultStatus.OPTIMAL;
        }

        /// <summary>Each task's coverage dual, clipped to [−1, 1], times <paramref name="scale"/> and rounded.</summary>
        public long[] Prices(long scale) => [.. _coverage.Select(c => (long)Math.Round(Math.Clamp(c.DualValue(), -1, 1) * scale))];

        /// <summary>Whether a job of class <paramref name="c"/> with <paramref name="hours"/> has a negative reduced cost: <c>Σ_t u_t·x_t + v_c &gt; 0</c>.</summary>
        public bool Improves(int c, int[] hours)
        {
            var pairs = _problem.PairsOfWorker[_classes[c][0]];
            var gain = _size[c].DualValue();
            for (var i = 0; i < pairs.Length; i++)
            {
                gain += _coverage[_problem.Pairs[pairs[i]].Task].DualValue() * hours[i];
            }

            return gain > 1e-7;
        }

        public void Dispose()
        {
            GC.KeepAlive(_solver);
            _solver.Dispose();
        }
    }
}
