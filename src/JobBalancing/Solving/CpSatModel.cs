using Google.OrTools.Sat;

namespace JobBalancing.Solving;

/// <summary>
/// Builds the CP-SAT model of a <see cref="BalancingProblem"/>: for every worker in scope, integer hours
/// <c>x[w,t]</c> with a Boolean <c>b[w,t]</c> for "holds the task", the seven rules of DESIGN.md (capacity and
/// fragmentation in every period), the rules of work at other sites, the deviations of every balance row
/// <c>c_g·|T_g·S_r − A_g·H_r| ≤ H_r·D</c>, and the objective of one <see cref="Stage"/>. The same builder serves a
/// workplace, a region and a horizon, whole or as a neighbourhood of a few workers with everyone else held at an
/// incumbent plan.
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

    /// <summary>Per dimension, the largest deviation of a row outside the scope: a constant floor under <see cref="_deviation"/>.</summary>
    private readonly long[] _outside = new long[2];

    /// <summary>In a balance neighbourhood, each row's own deviation variable, its dimension and its row.</summary>
    private readonly List<(IntVar Bound, int K, int Row)> _rowBounds = [];
    private readonly Dictionary<(int Worker, int Site), BoolVar> _worksAt = [];
    private readonly List<BoolVar> _moved = [];

    /// <summary>In a balance neighbourhood, <c>Σ_r wE·d_E,r + wD·d_D,r</c> over the rows in scope (see <see cref="AddObjective"/>).</summary>
    private readonly LinearExprBuilder _spread = LinearExpr.NewBuilder();

    private int _spreadRows;

    /// <summary>The zero and the false that stand for every pair outside the allowed ones.</summary>
    private IntVar? _none;

    private BoolVar? _never;

    /// <summary>The pairs that may take hours; all when <see langword="null"/> (see <see cref="Build"/>).</summary>
    private readonly bool[]? _allowed;

    private CpSatModel(BalancingProblem problem, int[] scope, bool[]? allowed = null)
    {
        _problem = problem;
        _scope = scope;
        _allowed = allowed;
        _inScope = new bool[problem.WorkerCount];
        foreach (var w in scope)
        {
            _inScope[w] = true;
        }

        _x = new IntVar?[problem.Pairs.Length];
        _held = new BoolVar?[problem.Pairs.Length];
    }

    public CpModel Model { get; } = new();

    /// <summary>Whether the model covers every worker and every pair (not a neighbourhood): its bound bounds the problem.</summary>
    public bool IsWhole => CoversAllWorkers && _allowed is null;

    /// <summary>Whether every worker is in scope, so that no one is held at an incumbent: its objective is the plan's.</summary>
    public bool CoversAllWorkers => _scope.Length == _problem.WorkerCount;

    /// <summary>Whether the model is of one worker alone (<see cref="BuildAlone"/>), with no outside workers.</summary>
    private bool _alone;

    /// <summary>Whether the model holds the rules alone (<see cref="BuildRulesOnly"/>).</summary>
    private bool _rulesOnly;

    /// <summary>The stage whose objective the model minimises.</summary>
    public Stage Stage { get; private set; }

    /// <summary>
    /// Whether the model is a balance neighbourhood, which also spreads its workers' deviations down (a whole model's
    /// objective must stay the balance alone: its bound is the problem's).
    /// </summary>
    private bool Spreads => !CoversAllWorkers && Stage == Stage.Balance && !_alone && !_rulesOnly;

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
    /// <param name="allowed">
    /// The pairs that may take hours (every pair with fixed hours must be among them); all when <see langword="null"/>.
    /// A neighbourhood of pairs rather than of workers: its bound bounds nothing but itself.
    /// </param>
    public static CpSatModel Build(
        BalancingProblem problem, Stage stage, StageCaps caps, int[]? scope = null, int[]? incumbent = null, long lowerBound = 0, bool[]? allowed = null)
    {
        scope ??= [.. Enumerable.Range(0, problem.WorkerCount)];
        if (scope.Length < problem.WorkerCount && incumbent is null)
        {
            throw new ArgumentException("A neighbourhood needs an incumbent plan for the workers outside it.", nameof(incumbent));
        }

        var model = new CpSatModel(problem, scope, allowed) { Stage = stage };
        model.AddVariables();
        model.AddCoverage(incumbent);
        model.AddWorkerRules(incumbent);
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
        model.AddWorkerRules(null);
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
        model.AddWorkerRules(null);
        model.AddDeviations(null);
        model.Model.Minimize(dimension < 0 ? model.BalanceExpr() : model._deviation[dimension]);
        return model;
    }

    /// <summary>
    /// The model of one worker's job for <see cref="WholeJobBound"/>: the worker's rules, no task to cover, the largest
    /// deviation of each weighted dimension at most <paramref name="caps"/> (integer deviation units), and the objective
    /// to <em>maximise</em> <c>Σ_t price_t·x[w,t]</c>.
    /// </summary>
    public static CpSatModel BuildJob(BalancingProblem problem, int worker, long[] caps, long[] prices)
    {
        var model = new CpSatModel(problem, [worker]) { Stage = Stage.Balance, _alone = true };
        model.AddVariables();
        model.AddWorkerRules(null);
        model.AddDeviations(null);
        for (var k = 0; k < 2; k++)
        {
            if (problem.Weights[k] != 0)
            {
                model.Model.Add(model._deviation[k] <= caps[k]);
            }
        }

        var pairs = problem.PairsOfWorker[worker];
        model.Model.Maximize(LinearExpr.WeightedSum(pairs.Select(p => model._x[p]!), pairs.Select(p => prices[problem.Pairs[p].Task])));
        return model;
    }

    /// <summary>The hours of a one-worker model's solution on that worker's pairs, in the order of <see cref="BalancingProblem.PairsOfWorker"/>.</summary>
    public int[] ReadJob(Func<IntVar, long> value) => [.. _problem.PairsOfWorker[_scope[0]].Select(p => checked((int)value(_x[p]!)))];

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
            if (_x[p] is { } x && !ReferenceEquals(x, _none))
            {
                Model.AddHint(x, plan[p]);
                Model.AddHint(_held[p]!, plan[p] > 0);
            }
        }

        foreach (var ((w, s), y) in _training)
        {
            Model.AddHint(y, _problem.PairsOfWorker[w].Any(p => _problem.Pairs[p].TrainingSkill == s && plan[p] > 0));
        }

        // The deviations too, so that the hint is complete: CP-SAT then takes a hint that keeps the rules as its first
        // solution at once. Without them, on 2,000 × 300 it found no plan as good as the hint in 20 s on the held pairs.
        for (var k = 0; k < 2; k++)
        {
            if (_deviation[k] is not null)
            {
                var rows = _scope.SelectMany(w => _problem.RowsOfWorker[w]);
                var largest = _problem.Weights[k] == 0 ? _outside[k] : rows.Select(r => _problem.ScaledDeviation(k, r, _problem.Score(k, r, plan))).Append(_outside[k]).Max();
                Model.AddHint(_deviation[k], largest);
            }
        }

        foreach (var (bound, k, r) in _rowBounds)
        {
            Model.AddHint(bound, _problem.ScaledDeviation(k, r, _problem.Score(k, r, plan)));
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

    private BoolVar NewFalse()
    {
        var never = Model.NewBoolVar("never");
        Model.Add(never == 0);
        return never;
    }

    private void AddVariables()
    {
        foreach (var w in _scope)
        {
            foreach (var p in _problem.PairsOfWorker[w])
            {
                var pair = _problem.Pairs[p];
                if (_allowed is { } allowed && !allowed[p])
                {
                    // A pair outside the allowed ones holds nothing: one shared zero and one shared false stand for all.
                    _x[p] = _none ??= Model.NewConstant(0);
                    _held[p] = _never ??= NewFalse();
                    continue;
                }

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

    /// <summary>
    /// Capacity <c>Σ_t x[w,t] = H_w,p</c> and fragmentation <c>Σ_t b[w,t] ≤ maxTasks</c> in every period, and the rules
    /// of work at other sites.
    /// </summary>
    private void AddWorkerRules(int[]? incumbent)
    {
        foreach (var w in _scope)
        {
            for (var period = 0; period < _problem.PeriodCount; period++)
            {
                var pairs = _problem.PairsOfWorkerPeriod[w][period];
                Model.Add(LinearExpr.Sum(pairs.Select(p => _x[p]!)) == _problem.WorkerPeriodHours[w][period]);
                if (_problem.MaxTasks[w] < pairs.Length)
                {
                    Model.Add(LinearExpr.Sum(pairs.Select(p => _held[p]!)) <= _problem.MaxTasks[w]);
                }
            }

            if (_problem.Spec.Mixing is { } mixing)
            {
                AddMixing(w, mixing);
            }

            AddRotation(w);
        }

        if (_problem.Spec.Mixing is { WholeWorkers: true, MaxMovedWorkers: { } cap } && !_alone)
        {
            // Workers outside the scope stay where the incumbent has them, and count against the cap as they are.
            var outside = CoversAllWorkers ? 0 : Enumerable.Range(0, _problem.WorkerCount).Count(w => !_inScope[w] && _problem.IsAway(incumbent!, w));
            Model.Add(LinearExpr.Sum(_moved) <= cap - outside);
        }
    }

    /// <summary>
    /// Work at other sites for worker <paramref name="w"/>: with whole workers, one site per period (and whether they
    /// moved); otherwise at most a share of each period's hours, at most so many other sites, and at least the least
    /// secondary hours at a site in a period where they work there.
    /// </summary>
    private void AddMixing(int w, SiteMixing mixing)
    {
        var home = _problem.WorkerHome[w];
        for (var period = 0; period < _problem.PeriodCount; period++)
        {
            var bySite = _problem.PairsOfWorkerPeriod[w][period].GroupBy(p => _problem.TaskSite[_problem.Pairs[p].Task]).ToArray();
            if (mixing.WholeWorkers)
            {
                // One site per period: holding any task at a site puts the worker there.
                var at = bySite.Select(site => (Pairs: site.ToArray(), Literal: Model.NewBoolVar($"z{w}_{site.Key}_{period}"))).ToArray();
                Model.AddAtMostOne(at.Select(a => a.Literal));
                foreach (var (pairs, literal) in at)
                {
                    foreach (var p in pairs)
                    {
                        Model.AddImplication(_held[p]!, literal);
                    }
                }

                continue;
            }

            var secondary = bySite.Where(site => site.Key != home).SelectMany(site => site).Select(p => _x[p]!).ToArray();
            if (secondary.Length > 0)
            {
                Model.Add(LinearExpr.Sum(secondary) <= _problem.SecondaryCap(w, period));
            }

            foreach (var site in bySite.Where(site => site.Key != home))
            {
                var works = WorksAt(w, site.Key);
                var here = Model.NewBoolVar($"v{w}_{site.Key}_{period}");
                foreach (var p in site)
                {
                    Model.AddImplication(_held[p]!, here);
                }

                Model.AddImplication(here, works);
                Model.Add(LinearExpr.Sum(site.Select(p => _x[p]!)) >= _problem.MinSecondaryUnits).OnlyEnforceIf(here);
            }
        }

        if (mixing is { WholeWorkers: true, MaxMovedWorkers: not null })
        {
            var moved = Model.NewBoolVar($"m{w}");
            foreach (var p in _problem.PairsOfWorker[w].Where(p => _problem.IsSecondary[p]))
            {
                Model.AddImplication(_held[p]!, moved);
            }

            _moved.Add(moved);
        }

        var sites = _worksAt.Where(e => e.Key.Worker == w).Select(e => e.Value).ToArray();
        if (sites.Length > mixing.MaxSecondarySites)
        {
            Model.Add(LinearExpr.Sum(sites) <= mixing.MaxSecondarySites);
        }
    }

    /// <summary>
    /// The rotation rules of worker w: at most L consecutive periods of service in each limit's tasks (a literal per
    /// period for "serves", at most L of any L + 1 in a row), the least stay in a task they were trained for
    /// (<c>b[p] − b[p−1] ≤ b[p+j]</c>), and the period tolerance <c>|T_p·S_wp − A_p·H_wp| ≤ cap</c>.
    /// </summary>
    private void AddRotation(int w)
    {
        var periods = _problem.PeriodCount;
        foreach (var window in _problem.ServiceWindows)
        {
            var serves = new BoolVar[periods];
            for (var period = 0; period < periods; period++)
            {
                serves[period] = Model.NewBoolVar($"serve{w}_{period}");
                foreach (var p in _problem.PairsOfWorkerPeriod[w][period].Where(p => window.Covers(_problem.Pairs[p].Task)))
                {
                    Model.AddImplication(_held[p]!, serves[period]);
                }
            }

            for (var start = 0; start + window.MaxConsecutive < periods; start++)
            {
                Model.Add(LinearExpr.Sum(serves.Skip(start).Take(window.MaxConsecutive + 1)) <= window.MaxConsecutive);
            }
        }

        foreach (var chain in _problem.StayChains[w])
        {
            for (var period = 0; period < periods; period++)
            {
                if (chain[period] < 0)
                {
                    continue;
                }

                var held = _held[chain[period]]!;
                for (var later = period + 1; later < period + _problem.MinStayPeriods && later < periods && chain[later] >= 0; later++)
                {
                    // Starting at `period` (held now, not before) means holding it at `later` too.
                    if (period > 0 && chain[period - 1] >= 0)
                    {
                        Model.Add(held - _held[chain[period - 1]]! <= _held[chain[later]]!);
                    }
                    else
                    {
                        Model.AddImplication(held, _held[chain[later]]!);
                    }
                }
            }
        }

        if (_problem.ToleranceCaps is { } caps)
        {
            for (var period = 0; period < periods; period++)
            {
                var pairs = _problem.PairsOfWorkerPeriod[w][period];
                if (pairs.Length == 0)
                {
                    continue;
                }

                for (var k = 0; k < 2; k++)
                {
                    var scaled = LinearExpr.WeightedSum(pairs.Select(p => _x[p]!), pairs.Select(p => _problem.PeriodHours[period] * _problem.Ratings[k][_problem.Pairs[p].Task]));
                    var offset = _problem.PeriodTotals[k][period] * _problem.WorkerPeriodHours[w][period];
                    Model.Add(scaled - offset <= caps[w][period]);
                    Model.Add(offset - scaled <= caps[w][period]);
                }
            }
        }
    }

    /// <summary>"Worker w works at site s in some period": one literal per (worker, other site).</summary>
    private BoolVar WorksAt(int w, int site)
    {
        if (!_worksAt.TryGetValue((w, site), out var works))
        {
            _worksAt[(w, site)] = works = Model.NewBoolVar($"s{w}_{site}");
        }

        return works;
    }

    /// <summary>
    /// <c>D_k ≥ c_g·|T_g·S_r − A_g·H_r| / H_r</c> for every balance row of the workers in scope and dimension k; the rows
    /// of workers outside the scope contribute their incumbent deviation as a constant lower bound on <c>D_k</c>.
    /// </summary>
    private void AddDeviations(int[]? incumbent)
    {
        for (var k = 0; k < 2; k++)
        {
            long outside = 0;
            if (!CoversAllWorkers && !_alone)
            {
                for (var r = 0; r < _problem.Rows.Length; r++)
                {
                    if (!_inScope[_problem.Rows[r].Worker])
                    {
                        outside = Math.Max(outside, _problem.ScaledDeviation(k, r, _problem.Score(k, r, incumbent!)));
                    }
                }
            }

            // A one-worker model needs the bound of its own rows only: on 2,000 workers, every row's would cost more than
            // solving the model.
            var rows = _alone ? _problem.RowsOfWorker[_scope[0]] : Enumerable.Range(0, _problem.Rows.Length);
            var (lowest, highest) = (_problem.Ratings[k].DefaultIfEmpty(0).Min(), _problem.Ratings[k].DefaultIfEmpty(0).Max());
            var upper = rows.Select(r => WorstDeviation(k, r, lowest, highest)).DefaultIfEmpty(0).Max();
            var deviation = Model.NewIntVar(outside, Math.Max(outside, upper), k == 0 ? "DE" : "DD");
            (_deviation[k], _outside[k]) = (deviation, outside);
            if (_problem.Weights[k] == 0)
            {
                continue;
            }

            foreach (var w in _scope)
            {
                foreach (var r in _problem.RowsOfWorker[w])
                {
                    var (h, g) = (_problem.Rows[r].Hours, _problem.Rows[r].Group);
                    var c = _problem.GroupFactor[g];
                    var offset = c * _problem.GroupTotals[k][g] * h;
                    var scaled = LinearExpr.NewBuilder();
                    foreach (var p in _problem.PairsOfRow[r])
                    {
                        scaled.AddTerm(_x[p]!, c * _problem.GroupHours[g] * _problem.Ratings[k][_problem.Pairs[p].Task]);
                    }

                    // c·(T·S_r − A·H_r) ≤ H_r·D and −c·(T·S_r − A·H_r) ≤ H_r·D; in a neighbourhood through the row's own d_r ≤ D.
                    var bound = deviation;
                    if (Spreads)
                    {
                        bound = Model.NewIntVar(0, Math.Max(outside, upper), $"d{k}_{r}");
                        Model.Add(bound <= deviation);
                        _spread.AddTerm(bound, _problem.Weights[k]);
                        _spreadRows++;
                        _rowBounds.Add((bound, k, r));
                    }

                    Model.Add(scaled - offset <= h * bound);
                    Model.Add(offset - scaled <= h * bound);
                }
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

        // A neighbourhood that cannot lower the balance can still bring its workers closer to the averages, which leaves
        // the next neighbourhood room to move: each unit of balance outweighs a unit on every row in scope.
        Model.Minimize(stage switch
        {
            Stage.Balance when Spreads => (Math.Max(1, _spreadRows) * balance) + _spread,
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

    /// <summary>
    /// <c>Σ_{w,t} max(0, x[w,t] − current[w,t])</c> in the first period over workers with a current assignment, and
    /// <c>Σ_{w,t} max(0, x[w,t,p] − x[w,t,p−1])</c> in every later one: hours taken up that the worker did not hold before.
    /// </summary>
    private LinearExprBuilder ReassignmentExpr()
    {
        var sum = LinearExpr.NewBuilder();
        foreach (var w in _scope)
        {
            foreach (var p in _problem.PairsOfWorker[w])
            {
                if (_problem.TaskPeriod[_problem.Pairs[p].Task] > 0)
                {
                    if (_problem.PreviousPair[p] is var previous && previous < 0)
                    {
                        sum.Add(_x[p]!);
                    }
                    else
                    {
                        var taken = Model.NewIntVar(0, _problem.Pairs[p].Upper, $"r{p}");
                        Model.Add(taken >= _x[p]! - _x[previous]!);
                        sum.Add(taken);
                    }

                    continue;
                }

                if (!_problem.HasCurrent[w])
                {
                    continue;
                }

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
        if (CoversAllWorkers)
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

    /// <summary>An upper bound on row r's scaled deviation: all its hours on the <paramref name="lowest"/> or <paramref name="highest"/> rating.</summary>
    private long WorstDeviation(int k, int r, long lowest, long highest)
    {
        var h = _problem.Rows[r].Hours;
        return Math.Max(_problem.ScaledDeviation(k, r, highest * h), _problem.ScaledDeviation(k, r, lowest * h));
    }
}
