using System.Globalization;
using Google.OrTools.Sat;
using JobBalancing.Domain;
using static JobBalancing.Domain.Numbers;

namespace JobBalancing.Diagnostics;

/// <summary>The rules found to conflict, and whether the set is proven irreducible.</summary>
/// <param name="Rules">The conflicting rules; empty when the rules were found to be consistent or nothing was proven in time.</param>
/// <param name="IsMinimal">Whether every rule of the set was shown necessary: drop any one and a plan exists.</param>
/// <param name="Solves">How many CP-SAT solves the search took.</param>
internal sealed record Conflict(IReadOnlyList<ConflictingRule> Rules, bool IsMinimal, int Solves);

/// <summary>
/// Finds a minimal set of rules that no plan keeps at once. Every rule instance of DESIGN.md (coverage of each task,
/// capacity of each worker, qualification per skill, chunk and service limit per task, each fixed and each excluded
/// pair, the fragmentation limit per worker) gets an assumption literal that enforces it; CP-SAT's core of failed
/// assumptions is the first candidate, and deletion shrinks it until dropping any rule makes a plan possible.
/// </summary>
/// <remarks>
/// The model is built here from the domain, not from the solver's compiled problem: it must also express the rules
/// that compilation folds away (a pair a worker is excluded from has no variable there), and it keeps no objective.
/// CP-SAT runs with one worker, the setting under which its core of assumptions is reported.
/// </remarks>
internal sealed class ConflictFinder
{
    /// <summary>
    /// The most (worker, task) pairs a workplace may have for the search: the model has two variables per pair, none
    /// pruned, and at 1,000 × 200 building it alone would cost more than the explanation is worth.
    /// </summary>
    public const int MaxPairs = 50_000;

    private readonly Workplace _workplace;
    private readonly CpModel _model = new();
    private readonly List<(ILiteral Literal, ConflictingRule Rule)> _rules = [];
    private readonly IntVar[,] _x;
    private readonly BoolVar[,] _held;

    private ConflictFinder(Workplace workplace)
    {
        _workplace = workplace;
        _x = new IntVar[workplace.Workers.Count, workplace.Tasks.Count];
        _held = new BoolVar[workplace.Workers.Count, workplace.Tasks.Count];
    }

    /// <summary>Every rule instance the model holds, in the order they were added.</summary>
    public IReadOnlyList<ConflictingRule> AllRules => [.. _rules.Select(r => r.Rule)];

    /// <summary>
    /// A minimal set of conflicting rules of <paramref name="workplace"/>, which must be valid; within
    /// <paramref name="timeLimit"/> in all.
    /// </summary>
    public static Conflict Find(Workplace workplace, TimeSpan timeLimit, CancellationToken cancellationToken = default)
    {
        if ((long)workplace.Workers.Count * workplace.Tasks.Count > MaxPairs)
        {
            return new Conflict([], IsMinimal: false, Solves: 0);
        }

        var finder = new ConflictFinder(workplace);
        finder.Build();
        return finder.Shrink(timeLimit, cancellationToken);
    }

    /// <summary>What to say when a search proved there is no plan but no single task or worker explains it.</summary>
    public const string NoPlanAtAll = "no plan keeps every rule at once, though no single task or worker is short of hours on its own";

    /// <summary>
    /// The explanation in words: the arithmetic <paramref name="reason"/> when there is one, then the conflicting rules.
    /// </summary>
    public static string Explain(string? reason, Conflict conflict)
    {
        var summary = reason ?? NoPlanAtAll;
        if (conflict.Rules.Count == 0)
        {
            return summary;
        }

        var heading = conflict.IsMinimal
            ? "rules that conflict (drop any one and a plan exists)"
            : "rules that conflict (not shown to be minimal in the time allowed)";
        return $"{summary}. The {heading}: {string.Join("; ", conflict.Rules)}";
    }

    /// <summary>The model with every rule, for experiments: the literals and CP-SAT's first core.</summary>
    internal static (int Rules, int[] Core, CpSolverStatus Status) FirstCore(Workplace workplace)
    {
        var finder = new ConflictFinder(workplace);
        finder.Build();
        var all = Enumerable.Range(0, finder._rules.Count).ToList();
        var (status, core) = finder.Solve(all, TimeSpan.FromSeconds(10), CancellationToken.None);
        return (finder._rules.Count, [.. core], status);
    }

    private int Units(decimal hours) => checked((int)(hours / _workplace.HourUnit));

    private void Build()
    {
        var (workers, tasks) = (_workplace.Workers, _workplace.Tasks);

        // Bounds that come from no rule: min(H_w, h_t) would hold capacity and coverage even where they are dropped.
        var upper = tasks.Sum(t => Units(t.Hours));
        for (var w = 0; w < workers.Count; w++)
        {
            for (var t = 0; t < tasks.Count; t++)
            {
                _x[w, t] = _model.NewIntVar(0, upper, $"x_{w}_{t}");
                _held[w, t] = _model.NewBoolVar($"b_{w}_{t}");
                _model.Add(_x[w, t] <= upper * _held[w, t]);
            }
        }

        for (var t = 0; t < tasks.Count; t++)
        {
            var task = tasks[t];
            Rule(new ConflictingRule(RuleKind.Coverage, task.Id, null, null, $"{task.DisplayName} needs {Hours(task.Hours)} (coverage)"),
                literal => _model.Add(Column(t) == Units(task.Hours)).OnlyEnforceIf(literal));
        }

        for (var w = 0; w < workers.Count; w++)
        {
            var worker = workers[w];
            Rule(new ConflictingRule(RuleKind.Capacity, null, worker.Id, null, $"{worker.DisplayName} works exactly {Hours(worker.Hours)} (capacity)"),
                literal => _model.Add(Row(w) == Units(worker.Hours)).OnlyEnforceIf(literal));
        }

        AddQualifications();
        AddTaskLimits();
        AddWorkerRules();
    }

    private void AddQualifications()
    {
        if (_workplace.Rules.AllowTraining)
        {
            return;
        }

        foreach (var skill in _workplace.Skills)
        {
            var pairs = PairsWhere((worker, task) => task.Skill == skill.Id && !worker.Skills.Contains(skill.Id)).ToList();
            if (pairs.Count == 0)
            {
                continue;
            }

            var holders = _workplace.Workers.Count(w => w.Skills.Contains(skill.Id));
            var who = holders == 1 ? "the only worker" : $"the {holders} workers";
            Rule(new ConflictingRule(RuleKind.Qualification, null, null, skill.Id,
                    $"only {who} with the {skill.Id} skill may hold {TaskNames(skill.Id)}, as training is off (qualification)"),
                literal =>
                {
                    foreach (var (w, t) in pairs)
                    {
                        _model.Add(_x[w, t] == 0).OnlyEnforceIf(literal);
                    }
                });
        }
    }

    private void AddTaskLimits()
    {
        var tasks = _workplace.Tasks;
        for (var t = 0; t < tasks.Count; t++)
        {
            var task = tasks[t];
            if (task.MinChunk is { } chunk && Units(chunk) > 1)
            {
                Rule(new ConflictingRule(RuleKind.MinChunk, task.Id, null, null, $"{task.DisplayName} is held in chunks of at least {Hours(chunk)} (minChunk)"),
                    literal => ForEachWorker(w => _model.Add(_x[w, t] >= Units(chunk) * _held[w, t]).OnlyEnforceIf(literal)));
            }

            if (task.MaxPerWorker is { } limit)
            {
                Rule(new ConflictingRule(RuleKind.ServiceLimit, task.Id, null, null, $"nobody holds more than {Hours(limit)} of {task.DisplayName} (maxPerWorker)"),
                    literal => ForEachWorker(w => _model.Add(_x[w, t] <= Units(limit)).OnlyEnforceIf(literal)));
            }
        }
    }

    private void AddWorkerRules()
    {
        var (workers, tasks) = (_workplace.Workers, _workplace.Tasks);
        var taskIndex = tasks.Select((task, t) => (task.Id, t)).ToDictionary(p => p.Id, p => p.t, StringComparer.Ordinal);
        for (var w = 0; w < workers.Count; w++)
        {
            var worker = workers[w];
            foreach (var (taskId, hours) in worker.Fixed.Where(f => f.Value > 0))
            {
                var t = taskIndex[taskId];
                Rule(new ConflictingRule(RuleKind.Fixed, taskId, worker.Id, null, $"{worker.DisplayName} keeps at least {Hours(hours)} of {tasks[t].DisplayName} (fixed)"),
                    literal => _model.Add(_x[w, t] >= Units(hours)).OnlyEnforceIf(literal));
            }

            foreach (var taskId in worker.Excluded.Distinct(StringComparer.Ordinal))
            {
                var t = taskIndex[taskId];
                Rule(new ConflictingRule(RuleKind.Excluded, taskId, worker.Id, null, $"{worker.DisplayName} must not hold {tasks[t].DisplayName} (excluded)"),
                    literal => _model.Add(_x[w, t] == 0).OnlyEnforceIf(literal));
            }

            if (_workplace.Rules.MaxTasksPerWorker is { } limit && limit < tasks.Count)
            {
                var row = w;
                Rule(new ConflictingRule(RuleKind.FragmentationLimit, null, worker.Id, null,
                        $"{worker.DisplayName} holds at most {limit.ToString(CultureInfo.InvariantCulture)} tasks (maxTasksPerWorker)"),
                    literal => _model.Add(LinearExpr.Sum(Enumerable.Range(0, tasks.Count).Select(t => _held[row, t])) <= limit).OnlyEnforceIf(literal));
            }
        }
    }

    private void Rule(ConflictingRule rule, Action<ILiteral> enforce)
    {
        var literal = _model.NewBoolVar($"rule_{_rules.Count}");
        enforce(literal);
        _rules.Add((literal, rule));
    }

    private LinearExpr Column(int t) => LinearExpr.Sum(Enumerable.Range(0, _workplace.Workers.Count).Select(w => _x[w, t]));

    private LinearExpr Row(int w) => LinearExpr.Sum(Enumerable.Range(0, _workplace.Tasks.Count).Select(t => _x[w, t]));

    private void ForEachWorker(Action<int> add)
    {
        for (var w = 0; w < _workplace.Workers.Count; w++)
        {
            add(w);
        }
    }

    private IEnumerable<(int Worker, int Task)> PairsWhere(Func<Worker, WorkTask, bool> predicate)
    {
        for (var w = 0; w < _workplace.Workers.Count; w++)
        {
            for (var t = 0; t < _workplace.Tasks.Count; t++)
            {
                if (predicate(_workplace.Workers[w], _workplace.Tasks[t]))
                {
                    yield return (w, t);
                }
            }
        }
    }

    private string TaskNames(string skill) =>
        string.Join(", ", _workplace.Tasks.Where(t => t.Skill == skill).Select(t => t.DisplayName));

    /// <summary>
    /// Deletion: each rule of the candidate set is dropped in turn; when the rest still conflict it stays dropped (and
    /// the candidate set becomes CP-SAT's core of the rest), otherwise it is necessary. What remains is irreducible.
    /// </summary>
    private Conflict Shrink(TimeSpan timeLimit, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeLimit;
        var all = Enumerable.Range(0, _rules.Count).ToList();
        var (status, core) = Solve(all, timeLimit, cancellationToken);
        var solves = 1;
        if (status != CpSolverStatus.Infeasible)
        {
            return new Conflict([], IsMinimal: false, solves);
        }

        var candidate = core.Count > 0 ? core : all;
        var minimal = true;
        var necessary = new HashSet<int>();
        while (candidate.FirstOrDefault(r => !necessary.Contains(r), -1) is var rule and >= 0)
        {
            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero || cancellationToken.IsCancellationRequested)
            {
                minimal = false;
                break;
            }

            var rest = candidate.Where(r => r != rule).ToList();
            (status, core) = Solve(rest, remaining, cancellationToken);
            solves++;
            if (status == CpSolverStatus.Infeasible)
            {
                candidate = core.Count > 0 && core.All(rest.Contains) ? core : rest;
            }
            else
            {
                minimal &= status is CpSolverStatus.Feasible or CpSolverStatus.Optimal;
                necessary.Add(rule);
            }
        }

        return new Conflict([.. candidate.Order().Select(r => _rules[r].Rule)], minimal, solves);
    }

    /// <summary>Solves with the rules <paramref name="enforced"/> assumed; on infeasibility, also CP-SAT's core (indexes into the rules).</summary>
    private (CpSolverStatus Status, List<int> Core) Solve(List<int> enforced, TimeSpan limit, CancellationToken cancellationToken)
    {
        _model.ClearAssumptions();
        _model.AddAssumptions(enforced.Select(r => _rules[r].Literal));
        var solver = new CpSolver
        {
            StringParameters = string.Create(CultureInfo.InvariantCulture,
                $"max_time_in_seconds:{Math.Max(0.01, limit.TotalSeconds):0.###} num_workers:1 catch_sigint_signal:false"),
        };
        using var registration = cancellationToken.Register(solver.StopSearch);
        var status = solver.Solve(_model);
        var core = new List<int>();
        if (status == CpSolverStatus.Infeasible)
        {
            var byIndex = _rules.Select((r, i) => (((BoolVar)r.Literal).GetIndex(), i)).ToDictionary(p => p.Item1, p => p.i);
            core.AddRange(solver.SufficientAssumptionsForInfeasibility().Select(index => byIndex[index]));
        }

        return (status, core);
    }
}
