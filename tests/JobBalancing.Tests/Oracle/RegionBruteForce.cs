using JobBalancing.Domain;
using JobBalancing.Policies;

namespace JobBalancing.Tests.Oracle;

/// <summary>
/// The oracle for tiny regions: enumerates every assignment of whole hour units to (worker, workplace, task) that keeps
/// DESIGN.md's seven rules and the policy's rules of work at other workplaces, and finds the least
/// <c>wE·max|E_w − Ē| + wD·max|D_w − D̄|</c> against the average of all the given workplaces' tasks. It reads the issue's
/// and DESIGN.md's definitions only, not the solver's compiled problem.
/// </summary>
internal static class RegionBruteForce
{
    private const long MaxCandidates = 20_000_000;

    /// <summary>
    /// The optimum of the workplaces <paramref name="sites"/> balanced together under <paramref name="policy"/>
    /// (<see cref="Policy.RegionalMix"/> or <see cref="Policy.Reallocation"/>; any other allows no work away from home);
    /// <see langword="null"/> when no plan keeps every rule.
    /// </summary>
    public static Rational? Optimum(IReadOnlyList<Workplace> sites, Policy policy, PolicyOptions options) =>
        new Enumeration(sites, policy, options).Run();

    private sealed class Enumeration
    {
        private readonly IReadOnlyList<Workplace> _sites;
        private readonly Policy _policy;
        private readonly PolicyOptions _options;
        private readonly List<(Worker Worker, int Home)> _workers;
        private readonly List<(int Site, WorkTask Task)> _cells;
        private readonly int[] _left;
        private readonly int[,] _x;
        private readonly decimal _unit;
        private readonly Rational _averageE;
        private readonly Rational _averageD;
        private Rational? _best;
        private long _candidates;

        public Enumeration(IReadOnlyList<Workplace> sites, Policy policy, PolicyOptions options)
        {
            (_sites, _policy, _options) = (sites, policy, options);
            _unit = sites[0].HourUnit;
            _workers = [.. sites.SelectMany((site, s) => site.Workers.Select(w => (w, s)))];
            _cells = [.. sites.SelectMany((site, s) => site.Tasks.Select(t => (s, t)))];
            _left = [.. _cells.Select(c => Units(c.Task.Hours))];
            _x = new int[_workers.Count, _cells.Count];
            var hours = _cells.Sum(c => c.Task.Hours);
            _averageE = Rational.Of(_cells.Sum(c => c.Task.Empowerment * c.Task.Hours)) / Rational.Of(hours);
            _averageD = Rational.Of(_cells.Sum(c => c.Task.Desirability * c.Task.Hours)) / Rational.Of(hours);
        }

        public Rational? Run()
        {
            Fill(0, 0, _workers.Count == 0 ? 0 : Units(_workers[0].Worker.Hours));
            return _best;
        }

        private int Units(decimal hours) => checked((int)(hours / _unit));

        /// <summary>The hours worker w may hold in cell c: 0 and the range of DESIGN.md's rules 3–5 and 7, or only 0.</summary>
        private (bool ZeroAllowed, int Lowest, int Highest) Range(int w, int c)
        {
            var (worker, home) = _workers[w];
            var (site, task) = _cells[c];
            var workplace = _sites[site];
            var atHome = site == home;
            var fixedUnits = atHome ? Units(worker.Fixed.GetValueOrDefault(task.Id)) : 0;
            var awayAllowed = _policy is Policy.RegionalMix or Policy.Reallocation;
            var mayHold = (atHome || awayAllowed)
                && !(atHome && worker.Excluded.Contains(task.Id))
                && (task.Skill is null || worker.Skills.Contains(task.Skill) || workplace.Rules.AllowTraining);
            var lowest = Math.Max(Math.Max(1, Units(task.MinChunk ?? _unit)), fixedUnits);
            var highest = mayHold ? (task.MaxPerWorker is { } limit ? Units(limit) : int.MaxValue) : 0;
            return (fixedUnits == 0, lowest, highest);
        }

        private void Fill(int w, int c, int need)
        {
            if (++_candidates > MaxCandidates)
            {
                throw new InvalidOperationException("The region is too large to enumerate.");
            }

            if (w == _workers.Count)
            {
                if (_left.All(l => l == 0))
                {
                    Score();
                }

                return;
            }

            if (c == _cells.Count)
            {
                if (need == 0 && KeepsWorkerRules(w))
                {
                    Fill(w + 1, 0, w + 1 < _workers.Count ? Units(_workers[w + 1].Worker.Hours) : 0);
                }

                return;
            }

            var (zeroAllowed, lowest, highest) = Range(w, c);
            if (zeroAllowed)
            {
                Fill(w, c + 1, need);
            }

            for (var units = lowest; units <= Math.Min(Math.Min(highest, need), _left[c]); units++)
            {
                _x[w, c] = units;
                _left[c] -= units;
                Fill(w, c + 1, need - units);
                _left[c] += units;
                _x[w, c] = 0;
            }
        }

        /// <summary>Rule 6 (fragmentation, the home's limit over every task held) and the policy's rules for one worker.</summary>
        private bool KeepsWorkerRules(int w)
        {
            var (worker, home) = _workers[w];
            var held = Enumerable.Range(0, _cells.Count).Where(c => _x[w, c] > 0).ToList();
            if (held.Count > (_sites[home].Rules.MaxTasksPerWorker ?? int.MaxValue))
            {
                return false;
            }

            var awayBySite = held.Where(c => _cells[c].Site != home).GroupBy(c => _cells[c].Site).Select(g => g.Sum(c => _x[w, c])).ToList();
            var away = awayBySite.Sum();
            return _policy switch
            {
                Policy.RegionalMix => away * _unit <= _options.MaxSecondaryShare * worker.Hours
                    && awayBySite.Count <= _options.MaxSecondaryWorkplaces
                    && awayBySite.All(hours => hours * _unit >= _options.MinSecondaryHours),
                Policy.Reallocation => away == 0 || away == Units(worker.Hours) && awayBySite.Count == 1 && MovedSoFar(w) <= (_options.MaxMovedWorkers ?? int.MaxValue),
                _ => away == 0,
            };
        }

        /// <summary>Workers 0..w who hold no hours at home.</summary>
        private int MovedSoFar(int w) =>
            Enumerable.Range(0, w + 1).Count(v => Enumerable.Range(0, _cells.Count).All(c => _cells[c].Site != _workers[v].Home || _x[v, c] == 0));

        private void Score()
        {
            Rational maxE = Rational.Zero, maxD = Rational.Zero;
            for (var w = 0; w < _workers.Count; w++)
            {
                Rational sumE = Rational.Zero, sumD = Rational.Zero;
                for (var c = 0; c < _cells.Count; c++)
                {
                    sumE += Rational.Of(_cells[c].Task.Empowerment) * _x[w, c];
                    sumD += Rational.Of(_cells[c].Task.Desirability) * _x[w, c];
                }

                var hours = Rational.Of(_workers[w].Worker.Hours / _unit);
                maxE = Rational.Max(maxE, Rational.Abs((sumE / hours) - _averageE));
                maxD = Rational.Max(maxD, Rational.Abs((sumD / hours) - _averageD));
            }

            var weights = _sites[0].Weights;
            var objective = (Rational.Of(weights.Empowerment) * maxE) + (Rational.Of(weights.Desirability) * maxD);
            if (_best is null || objective < _best.Value)
            {
                _best = objective;
            }
        }
    }
}
