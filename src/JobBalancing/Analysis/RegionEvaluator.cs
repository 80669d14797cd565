using JobBalancing.Domain;
using JobBalancing.Policies;
using static JobBalancing.Domain.Numbers;

namespace JobBalancing.Analysis;

/// <summary>
/// Computes a region plan's scores, balance at every level, costs and SB/SC from nothing but the hours it gives each
/// worker, and lists the rules those hours break under the policy. It shares no code with the compiled problem the
/// solvers use; its per-task checks and its arithmetic are <see cref="PlanEvaluator"/>'s.
/// </summary>
public static class RegionEvaluator
{
    /// <summary>Evaluates <paramref name="hours"/> (worker → the tasks they hold) as a plan for <paramref name="region"/> under <paramref name="policy"/>.</summary>
    /// <param name="region">A valid region.</param>
    /// <param name="policy">The policy whose rules the plan must keep, and whose pay premiums it carries.</param>
    /// <param name="hours">Hours per worker, workplace and task; missing entries are 0.</param>
    /// <returns>The plan, with <see cref="RegionPlan.Violations"/> naming every rule the hours break.</returns>
    /// <exception cref="InvalidWorkplaceException">The region is invalid.</exception>
    public static RegionPlan Evaluate(Region region, Policy policy, IReadOnlyDictionary<string, IReadOnlyList<SiteTaskHours>> hours)
    {
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(hours);
        region.EnsureValid();
        return new Evaluation(region, policy, hours).Run();
    }

    private sealed class Evaluation(Region region, Policy policy, IReadOnlyDictionary<string, IReadOnlyList<SiteTaskHours>> hours)
    {
        private readonly List<string> _violations = [];
        private readonly IReadOnlyList<Workplace> _workplaces = policy == Policy.Compensation ? Scopes.ServiceLimited(region) : region.Workplaces;
        private readonly Dictionary<string, int> _siteOf = region.Workplaces.Select((w, i) => (w.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        private readonly Dictionary<string, CostBreakdown> _councilCosts = region.Workplaces.ToDictionary(w => w.Id, _ => CostBreakdown.Zero, StringComparer.Ordinal);

        public RegionPlan Run()
        {
            var homeOf = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var s = 0; s < _workplaces.Count; s++)
            {
                foreach (var worker in _workplaces[s].Workers)
                {
                    homeOf[worker.Id] = s;
                }
            }

            _violations.AddRange(hours.Keys.Where(w => !homeOf.ContainsKey(w)).Select(w => $"worker \"{w}\" is not a member of any workplace of the region"));
            var regionAverages = _workplaces.GroupBy(w => w.Region!, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => Averages(g.SelectMany(w => w.Tasks)), StringComparer.Ordinal);
            var groupOf = new int[_workplaces.Count];
            var groups = Scopes.Groups(region, region.Policies.Scope);
            for (var g = 0; g < groups.Count; g++)
            {
                foreach (var s in groups[g])
                {
                    groupOf[s] = g;
                }
            }

            var jobs = new List<(RegionJob Job, Fraction E, Fraction D, int Home)>();
            var covered = new Dictionary<(int Site, string Task), decimal>();
            var movedPerGroup = new int[groups.Count];
            for (var s = 0; s < _workplaces.Count; s++)
            {
                foreach (var worker in _workplaces[s].Workers)
                {
                    var held = HeldBy(worker.Id);
                    var (job, e, d) = EvaluateJob(worker, s, held, regionAverages[_workplaces[s].Region!], groupOf, covered);
                    jobs.Add((job, e, d, s));
                    movedPerGroup[groupOf[s]] += job.OtherWorkplaces.Count > 0 && held.All(h => h.Site != s) ? 1 : 0;
                }
            }

            if (policy == Policy.Reallocation && region.Policies.MaxMovedWorkers is { } cap)
            {
                _violations.AddRange(movedPerGroup.Where(moved => moved > cap).Select(moved => $"{moved} workers move to another workplace of one scope, more than maxMovedWorkers {cap}"));
            }

            CheckCoverage(covered);
            var councils = Councils(jobs);
            var regions = regionAverages.Select(r => Metrics(r.Key, r.Value, jobs.Where(j => _workplaces[j.Home].Region == r.Key).ToList(), councils)).ToList();
            var costs = regions.Aggregate(CostBreakdown.Zero, (sum, r) => sum + r.Costs);
            return new RegionPlan
            {
                Policy = policy,
                Jobs = [.. jobs.Select(j => j.Job)],
                Councils = councils,
                Regions = regions,
                Costs = costs,
                Money = region.Costs.MoneyPerHour * costs.Total,
                Violations = _violations,
            };
        }

        private List<(int Site, WorkTask Task, decimal Hours)> HeldBy(string worker)
        {
            var held = new List<(int Site, WorkTask Task, decimal Hours)>();
            if (!hours.TryGetValue(worker, out var entries))
            {
                return held;
            }

            foreach (var entry in entries.Where(e => e.Hours != 0))
            {
                if (!_siteOf.TryGetValue(entry.Workplace, out var site))
                {
                    _violations.Add($"worker \"{worker}\" holds hours at \"{entry.Workplace}\", which is not a workplace of the region");
                }
                else if (_workplaces[site].Tasks.FirstOrDefault(t => t.Id == entry.Task) is not { } task)
                {
                    _violations.Add($"task \"{entry.Task}\" of worker \"{worker}\" is not a task of workplace \"{entry.Workplace}\"");
                }
                else if (held.Any(h => h.Site == site && h.Task.Id == task.Id))
                {
                    _violations.Add($"worker \"{worker}\" holds task \"{task.Id}\" of \"{entry.Workplace}\" more than once");
                }
                else
                {
                    held.Add((site, task, entry.Hours));
                }
            }

            return held;
        }

        private (RegionJob Job, Fraction E, Fraction D) EvaluateJob(
            Worker worker, int home, List<(int Site, WorkTask Task, decimal Hours)> held, (Fraction E, Fraction D) regionAverage, int[] groupOf, Dictionary<(int, string), decimal> covered)
        {
            var homeWorkplace = _workplaces[home];
            foreach (var task in homeWorkplace.Tasks.Where(t => held.All(h => h.Site != home || h.Task.Id != t.Id)))
            {
                PlanEvaluator.CheckPair(homeWorkplace, worker, task, 0, _violations);
            }

            // At another workplace, a worker's fixed and excluded tasks (which name home tasks) do not apply.
            var visitor = worker with { Fixed = ImmutableList.EmptyHours, Excluded = [] };
            decimal sumE = 0, sumD = 0, total = 0;
            var newSkills = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (site, task, x) in held)
            {
                var workplace = _workplaces[site];
                PlanEvaluator.CheckPair(workplace, site == home ? worker : visitor, task, x, _violations);
                covered[(site, task.Id)] = covered.GetValueOrDefault((site, task.Id)) + x;
                sumE += task.Empowerment * x;
                sumD += task.Desirability * x;
                total += x;
                var reassigned = worker.Current.Count > 0 ? Math.Max(0, x - (site == home ? worker.Current.GetValueOrDefault(task.Id) : 0)) : 0;
                var training = task.Skill is { } skill && !worker.Skills.Contains(skill) && newSkills.Add(skill)
                    ? workplace.Skills.First(k => k.Id == skill).TrainingHours
                    : 0;
                Charge(workplace.Id, new CostBreakdown(training, reassigned * region.Costs.ReassignmentHoursPerHour, 0, 0, 0, 0));
            }

            if (total != worker.Hours)
            {
                _violations.Add($"worker \"{worker.Id}\" holds {Hours(total)} but has {Hours(worker.Hours)}");
            }

            var taskCount = held.Count;
            if (homeWorkplace.Rules.MaxTasksPerWorker is { } maxTasks && taskCount > maxTasks)
            {
                _violations.Add($"worker \"{worker.Id}\" holds {taskCount} tasks, more than maxTasksPerWorker {maxTasks}");
            }

            var others = held.Where(h => h.Site != home).Select(h => h.Site).Distinct().ToArray();
            var atHome = held.Any(h => h.Site == home);
            foreach (var site in others)
            {
                // Recruitment and onboarding fall on the workplace the worker joins; so does coordinating a secondary job.
                var coordination = atHome ? region.Costs.CoordinationHoursPerSecondaryJob : 0;
                Charge(_workplaces[site].Id, new CostBreakdown(0, 0, region.Costs.RecruitmentHours, region.Costs.OnboardingHours, coordination, 0));
                if (groupOf[site] != groupOf[home])
                {
                    _violations.Add($"worker \"{worker.Id}\" works at \"{_workplaces[site].Id}\", outside the scope of their workplace \"{homeWorkplace.Id}\"");
                }
            }

            CheckPolicy(worker, held.Where(h => h.Site != home).Sum(h => h.Hours), others.Length, atHome, held.Where(h => h.Site != home).GroupBy(h => h.Site));
            var e = worker.Hours == 0 ? Fraction.Zero : Fraction.Of(sumE) / Fraction.Of(worker.Hours);
            var d = worker.Hours == 0 ? Fraction.Zero : Fraction.Of(sumD) / Fraction.Of(worker.Hours);
            var premium = policy == Policy.Compensation ? Fraction.Of(region.Policies.PremiumPerPoint) * (regionAverage.D - d) : Fraction.Zero;
            Charge(homeWorkplace.Id, CostBreakdown.Zero with { CompensationHours = (premium * Fraction.Of(worker.Hours)).ToDecimal() });
            var job = new RegionJob
            {
                Worker = worker.Id,
                Home = homeWorkplace.Id,
                Hours = worker.Hours,
                Tasks = [.. held.OrderBy(h => h.Site != home).Select(h => new SiteTaskHours(_workplaces[h.Site].Id, h.Task.Id, h.Hours))],
                OtherWorkplaces = [.. others.Select(s => _workplaces[s].Id)],
                Empowerment = e.ToDecimal(),
                Desirability = d.ToDecimal(),
                EmpowermentDeviation = (e - regionAverage.E).ToDecimal(),
                DesirabilityDeviation = (d - regionAverage.D).ToDecimal(),
                PayPremium = premium.ToDecimal(),
            };
            return (job, e, d);
        }

        private void CheckPolicy(Worker worker, decimal awayHours, int otherSites, bool atHome, IEnumerable<IGrouping<int, (int Site, WorkTask Task, decimal Hours)>> away)
        {
            var options = region.Policies;
            var name = $"worker \"{worker.Id}\"";
            switch (policy)
            {
                case Policy.Within or Policy.Compensation when awayHours > 0:
                    _violations.Add($"{name} holds {Hours(awayHours)} at other workplaces, which {policy} does not allow");
                    break;
                case Policy.RegionalMix:
                    if (awayHours > options.MaxSecondaryShare * worker.Hours)
                    {
                        _violations.Add($"{name} holds {Hours(awayHours)} at other workplaces, more than maxSecondaryShare {Format(options.MaxSecondaryShare)} of {Hours(worker.Hours)}");
                    }

                    if (otherSites > options.MaxSecondaryWorkplaces)
                    {
                        _violations.Add($"{name} works at {otherSites} other workplaces, more than maxSecondaryWorkplaces {options.MaxSecondaryWorkplaces}");
                    }

                    foreach (var site in away.Where(g => g.Sum(h => h.Hours) < options.MinSecondaryHours))
                    {
                        _violations.Add($"{name} holds {Hours(site.Sum(h => h.Hours))} at \"{_workplaces[site.Key].Id}\", below minSecondaryHours {Hours(options.MinSecondaryHours)}");
                    }

                    break;
                case Policy.Reallocation when otherSites + (atHome ? 1 : 0) > 1:
                    _violations.Add($"{name} works at {otherSites + (atHome ? 1 : 0)} workplaces; under reallocation a worker works at one");
                    break;
            }
        }

        private void CheckCoverage(Dictionary<(int Site, string Task), decimal> covered)
        {
            for (var s = 0; s < _workplaces.Count; s++)
            {
                foreach (var task in _workplaces[s].Tasks)
                {
                    var hoursCovered = covered.GetValueOrDefault((s, task.Id));
                    if (hoursCovered != task.Hours)
                    {
                        _violations.Add($"task \"{task.Id}\" of \"{_workplaces[s].Id}\" is covered {Hours(hoursCovered)} but needs {Hours(task.Hours)}");
                    }
                }
            }
        }

        private List<CouncilOutcome> Councils(List<(RegionJob Job, Fraction E, Fraction D, int Home)> jobs)
        {
            var councils = new List<CouncilOutcome>();
            for (var s = 0; s < _workplaces.Count; s++)
            {
                var workplace = _workplaces[s];
                var own = Averages(workplace.Tasks);
                var members = jobs.Where(j => j.Home == s).ToList();
                Fraction maxE = Fraction.Zero, maxD = Fraction.Zero, sumE = Fraction.Zero, sumD = Fraction.Zero;
                foreach (var (job, e, d, _) in members)
                {
                    maxE = Fraction.Max(maxE, (e - own.E).Abs());
                    maxD = Fraction.Max(maxD, (d - own.D).Abs());
                    sumE += e * Fraction.Of(job.Hours);
                    sumD += d * Fraction.Of(job.Hours);
                }

                var memberHours = Fraction.Of(members.Sum(m => m.Job.Hours));
                var costs = _councilCosts[workplace.Id];
                var accounts = region.Accounts.GetValueOrDefault(workplace.Id);
                councils.Add(new CouncilOutcome
                {
                    Workplace = workplace.Id,
                    Region = workplace.Region!,
                    Enterprise = workplace.Enterprise,
                    Members = members.Count,
                    Objective = ((Fraction.Of(workplace.Weights.Empowerment) * maxE) + (Fraction.Of(workplace.Weights.Desirability) * maxD)).ToDecimal(),
                    EmpowermentAverage = memberHours == Fraction.Zero ? 0 : (sumE / memberHours).ToDecimal(),
                    DesirabilityAverage = memberHours == Fraction.Zero ? 0 : (sumD / memberHours).ToDecimal(),
                    Costs = costs,
                    BenefitCostRatioBefore = accounts is null ? null : accounts.SocialBenefit / accounts.SocialCost,
                    BenefitCostRatioAfter = accounts is null || accounts.SocialCost + costs.Total <= 0 ? null : accounts.SocialBenefit / (accounts.SocialCost + costs.Total),
                });
            }

            return councils;
        }

        private RegionMetrics Metrics(string id, (Fraction E, Fraction D) average, List<(RegionJob Job, Fraction E, Fraction D, int Home)> jobs, List<CouncilOutcome> councils)
        {
            Fraction maxE = Fraction.Zero, maxD = Fraction.Zero;
            foreach (var (_, e, d, _) in jobs)
            {
                maxE = Fraction.Max(maxE, (e - average.E).Abs());
                maxD = Fraction.Max(maxD, (d - average.D).Abs());
            }

            var weights = _workplaces.First(w => w.Region == id).Weights;
            var own = councils.Where(c => c.Region == id && c.Members > 0).ToList();
            var costs = own.Aggregate(CostBreakdown.Zero, (sum, c) => sum + c.Costs);

            // The region's compensation bill is what it pays the members below the average, not the net, which is 0.
            costs = costs with { CompensationHours = jobs.Sum(j => Math.Max(0, j.Job.PayPremium) * j.Job.Hours) };
            return new RegionMetrics
            {
                Region = id,
                EmpowermentAverage = average.E.ToDecimal(),
                DesirabilityAverage = average.D.ToDecimal(),
                EmpowermentMaxDeviation = maxE.ToDecimal(),
                DesirabilityMaxDeviation = maxD.ToDecimal(),
                Objective = ((Fraction.Of(weights.Empowerment) * maxE) + (Fraction.Of(weights.Desirability) * maxD)).ToDecimal(),
                WorstWorkplaceObjective = own.Select(c => c.Objective).DefaultIfEmpty(0).Max(),
                WorkplaceEmpowermentRange = own.Count == 0 ? 0 : own.Max(c => c.EmpowermentAverage) - own.Min(c => c.EmpowermentAverage),
                WorkplaceDesirabilityRange = own.Count == 0 ? 0 : own.Max(c => c.DesirabilityAverage) - own.Min(c => c.DesirabilityAverage),
                EmpowermentSpread = PlanEvaluator.Spread(jobs.Select(j => j.Job.Empowerment)),
                DesirabilitySpread = PlanEvaluator.Spread(jobs.Select(j => j.Job.Desirability)),
                Costs = costs,
            };
        }

        private void Charge(string workplace, CostBreakdown cost) => _councilCosts[workplace] += cost;

        private static (Fraction E, Fraction D) Averages(IEnumerable<WorkTask> tasks)
        {
            var list = tasks.ToList();
            var total = Fraction.Of(list.Sum(t => t.Hours));
            return total == Fraction.Zero
                ? (Fraction.Zero, Fraction.Zero)
                : (Fraction.Of(list.Sum(t => t.Empowerment * t.Hours)) / total, Fraction.Of(list.Sum(t => t.Desirability * t.Hours)) / total);
        }
    }
}
