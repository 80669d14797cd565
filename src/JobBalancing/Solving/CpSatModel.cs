using Google.OrTools.Sat;

namespace JobBalancing.Solving;

/// <summary>
/// Builds the CP-SAT model of a <see cref="BalancingProblem"/>: for every worker in scope, integer hours
/// <c>x[w,t]</c> with a Boolean <c>b[w,t]</c> for "holds the task", the seven rules of DESIGN.md, the deviations
/// <c>Q·|T·S_w − A·H_w| ≤ H_w·D</c>, and the objective of one <see cref="Stage"/>. The same builder serves the whole
/// workplace and a neighbourhood of a few workers with everyone else held at an incumbent plan.
/// </summary>
internal sealed class CpSatModel
{
    private readonly BalancingProblem _problem;
    private readonly int[] _scope;
    private readonly bool[] _inScope;
    private readonly IntVar?[] _x;
    private readonly BoolVar?[] _held;
    private readonly Dictionary<(int Worker, int Skill), BoolVar> _training = [];
    private readonly IntVar[] _deviation = new IntVar[2];

    private CpSatModel(BalancingProblem problem, int[] scope)
    {
        _problem = problem;
        _scope = scope;
        _inScope = new bool[problem.WorkerCount];
        foreach (var w in scope)
        {
            _inScope[w] = true;
        }

        _x = new IntVar?[problem.Pairs.Length];
        _held = new BoolVar?[problem.Pairs.Length];
    }

    public CpModel Model { get; } = new();

    /// <summary>Whether the model covers every worker (not a neighbourhood).</summary>
    public bool IsWhole => _scope.Length == _problem.WorkerCount;

    /// <summary>Whether the model is of one worker alone (<see cref="BuildAlone"/>), with no outside workers.</summary>
    private bool _alone;

    /// <summary>Whether the model holds the rules alone (<see cref="BuildRulesOnly"/>).</summary>
    private bool _rulesOnly;

    /// <summary>The stage whose objective the model minimises.</summary>
    public Stage Stage { get; private set; }

    /// <summary>Whether interchangeable workers are ordered: only in the whole balance model, where who is who does not matter.</summary>
    private bool BreaksSymmetry => IsWhole && Stage == Stage.Balance && !_alone && !_rulesOnly;

    /// <summary>
    /// Builds the model for <paramref name="scope"/> (all workers when null), holding every other worker at
    /// <paramref name="incumbent"/>, minimising <paramref name="stage"/> under <paramref name="caps"/>.
    /// </summary>
    /// <param name="problem">The compiled problem.</param>
    /// <param name="stage">The stage whose objective to minimise.</param>
    /// <param name="caps">The values earlier stages reached, which this one must keep.</param>
    /// <param name="scope">The workers whose hours may change; all when <see langword="null"/>.</param>
    /// <param name="incumbent">The plan that holds the workers outside the scope.</param>
    /// <param name="lowerBound">A proven lower bound on the balance objective, stated to help CP-SAT's proof.</param>
    public static CpSatModel Build(
        BalancingProblem problem, Stage stage, StageCaps caps, int[]? scope = null, int[]? incumbent = null, long lowerBound = 0)
    {
        scope ??= [.. Enumerable.Range(0, problem.WorkerCount)];
        if (scope.Length < problem.WorkerCount && incumbent is null)
        {
            throw new ArgumentException("A neighbourhood needs an incumbent plan for the workers outside it.", nameof(incumbent));
        }

        var model = new CpSatModel(problem, scope) { Stage = stage };
        model.AddVariables();
        model.AddCoverage(incumbent);
        model.AddWorkerRules();
        model.AddDeviations(incumbent);
        model.AddSymmetryBreaking();
        model.AddObjective(stage, caps, incumbent);
        if (lowerBound > 0)
        {
            model.Model.Add(model.BalanceExpr() >= lowerBound);
        }

        return model;
    }

    /// <summary>
    /// The rules alone, with no deviations and no objective: the quickest model to hand CP-SAT when any plan will do,
    /// as the start the local search balances.
    /// </summary>
    public static CpSatModel BuildRulesOnly(BalancingProblem problem)
    {
        var model = new CpSatModel(problem, [.. Enumerable.Range(0, problem.WorkerCount)]) { Stage = Stage.Balance, _rulesOnly = true };
        model.AddVariables();
        model.AddCoverage(null);
        model.AddWorkerRules();
        return model;
    }

    /// <summary>
    /// The model of one worker alone, with no task to cover: their least deviation in dimension
    /// <paramref name="dimension"/> (0 empowerment, 1 desirability), or, for -1, their least weighted deviation
    /// <c>wE·d_E + wD·d_D</c>. What no worker can reach alone no plan reaches: it bounds the objective from below.
    /// </summary>
    public static CpSatModel BuildAlone(BalancingProblem problem, int worker, int dimension)
    {
        var model = new CpSatModel(problem, [worker]) { Stage = Stage.Balance, _alone = true };
        model.AddVariables();
        model.AddWorkerRules();
        model.AddDeviations(null);
        model.Model.Minimize(dimension < 0 ? model.BalanceExpr() : model._deviation[dimension]);
        return model;
    }

    /// <summary>Hints every variable in scope with the values of <paramref name="plan"/>.</summary>
    public void Hint(int[] plan)
    {
        if (BreaksSymmetry)
        {
            plan = _problem.OrderedWithinClasses(plan);
        }

        Model.ClearHints();
        for (var p = 0; p < _x.Length; p++)
        {
            if (_x[p] is { } x)
            {
                Model.AddHint(x, plan[p]);
                Model.AddHint(_held[p]!, plan[p] > 0);
            }
        }

        foreach (var ((w, s), y) in _training)
        {
            Model.AddHint(y, _problem.PairsOfWorker[w].Any(p => _problem.Pairs[p].TrainingSkill == s && plan[p] > 0));
        }
    }

    /// <summary>The plan in the solver's current solution: <paramref name="incumbent"/> outside the scope.</summary>
    public int[] ReadPlan(Func<IntVar, long> value, int[]? incumbent)
    {
        var plan = incumbent is null ? new int[_x.Length] : (int[])incumbent.Clone();
        for (var p = 0; p < _x.Length; p++)
        {
            if (_x[p] is { } x)
            {
                plan[p] = checked((int)value(x));
            }
        }

        return plan;
    }

    private void AddVariables()
    {
        foreach (var w in _scope)
        {
            foreach (var p in _problem.PairsOfWorker[w])
            {
                var pair = _problem.Pairs[p];
                var held = Model.NewBoolVar($"b{w}_{pair.Task}");
                var domain = pair.Fixed > 0
                    ? new Google.OrTools.Util.Domain(pair.Lowest, pair.Upper)
                    : Google.OrTools.Util.Domain.FromIntervals([[0, 0], [pair.Lowest, pair.Upper]]);
                var x = Model.NewIntVarFromDomain(domain, $"x{w}_{pair.Task}");
                Model.Add(x >= pair.Lowest).OnlyEnforceIf(held);
                Model.Add(x == 0).OnlyEnforceIf(held.Not());
                if (pair.Fixed > 0)
                {
                    Model.Add(held == 1);
                }

                _x[p] = x;
                _held[p] = held;
                if (pair.TrainingSkill >= 0)
                {
                    var key = (w, pair.TrainingSkill);
                    if (!_training.TryGetValue(key, out var trained))
                    {
                        trained = Model.NewBoolVar($"y{w}_{pair.TrainingSkill}");
                        _training[key] = trained;
                    }

                    Model.AddImplication(held, trained);
                }
            }
        }
    }

    /// <summary>Coverage: <c>Σ_w x[w,t] = h_t</c>, less what workers outside the scope hold.</summary>
    private void AddCoverage(int[]? incumbent)
    {
        for (var t = 0; t < _problem.TaskCount; t++)
        {
            long remaining = _problem.TaskHours[t];
            var sum = LinearExpr.NewBuilder();
            foreach (var p in _problem.PairsOfTask[t])
            {
                if (_x[p] is { } x)
                {
                    sum.Add(x);
                }
                else
                {
                    remaining -= incumbent![p];
                }
            }

            Model.Add(sum == remaining);
        }
    }

    /// <summary>Capacity <c>Σ_t x[w,t] = H_w</c> and fragmentation <c>Σ_t b[w,t] ≤ maxTasks</c>.</summary>
    private void AddWorkerRules()
    {
        foreach (var w in _scope)
        {
            var pairs = _problem.PairsOfWorker[w];
            Model.Add(LinearExpr.Sum(pairs.Select(p => _x[p]!)) == _problem.WorkerHours[w]);
            if (_problem.MaxTasksPerWorker < pairs.Length)
            {
                Model.Add(LinearExpr.Sum(pairs.Select(p => _held[p]!)) <= _problem.MaxTasksPerWorker);
            }
        }
    }

    /// <summary>
    /// <c>D_k ≥ Q·|T·S_w − A_k·H_w| / H_w</c> for every worker in scope and dimension k; workers outside the scope
    /// contribute their incumbent deviation as a constant lower bound on <c>D_k</c>.
    /// </summary>
    private void AddDeviations(int[]? incumbent)
    {
        for (var k = 0; k < 2; k++)
        {
            long outside = 0;
            if (!IsWhole && !_alone)
            {
                for (var w = 0; w < _problem.WorkerCount; w++)
                {
                    if (!_inScope[w])
                    {
                        outside = Math.Max(outside, _problem.ScaledDeviation(k, w, Score(k, w, incumbent!)));
                    }
                }
            }

            var upper = Enumerable.Range(0, _problem.WorkerCount).Max(w => WorstDeviation(k, w));
            var deviation = Model.NewIntVar(outside, Math.Max(outside, upper), k == 0 ? "DE" : "DD");
            _deviation[k] = deviation;
            if (_problem.Weights[k] == 0)
            {
                continue;
            }

            var q = _problem.DeviationScale;
            var t = _problem.TotalHours;
            foreach (var w in _scope)
            {
                var h = _problem.WorkerHours[w];
                var offset = q * _problem.RatingTotals[k] * h;
                var scaled = LinearExpr.NewBuilder();
                foreach (var p in _problem.PairsOfWorker[w])
                {
                    scaled.AddTerm(_x[p]!, q * t * _problem.Ratings[k][_problem.Pairs[p].Task]);
                }

                // Q·(T·S_w − A·H_w) ≤ H_w·D and −Q·(T·S_w − A·H_w) ≤ H_w·D.
                Model.Add(scaled - offset <= h * deviation);
                Model.Add(offset - scaled <= h * deviation);
            }
        }
    }

    /// <summary>Interchangeable workers are ordered by empowerment score, which removes their permutations.</summary>
    private void AddSymmetryBreaking()
    {
        if (!BreaksSymmetry)
        {
            return;
        }

        foreach (var group in _problem.BalanceClasses)
        {
            for (var i = 0; i + 1 < group.Length; i++)
            {
                Model.Add(ScoreExpr(0, group[i]) >= ScoreExpr(0, group[i + 1]));
            }
        }
    }

    private void AddObjective(Stage stage, StageCaps caps, int[]? incumbent)
    {
        var balance = BalanceExpr();
        if (caps.Balance is { } balanceCap)
        {
            Model.Add(balance <= balanceCap);
        }

        if (caps.Training is { } trainingCap)
        {
            Model.Add(TrainingExpr() <= trainingCap - OutsideTotal(incumbent, Stage.Training));
        }

        if (caps.Reassignment is { } reassignmentCap)
        {
            Model.Add(ReassignmentExpr() <= reassignmentCap - OutsideTotal(incumbent, Stage.Reassignment));
        }

        Model.Minimize(stage switch
        {
            Stage.Balance => balance,
            Stage.Training => TrainingExpr(),
            Stage.Reassignment => ReassignmentExpr(),
            _ => LinearExpr.Sum(_held.Where(b => b is not null).Select(b => b!)),
        });
    }

    /// <summary>The integer objective <c>wE'·D_E + wD'·D_D</c>.</summary>
    private LinearExpr BalanceExpr() =>
        LinearExpr.WeightedSum([_deviation[0], _deviation[1]], [_problem.Weights[0], _problem.Weights[1]]);

    private LinearExpr TrainingExpr() =>
        LinearExpr.WeightedSum(_training.Values, _training.Keys.Select(k => _problem.TrainingCost[k.Skill]));

    /// <summary><c>Σ_{w,t} max(0, x[w,t] − current[w,t])</c> over workers with a current assignment.</summary>
    private LinearExprBuilder ReassignmentExpr()
    {
        var sum = LinearExpr.NewBuilder();
        foreach (var w in _scope.Where(w => _problem.HasCurrent[w]))
        {
            foreach (var p in _problem.PairsOfWorker[w])
            {
                var current = _problem.Pairs[p].Current;
                if (current == 0)
                {
                    sum.Add(_x[p]!);
                }
                else if (current < _problem.Pairs[p].Upper)
                {
                    var excess = Model.NewIntVar(0, _problem.Pairs[p].Upper - current, $"r{p}");
                    Model.Add(excess >= _x[p]! - current);
                    sum.Add(excess);
                }
            }
        }

        return sum;
    }

    /// <summary>The total of a tie-break for the workers outside the scope, held at the incumbent.</summary>
    private long OutsideTotal(int[]? incumbent, Stage stage)
    {
        if (IsWhole)
        {
            return 0;
        }

        var outside = Enumerable.Range(0, _problem.WorkerCount).Where(w => !_inScope[w]);
        var values = StageValues.Of(_problem, incumbent!, outside);
        return stage == Stage.Training ? values.Training : values.Reassignment;
    }

    private LinearExpr ScoreExpr(int k, int w) =>
        LinearExpr.WeightedSum(
            _problem.PairsOfWorker[w].Select(p => _x[p]!),
            _problem.PairsOfWorker[w].Select(p => _problem.Ratings[k][_problem.Pairs[p].Task]));

    private long Score(int k, int w, int[] plan) =>
        _problem.PairsOfWorker[w].Sum(p => _problem.Ratings[k][_problem.Pairs[p].Task] * plan[p]);

    /// <summary>An upper bound on worker w's scaled deviation: all hours on the extreme rating.</summary>
    private long WorstDeviation(int k, int w)
    {
        var ratings = _problem.Ratings[k];
        var h = _problem.WorkerHours[w];
        return Math.Max(
            _problem.ScaledDeviation(k, w, ratings.Max() * h),
            _problem.ScaledDeviation(k, w, ratings.Min() * h));
    }
}
