using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace JobBalancing.Solving;

/// <summary>What a search found: the best plan (hours per pair), the proven bound, and what is proven.</summary>
internal sealed record SearchOutcome(int[]? Plan, long Bound, string BoundSource, bool BalanceProven, bool Infeasible);

/// <summary>
/// The search behind <see cref="Balancer"/>: a first plan, bounds from the LP relaxation and from each worker alone,
/// the swap search, CP-SAT on the whole model where it can finish, neighbourhood search where it cannot, then the
/// tie-breaks. docs/solver.md tells the story.
/// </summary>
internal sealed class Search(
    BalancingProblem problem, BalancerOptions options, ILogger logger, IProgress<SolveProgress>? progress, Stopwatch clock,
    CancellationToken cancellationToken, int[]? start = null)
{
    /// <summary>
    /// Up to this many pairs no per-worker bound is computed (CP-SAT's own bound on the whole model is the better one), and
    /// until CP-SAT has tried the whole model (<see cref="SwapsOnlyHint"/>) the swap search only hints it: one slice,
    /// no exchanges.
    /// </summary>
    private const int SmallModelPairs = 1000;

    /// <summary>
    /// Up to this many pairs CP-SAT proves the whole model quickly and gets the whole balance budget: the model guided by
    /// the LP relaxation, or a long swap search, would only delay the proof. Above it the whole model has only its moment
    /// for the root bound, and the turns of neighbourhoods, swaps and held pairs the rest of the search: on the generated
    /// M workplace (972 pairs, 60-s solves, seeds 4–15) the plans ended at 0.104–0.137 (mean 0.116; five of twelve at
    /// 0.104, within 0.003 of the bound) against 0.109–0.132 (mean 0.120, none below 0.109) when the whole model had half
    /// of what was left: it found nothing in its 7–11 s. Before that (seeds 1–5), the turns had gained more than the
    /// whole model to the end (0.115–0.142 against 0.119–0.162).
    /// </summary>
    private const int QuickProofPairs = 300;

    /// <summary>Above this many pairs the whole model is only asked for a first plan, then the neighbourhoods take over.</summary>
    private const int WholeModelPairs = 3000;

    /// <summary>
    /// Above this many pairs the exact search computes no LP bound: GLOP solved 45,584 pairs in 4 s, gave no answer for
    /// 120,951 in 37 s nor for 351,990 in 300 s (generated 600 × 120, 1,000 × 200 and XL), time the swaps need more.
    /// </summary>
    private const int LpBoundPairs = 50_000;

    /// <summary>Failed random swaps in a row that end a descent of the swap search (then it tries its exhaustive moves).</summary>
    private const int SwapPatience = 5_000;

    /// <summary>
    /// The patience up to <see cref="QuickProofPairs"/>: the exhaustive steps sooner, and a hint sooner. On the generated S
    /// workplaces of seeds 1–5, CP-SAT proved the optimum at 0.55, 1.41, 4.67, 0.48 and 0.31 s with it, against 1.04–1.33,
    /// 1.63, 6.45, 0.76 and 0.40 s with <see cref="SwapPatience"/>.
    /// </summary>
    private const int QuickProofPatience = 500;

    /// <summary>
    /// How long CP-SAT gets on the whole model of a mid-size workplace for its root bound: on the generated M workplace
    /// (972 pairs) its cuts raised the bound from the LP relaxation's 0.013 to 0.082 within 0.2 s.
    /// </summary>
    private static readonly TimeSpan RootBoundTime = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The share of the balance budget left after CP-SAT's root bound that the probes above the bound take at its end, up
    /// to <see cref="ProbesTime"/>.
    /// </summary>
    private const double ProbeShare = 0.15;

    /// <summary>The longest the probes above the bound may take in all: the search's time is worth more.</summary>
    private static readonly TimeSpan ProbesTime = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The share of the balance budget left after CP-SAT's root bound that the whole jobs take after the local search, up
    /// to <see cref="WholeJobsTime"/>, when it is at least <see cref="WholeJobsWithMixLeast"/>: their levels up to the bound
    /// (on the generated M workplace about 5–7 s from CP-SAT's root bound of 0.082 to 0.101), then the turn on their mix
    /// (<see cref="MixTurn"/>; most of its gains within 10 s).
    /// </summary>
    private const double WholeJobsShare = 0.5;

    /// <summary>The longest the whole jobs may take, the turn on their mix included.</summary>
    private static readonly TimeSpan WholeJobsTime = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The least time worth giving the whole jobs and their mix after the local search. With less (30-s solves of M, seeds
    /// 1–5) the mix had 3 s or so, too little, and the local search half its time: 0.147–0.168 at the end against
    /// 0.125–0.151 with the whole jobs at the end of the balance stage for their bound alone, as they are then.
    /// </summary>
    private static readonly TimeSpan WholeJobsWithMixLeast = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Otherwise the share the whole jobs take at the end of the balance stage, for their bound alone, up to
    /// <see cref="WholeJobsBoundTime"/>, when it gives them at least <see cref="WholeJobsLeast"/>; CP-SAT's probes get what
    /// they leave.
    /// </summary>
    private const double WholeJobsBoundShare = 0.3;

    /// <summary>The longest the whole jobs may take at the end of the balance stage.</summary>
    private static readonly TimeSpan WholeJobsBoundTime = TimeSpan.FromSeconds(20);

    /// <summary>The least time worth giving the whole jobs: less does not settle their first level on M.</summary>
    private static readonly TimeSpan WholeJobsLeast = TimeSpan.FromSeconds(4);

    /// <summary>
    /// How long CP-SAT first gets on the whole jobs' mix (<see cref="MixTurn"/>): on M its first plans came at 0.14–0.19 s,
    /// 1.03–1.81 off balance, and by this time were at 0.79–1.34.
    /// </summary>
    private static readonly TimeSpan MixFirstPlansTime = TimeSpan.FromSeconds(0.3);

    /// <summary>
    /// The longest the swaps within the whole jobs' mix may take (<see cref="MixTurn"/>): on M they took CP-SAT's first
    /// plans to 0.18–0.30 in five runs of six (the sixth stalled at 0.96), from where CP-SAT reached 0.102–0.104 in four
    /// within 10 s, where from the rounded mix alone it was at 0.112–0.211 (docs/solver.md, step 3).
    /// </summary>
    private static readonly TimeSpan MixSwapTime = TimeSpan.FromSeconds(2);

    /// <summary>The longest a probe of one level may take.</summary>
    private static readonly TimeSpan ProbeTime = TimeSpan.FromSeconds(2);

    /// <summary>Off large workplaces (<see cref="IsLarge"/>), the swaps' turn between two turns of CP-SAT (on the held pairs, or the neighbourhoods).</summary>
    private static readonly TimeSpan SwapTurn = TimeSpan.FromSeconds(2);

    /// <summary>On a large workplace, the swaps' turn between two turns of CP-SAT on the held pairs.</summary>
    private static readonly TimeSpan LargeSwapTurn = TimeSpan.FromSeconds(8);

    /// <summary>The longest turn of CP-SAT on the held pairs (it stops sooner when it stalls).</summary>
    private static readonly TimeSpan HeldPairsTurn = TimeSpan.FromSeconds(8);

    /// <summary>How long the side-by-side swap searches run before they all go on from the best plan.</summary>
    private static readonly TimeSpan SwapSlice = TimeSpan.FromSeconds(2);

    private readonly int _threads = options.EffectiveThreads;
    private readonly DateTime _deadline = DateTime.UtcNow + options.TimeLimit;
    private long _bound;
    private string _boundSource = "trivial";
    private int[]? _incumbent;

    /// <summary>Whether CP-SAT has had its moment on the whole model for its root bound (see <see cref="SwapsOnlyHint"/>).</summary>
    private bool _rootBoundTried;

    /// <summary>
    /// The swap searches run so far: each turn's searches draw from seeds of their own, so that a turn that starts from
    /// the plan the last one ended with does not make the same draws again.
    /// </summary>
    private int _swapTurns;

    /// <summary>With <see cref="BalancerOptions.MaxObjective"/>, the level of balance to reach, in the integer objective.</summary>
    private long? _target = options.MaxObjective is { } level ? problem.FromRatingPoints(level) : null;

    /// <summary>Whether the incumbent reaches the level asked for (never, when none was).</summary>
    private bool Reached => _target is { } target && _incumbent is not null && StageValues.Of(problem, _incumbent).Balance <= target;

    private bool IsLarge => problem.Pairs.Length > WholeModelPairs;

    private bool IsSmall => problem.Pairs.Length <= SmallModelPairs;

    private bool ProvesQuickly => problem.Pairs.Length <= QuickProofPairs;

    /// <summary>
    /// Whether the swaps run only for a hint (one slice, a few shakes, no exchanges): up to <see cref="QuickProofPairs"/>,
    /// where CP-SAT proves, and up to <see cref="SmallModelPairs"/> until CP-SAT's root bound has been tried, which
    /// proves many such workplaces at once (the hospital of the samples, 332 pairs, at 1.1 s; 2.5 s when the first
    /// descent searched in full). Where it has not, the swaps search in full like those of larger workplaces: on the
    /// generated M workplace (972 pairs, 60-s solves, seeds 4–9) the plans at 10 s were 0.127–0.157 (mean 0.144) and at
    /// the end 0.114–0.129 (mean 0.121), against 0.152–0.174 (0.160) and 0.117–0.152 (0.134) when they only hinted.
    /// </summary>
    private bool SwapsOnlyHint => ProvesQuickly || (IsSmall && !_rootBoundTried);

    public SearchOutcome RunExact()
    {
        TryCurrentPlan();
        var tieBreaks = options.TieBreaks ? new[] { Stage.Training, Stage.Reassignment, Stage.Fragments } : [];
        var balanceDeadline = tieBreaks.Length == 0 ? _deadline : DateTime.UtcNow + ((_deadline - DateTime.UtcNow) * 0.7);
        if (_incumbent is null && FindAnyPlan(balanceDeadline))
        {
            return new SearchOutcome(null, 0, _boundSource, false, Infeasible: true);
        }

        // A first descent before the bounds: a good plan within moments, whatever the size.
        if (_incumbent is not null && !Reached)
        {
            Swap(Earlier(balanceDeadline, Min(TimeSpan.FromSeconds(3), (balanceDeadline - DateTime.UtcNow) / 10)));
        }

        var lp = problem.Pairs.Length <= LpBoundPairs ? UseLpBound(TimeSpan.FromSeconds(Math.Min(5, options.TimeLimit.TotalSeconds / 10))) : null;

        // Whole hours of a scarce task that must be shared out: a bound the LP relaxation, dividing hours freely, misses
        // (generated L: 0.193 where the LP proves 0.092). Above the LP's limit it took 3 s on XL and proved nothing.
        if (!ProvesQuickly && problem.Pairs.Length <= LpBoundPairs)
        {
            UseBound(TaskShareBound.Compute(problem, Earlier(balanceDeadline, Min(options.TimeLimit / 10, TimeSpan.FromSeconds(2))), cancellationToken), "task shares");
        }

        // CP-SAT's cuts at the root of the whole model bound a mid-size workplace far better than the LP relaxation: a
        // moment of it gives the bound now rather than when the whole model's turn comes (and may prove the plan).
        var proven = false;
        if (_incumbent is not null && !Reached && !ProvesQuickly && !IsLarge)
        {
            var root = CpSatModel.Build(problem, Stage.Balance, StageCaps.None, lowerBound: _bound);
            root.Hint(_incumbent);
            proven = Run(root, Stage.Balance, Earlier(balanceDeadline, RootBoundTime), stopAtFirst: false).IsOptimal;
            _rootBoundTried = true;
        }

        // Levels just above that bound: given the time, the whole jobs refute them after the local search, and their mix at
        // the lowest level not refuted points to a plan; with less, they only refute, at the end of the balance stage, and
        // CP-SAT with the objective capped there probes them last, briefly: time taken from the search costs plans
        // (docs/solver.md, step 3).
        var (probes, wholeJobsTime, wholeJobsAtEnd, stageDeadline) = (!ProvesQuickly && !IsLarge, TimeSpan.Zero, false, balanceDeadline);
        if (probes)
        {
            var left = balanceDeadline - DateTime.UtcNow;
            wholeJobsTime = left * WholeJobsShare >= WholeJobsWithMixLeast ? Min(left * WholeJobsShare, WholeJobsTime) : TimeSpan.Zero;
            wholeJobsAtEnd = wholeJobsTime == TimeSpan.Zero && left * WholeJobsBoundShare >= WholeJobsLeast;
            balanceDeadline -= wholeJobsAtEnd ? Min(left * WholeJobsBoundShare, WholeJobsBoundTime) : Min(left * ProbeShare, ProbesTime);
        }

        // CP-SAT proves a small workplace on its own; elsewhere what each worker alone can reach often bounds better.
        if (!IsSmall && !proven)
        {
            UseBound(WorkerBound.Compute(problem, Min(options.TimeLimit / 10, TimeSpan.FromSeconds(2)), options.Seed, cancellationToken), "per-worker");
        }

        if (_incumbent is not null && !Reached && !proven && !IsLarge)
        {
            // The local search gets a share of the balance budget: where CP-SAT can prove, it needs the time; where it
            // cannot, the local search is the better use of it. A large workplace goes on to the turns below at once.
            var localDeadline = DateTime.UtcNow + ((balanceDeadline - wholeJobsTime - DateTime.UtcNow) * (IsSmall ? 0.25 : 0.4));
            if (SwapsOnlyHint)
            {
                Swap(localDeadline);
            }
            else
            {
                SwapsWithHeldPairs(localDeadline);
            }

            proven = StageValues.Of(problem, _incumbent).Balance <= _bound;
        }

        if (wholeJobsTime > TimeSpan.Zero && _incumbent is not null && !Reached && !proven)
        {
            proven = WholeJobs(DateTime.UtcNow + wholeJobsTime, withMix: true);
        }

        if (lp is not null && _incumbent is not null && !Reached && !proven && !ProvesQuickly && !IsLarge)
        {
            Guided(lp, DateTime.UtcNow + ((balanceDeadline - DateTime.UtcNow) * 0.3));
        }

        if (_target is { } level && !Reached && !proven && !IsLarge && _incumbent is not null)
        {
            // A plan within the level, or the proof that none is: then the level is below the optimum, and the search
            // balances as well as it can instead.
            var capped = CpSatModel.Build(problem, Stage.Balance, new StageCaps(Balance: level), lowerBound: _bound);
            capped.Hint(_incumbent);
            if (Run(capped, Stage.Balance, ProvesQuickly ? balanceDeadline : Midpoint(balanceDeadline), stopAtFirst: true).IsInfeasible)
            {
                UseBound(level + 1, "refuted levels");
                _target = null;
            }
        }

        // Beyond 300 pairs CP-SAT's root bound was its turn on the whole model (see QuickProofPairs).
        if (ProvesQuickly && _incumbent is not null && !Reached && !proven)
        {
            var whole = CpSatModel.Build(problem, Stage.Balance, StageCaps.None, lowerBound: _bound);
            whole.Hint(_incumbent);
            proven = Run(whole, Stage.Balance, balanceDeadline, stopAtFirst: false).IsOptimal;
        }

        if (_incumbent is not null && !proven && !Reached)
        {
            // Neighbourhoods, swaps and the held pairs' hours take turns: each leaves the others new moves to make. On a
            // large workplace the neighbourhoods rarely find anything the other two do not, and the swaps get longer
            // turns. The held pairs get their turn unless the swaps' last turn gained more per second than theirs: while
            // a long descent still gains fast, it keeps going.
            var neighbourhoods = Neighbourhoods();
            var (swapGain, heldGain) = (0.0, double.PositiveInfinity);
            while (!proven && !Reached && DateTime.UtcNow < balanceDeadline && !cancellationToken.IsCancellationRequested)
            {
                if (!IsLarge)
                {
                    _incumbent = neighbourhoods.Improve(_incumbent, Stage.Balance, StageCaps.None, Earlier(balanceDeadline, TimeSpan.FromSeconds(5)), cancellationToken);
                }

                swapGain = GainPerSecond(() => Swap(Earlier(balanceDeadline, IsLarge ? LargeSwapTurn : SwapTurn)));
                if (heldGain >= swapGain)
                {
                    heldGain = GainPerSecond(() => HeldPairs(Earlier(balanceDeadline, HeldPairsTurn)));
                }

                proven = StageValues.Of(problem, _incumbent).Balance <= _bound;
            }
        }

        if (probes && _incumbent is not null && !proven && !Reached)
        {
            proven = (wholeJobsAtEnd && WholeJobs(stageDeadline, withMix: false)) || Probe(stageDeadline);
        }

        if (_incumbent is not null)
        {
            Log.StageFinished(logger, nameof(Stage.Balance), StageValues.Of(problem, _incumbent).Balance, _bound, clock.Elapsed.TotalSeconds, proven);
            BreakTies(tieBreaks);
        }

        return new SearchOutcome(_incumbent, _bound, _boundSource, proven, Infeasible: false);
    }

    public SearchOutcome RunRelaxation()
    {
        TryCurrentPlan();
        var lp = UseLpBound(options.TimeLimit / 2);
        var infeasible = false;
        if (_incumbent is null)
        {
            infeasible = FindAnyPlan(_deadline, lp is null ? null : Round(lp.Hours));
        }

        if (_incumbent is not null)
        {
            Swap(_deadline);
        }

        var proven = _incumbent is not null && StageValues.Of(problem, _incumbent).Balance <= _bound;
        return new SearchOutcome(_incumbent, _bound, _boundSource, proven, infeasible);
    }

    /// <summary>
    /// Starts from the given start plan or the current assignment, whichever keeps every rule and balances better: a plan
    /// at once, and often a good hint.
    /// </summary>
    private void TryCurrentPlan()
    {
        foreach (var plan in new[] { start, problem.CurrentPlan() })
        {
            if (plan is not null && problem.Keeps(plan)
                && (_incumbent is null || StageValues.Of(problem, plan).IsBetterThan(StageValues.Of(problem, _incumbent), Stage.Balance)))
            {
                Keep(plan, "start");
            }
        }
    }

    /// <summary>
    /// Asks CP-SAT for any plan that keeps the rules, hinted with <paramref name="hint"/> or the current assignment,
    /// and makes it the incumbent. Returns whether CP-SAT proved that no plan exists.
    /// </summary>
    private bool FindAnyPlan(DateTime deadline, int[]? hint = null)
    {
        var model = CpSatModel.BuildRulesOnly(problem);
        model.Hint(hint ?? problem.CurrentPlan());
        var outcome = CpSatRun.Solve(model, null, Remaining(deadline), _threads, options.Seed, cancellationToken, stopAtFirst: true);
        if (outcome.Plan is { } plan)
        {
            Keep(plan, "start");
        }

        return outcome.IsInfeasible;
    }

    /// <summary>
    /// Runs the swap search from the incumbent until it stalls or the deadline, keeping each plan that balances better.
    /// With more than one thread, as many searches run side by side, each with its own seed. Every
    /// <see cref="SwapSlice"/> those behind go on from the best plan any of them found; the one that found it goes on
    /// from where it is, so that what it gained in the fourth-power sum without lowering the objective yet is not lost.
    /// </summary>
    private void Swap(DateTime deadline)
    {
        var (hintOnly, before) = (SwapsOnlyHint, StageValues.Of(problem, _incumbent!).Balance);
        Swap(deadline, hintOnly);
        Log.BalanceSwapped(logger, hintOnly ? "a hint" : "in full", before, StageValues.Of(problem, _incumbent!).Balance, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// The swap searches of <see cref="Swap(DateTime)"/>; with <paramref name="hintOnly"/>, one slice of a few shakes
    /// without exchanges: where CP-SAT is to prove, that gives it a good hint, and more (or the exchanges, which make each
    /// shake slower) would only take its time.
    /// </summary>
    private void Swap(DateTime deadline, bool hintOnly)
    {
        // A level asked for ends the swaps as soon as it is reached.
        using var reached = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        SwapsSideBySide(problem, _incumbent!, deadline, hintOnly, plan =>
        {
            Keep(plan, "swaps");
            if (Reached)
            {
                reached.Cancel();
            }
        }, reached.Token);
    }

    /// <summary>
    /// Swap searches on <paramref name="on"/> (this problem, or it restricted to some pairs) from <paramref name="from"/>
    /// until they stall or the deadline, one per thread, each with its own seed: every <see cref="SwapSlice"/> those behind
    /// go on from the best plan any of them found. Passes each plan that balances better than all before to
    /// <paramref name="onBetter"/>, one at a time, and returns the best.
    /// </summary>
    private int[] SwapsSideBySide(BalancingProblem on, int[] from, DateTime deadline, bool hintOnly, Action<int[]> onBetter, CancellationToken token)
    {
        var gate = new Lock();
        var rounds = ProvesQuickly ? 5 : hintOnly ? 20 : 5_000;
        var patience = ProvesQuickly ? QuickProofPatience : SwapPatience;
        var seed = options.Seed + (_threads * _swapTurns++);
        var searches = Enumerable.Range(0, _threads).Select(i => new SwapSearch(on, from, seed + i) { TriesExchanges = !hintOnly }).ToArray();
        var (best, bests) = (from, new int[_threads][]);
        while (DateTime.UtcNow < deadline && !token.IsCancellationRequested)
        {
            var sliceDeadline = Earlier(deadline, SwapSlice);
            Parallel.For(0, _threads, i => bests[i] = searches[i].Improve(sliceDeadline, patience, rounds, plan =>
            {
                lock (gate)
                {
                    if (StageValues.Of(on, plan).IsBetterThan(StageValues.Of(on, best), Stage.Balance))
                    {
                        best = plan;
                        onBetter(plan);
                    }
                }
            }, token));

            if (hintOnly || searches.All(search => search.Stalled))
            {
                break; // one slice is hint enough for CP-SAT; elsewhere, every search has stalled
            }

            var balance = StageValues.Of(on, best).Balance;
            for (var i = 0; i < _threads; i++)
            {
                if (StageValues.Of(on, bests[i]).Balance > balance)
                {
                    searches[i].Adopt(best);
                }
            }
        }

        return best;
    }

    /// <summary>
    /// The swaps and CP-SAT on the held pairs (<see cref="HeldPairs"/>) in turns until <paramref name="deadline"/>, or until
    /// a round of both gains nothing: the swaps change which tasks the workers hold, the held pairs then balance the hours
    /// of all of them at once, which the swaps' moves between two workers do not. On the generated M workplace (972
    /// pairs, 60-s solves, seeds 4–15) the plans at 10 s were 0.119–0.157 (mean 0.138) against 0.135–0.157 (mean 0.146)
    /// with the swaps alone in this share of the time; at the end, no difference (mean 0.117 and 0.118).
    /// </summary>
    private void SwapsWithHeldPairs(DateTime deadline)
    {
        while (DateTime.UtcNow < deadline && !Reached && !cancellationToken.IsCancellationRequested)
        {
            var before = StageValues.Of(problem, _incumbent!).Balance;
            Swap(Earlier(deadline, SwapTurn));
            HeldPairs(Earlier(deadline, HeldPairsTurn));
            var after = StageValues.Of(problem, _incumbent!).Balance;
            if (after >= before || after <= _bound)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Raises the bound by the whole jobs (<see cref="LevelProbes.RaiseByWholeJobs"/>), which refute levels CP-SAT does not
    /// reach, then, <paramref name="withMix"/>, gives what is left of <paramref name="deadline"/> to a search of the pairs
    /// of their mix at the lowest level not refuted (<see cref="MixTurn"/>): the mix says which tasks each worker should
    /// hold, the trap the swaps and the held pairs fall into on M. Returns whether the incumbent is then proven optimal.
    /// </summary>
    private bool WholeJobs(DateTime deadline, bool withMix)
    {
        var jobs = LevelProbes.RaiseByWholeJobs(
            problem, _incumbent!, _bound, deadline, _threads, options.Seed, cancellationToken,
            (level, answer) => Log.LevelProbed(logger, problem.ToRatingPoints(level), $"whole jobs: {answer}", clock.Elapsed.TotalSeconds));
        UseBound(jobs.Bound, "whole jobs");
        if (withMix && jobs.Mix is { } mix && StageValues.Of(problem, _incumbent!).Balance > _bound)
        {
            MixTurn(mix, deadline);
        }

        return StageValues.Of(problem, _incumbent!).Balance <= _bound;
    }

    /// <summary>
    /// Searches the pairs of the whole jobs' mix until <paramref name="deadline"/>: CP-SAT's first plans on them for
    /// <see cref="MixFirstPlansTime"/> (or until its first, where that takes longer), from the mix rounded (which may leave
    /// tasks uncovered, so its first plans are far off balance, 0.8–1.3 on M); the swaps
    /// within those pairs from the best of them, for at most <see cref="MixSwapTime"/>; then CP-SAT on the pairs again from
    /// where the swaps stopped, without its LP relaxation and without a stop when it stalls (its plans come in bursts
    /// seconds apart). From the rounded mix alone CP-SAT spent most of its time descending from far off balance.
    /// </summary>
    private void MixTurn(JobMix mix, DateTime deadline)
    {
        var first = CpSatModel.Build(problem, Stage.Balance, StageCaps.None, lowerBound: _bound, allowed: mix.Allowed);
        first.Hint(mix.Hint);
        var firstPlans = Run(first, Stage.Balance, Earlier(deadline, MixFirstPlansTime), stopAtFirst: false, parameters: CpSatRun.WithoutLp);
        if (firstPlans.Plan is null)
        {
            // A larger model may need longer for a first plan (a region's 2,499 pairs found none in that time).
            firstPlans = Run(first, Stage.Balance, deadline, stopAtFirst: true, parameters: CpSatRun.WithoutLp);
        }

        if (firstPlans.Plan is not { } plan)
        {
            return;
        }

        var within = problem.Restrict(mix.Allowed);
        var swapped = within.ToWhole(SwapsSideBySide(within.Problem, within.FromWhole(plan), Earlier(deadline, MixSwapTime), hintOnly: false, better =>
        {
            var whole = within.ToWhole(better);
            if (StageValues.Of(problem, whole).IsBetterThan(StageValues.Of(problem, _incumbent!), Stage.Balance))
            {
                Keep(whole, "swaps");
            }
        }, cancellationToken));
        Log.BalanceSwapped(logger, "within the whole jobs' mix", StageValues.Of(problem, plan).Balance, StageValues.Of(problem, swapped).Balance, clock.Elapsed.TotalSeconds);
        RunOnPairs(first, mix.Allowed, swapped, "the whole jobs' mix", deadline, stall: null, CpSatRun.WithoutLp);
    }

    /// <summary>
    /// Asks CP-SAT, level by level just above the bound, whether any plan is within it (<see cref="LevelProbes"/>); it may
    /// also find a plan within a level. Each level refuted raises the bound. Returns whether the incumbent is then proven
    /// optimal.
    /// </summary>
    private bool Probe(DateTime deadline)
    {
        var outcome = LevelProbes.Raise(
            problem, _incumbent!, _bound, deadline, ProbeTime, _threads, options.Seed, cancellationToken,
            (level, status) => Log.LevelProbed(logger, problem.ToRatingPoints(level), status, clock.Elapsed.TotalSeconds));
        UseBound(outcome.Bound, "refuted levels");
        if (outcome.Plan is { } plan)
        {
            Keep(plan, "balance");
        }

        return StageValues.Of(problem, _incumbent!).Balance <= _bound;
    }

    /// <summary>
    /// A relaxation-induced neighbourhood: CP-SAT on the whole problem, but with hours only on the pairs the LP relaxation
    /// or the incumbent uses. The LP's few pairs per worker point where a balanced plan lies, and a model that small
    /// finds plans the whole one does not reach in the time. Its bound bounds nothing but itself, so it is not kept.
    /// </summary>
    private void Guided(LpSolution lp, DateTime deadline) =>
        RunOnPairs(problem.Pairs.Select((pair, p) => lp.Hours[p] > 1e-6 || _incumbent![p] > 0 || pair.Fixed > 0).ToArray(), "guided by the LP relaxation", deadline);

    /// <summary>
    /// CP-SAT on the pairs the incumbent holds: every worker keeps their tasks, and the hours of all of them are balanced
    /// at once. The swaps move hours between two workers at a time; hours that must go round a cycle of several workers
    /// they do not move, and this model, small enough to solve in seconds, does. The swaps then change the tasks held.
    /// </summary>
    private void HeldPairs(DateTime deadline) =>
        RunOnPairs(problem.Pairs.Select((pair, p) => _incumbent![p] > 0 || pair.Fixed > 0).ToArray(), "the held pairs", deadline);

    /// <summary>
    /// CP-SAT on the pairs <paramref name="allowed"/> alone, hinted with the incumbent; stops when it stalls (see
    /// <see cref="RunOnPairs(bool[], int[], string, DateTime, TimeSpan?, string)"/>).
    /// </summary>
    private void RunOnPairs(bool[] allowed, string kind, DateTime deadline) =>
        RunOnPairs(allowed, _incumbent!, kind, deadline, Max(TimeSpan.FromSeconds(1), (deadline - DateTime.UtcNow) / 4));

    /// <summary>
    /// CP-SAT on the pairs <paramref name="allowed"/> alone, hinted with <paramref name="hint"/>, with any extra
    /// <paramref name="parameters"/>; stops after <paramref name="stall"/> without a better plan, if given.
    /// </summary>
    private void RunOnPairs(bool[] allowed, int[] hint, string kind, DateTime deadline, TimeSpan? stall, string parameters = "") =>
        RunOnPairs(CpSatModel.Build(problem, Stage.Balance, StageCaps.None, lowerBound: _bound, allowed: allowed), allowed, hint, kind, deadline, stall, parameters);

    /// <summary>
    /// As <see cref="RunOnPairs(bool[], int[], string, DateTime, TimeSpan?, string)"/>, on a <paramref name="model"/> of
    /// those pairs already built (a model is hinted anew for each run).
    /// </summary>
    private void RunOnPairs(CpSatModel model, bool[] allowed, int[] hint, string kind, DateTime deadline, TimeSpan? stall, string parameters = "")
    {
        model.Hint(hint);
        var outcome = Run(model, Stage.Balance, deadline, stopAtFirst: false, stall, parameters);
        Log.PairModelSolved(logger, allowed.Count(a => a), allowed.Length, kind, outcome.Status.ToString(), StageValues.Of(problem, _incumbent!).Balance, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Runs <paramref name="turn"/> and returns the share of the incumbent's balance objective it took off, per second.</summary>
    private double GainPerSecond(Action turn)
    {
        var (before, started) = (StageValues.Of(problem, _incumbent!).Balance, clock.Elapsed);
        turn();
        var after = StageValues.Of(problem, _incumbent!).Balance;
        return before == 0 ? 0 : (double)(before - after) / before / Math.Max(0.001, (clock.Elapsed - started).TotalSeconds);
    }

    /// <summary>Minimises each tie-break in turn, holding the earlier stages at what they reached.</summary>
    private void BreakTies(Stage[] stages)
    {
        for (var i = 0; i < stages.Length; i++)
        {
            var stage = stages[i];
            var values = StageValues.Of(problem, _incumbent!);
            if (values.Of(stage) == 0)
            {
                continue;
            }

            var stageDeadline = DateTime.UtcNow + ((_deadline - DateTime.UtcNow) / (stages.Length - i));

            // A tie-break that has found nothing better for a while rarely will: stop it rather than spend the whole
            // time limit on a cost the council may not weigh much.
            var stall = TimeSpan.FromSeconds(Math.Max(1, (stageDeadline - DateTime.UtcNow).TotalSeconds / 5));
            // With a level asked for, the tie-breaks may use all of it; otherwise they keep the balance reached.
            var caps = new StageCaps(
                Balance: Reached ? _target : values.Balance,
                Training: stage > Stage.Training ? values.Training : null,
                Reassignment: stage > Stage.Reassignment ? values.Reassignment : null);
            if (stage != Stage.Training)
            {
                LowerCosts(stage, caps, values, IsLarge ? stageDeadline : Midpoint(stageDeadline));
            }

            var proven = false;
            if (!IsLarge)
            {
                var model = CpSatModel.Build(problem, stage, caps);
                model.Hint(_incumbent!);
                proven = Run(model, stage, stageDeadline, stopAtFirst: false, stall).IsOptimal;
            }

            if (!proven)
            {
                _incumbent = Neighbourhoods().Improve(_incumbent!, stage, caps, stageDeadline, cancellationToken, stall);
            }

            Log.StageFinished(logger, stage.ToString(), StageValues.Of(problem, _incumbent!).Of(stage), 0, clock.Elapsed.TotalSeconds, proven);
        }
    }

    /// <summary>
    /// The swap search's descent on the costs (<see cref="SwapSearch.LowerCosts"/>) before CP-SAT or the neighbourhoods
    /// take the rest of the stage: a sweep of every row costs about what one neighbourhood of a few workers does, and
    /// gives hours back to the workers who held them before all over the workplace at once. Where CP-SAT takes the whole
    /// model, the descent gets at most half the stage; on a large workplace all of it, as the neighbourhoods gain little
    /// there (generated XL: 63,132 h to 63,114 h in 24 s) and the descent keeps gaining for minutes (from a plan of 60 s,
    /// 55,406 h after 10 s, 53,563 h after 30 s, 51,427 h when it stalled at 107 s). Its plan is kept when it is better
    /// in the stage and within the caps (as it is by construction; checked against the compiled problem's own measure).
    /// </summary>
    private void LowerCosts(Stage stage, StageCaps caps, StageValues values, DateTime deadline)
    {
        var plan = new SwapSearch(problem, _incumbent!, options.Seed).LowerCosts(caps.Balance!.Value, deadline, cancellationToken);
        var lowered = StageValues.Of(problem, plan);
        if (lowered.Balance <= caps.Balance && lowered.Training <= values.Training && lowered.Reassignment <= values.Reassignment
            && lowered.IsBetterThan(values, stage))
        {
            Keep(plan, stage.ToString().ToLowerInvariant());
        }

        Log.CostsLowered(logger, stage.ToString(), values.Of(stage), lowered.Of(stage), clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// Runs CP-SAT on a model of every worker, keeping its plan when it is better than the incumbent, and reporting its
    /// plans as they come in the balance stage (its bounds too when the model is whole).
    /// </summary>
    private CpSatOutcome Run(CpSatModel model, Stage stage, DateTime deadline, bool stopAtFirst, TimeSpan? stall = null, string parameters = "")
    {
        var provesBalance = stage == Stage.Balance && model.IsWhole;
        var incumbentBalance = _incumbent is null ? long.MaxValue : StageValues.Of(problem, _incumbent).Balance;
        Action<long, long>? onSolution = stage == Stage.Balance && model.CoversAllWorkers
            ? (objective, bound) =>
            {
                if (provesBalance)
                {
                    UseBound(bound, "CP-SAT");
                }

                Report(Math.Min(objective, incumbentBalance), _bound, "balance");
            }
            : null;
        var outcome = CpSatRun.Solve(
            model, null, Remaining(deadline), _threads, options.Seed, cancellationToken,
            onSolution,
            stopAtFirst,
            stall,
            parameters);
        if (provesBalance)
        {
            UseBound(outcome.Bound, "CP-SAT");
        }

        if (outcome.Plan is { } plan
            && (_incumbent is null || StageValues.Of(problem, plan).IsBetterThan(StageValues.Of(problem, _incumbent), stage)))
        {
            Keep(plan, stage.ToString().ToLowerInvariant());
        }

        return outcome;
    }

    private LpSolution? UseLpBound(TimeSpan limit)
    {
        var lp = LpRelaxation.Solve(problem, limit);
        if (lp is not null)
        {
            UseBound(lp.Bound, "LP relaxation");
        }

        return lp;
    }

    private void UseBound(long bound, string source)
    {
        if (bound > _bound)
        {
            (_bound, _boundSource) = (bound, source);
            Log.BoundFound(logger, source, problem.ToRatingPoints(bound), clock.Elapsed.TotalSeconds);
            Report("bound");
        }
    }

    private NeighbourhoodSearch Neighbourhoods() => new(problem, _threads, options.Seed, logger, (stage, plan) => Keep(plan, stage.ToString().ToLowerInvariant()));

    /// <summary>Makes <paramref name="plan"/> the incumbent, reporting it under <paramref name="stage"/> when it balances better than the last.</summary>
    private void Keep(int[] plan, string stage)
    {
        var better = _incumbent is null || StageValues.Of(problem, plan).Balance < StageValues.Of(problem, _incumbent).Balance;
        _incumbent = plan;
        if (better)
        {
            Report(stage);
        }
    }

    /// <summary>Reports the incumbent's objective and the bound.</summary>
    private void Report(string stage)
    {
        long? objective = _incumbent is null ? null : StageValues.Of(problem, _incumbent).Balance;
        Report(objective, _bound, stage);
    }

    private void Report(long? objective, long bound, string stage) =>
        progress?.Report(new SolveProgress(
            objective is { } value ? problem.ToRatingPoints(value) : null,
            problem.ToRatingPoints(objective is { } cap ? Math.Min(bound, cap) : bound),
            clock.Elapsed,
            stage));

    /// <summary>Rounds fractional hours to values each pair may take: 0 or <c>chunk..upper</c>.</summary>
    private int[] Round(double[] hours) =>
    [
        .. problem.Pairs.Select((pair, p) =>
        {
            var rounded = (int)Math.Round(hours[p]);
            return rounded < pair.Lowest ? (pair.Fixed > 0 || rounded * 2 >= pair.Lowest ? pair.Lowest : 0) : Math.Min(rounded, pair.Upper);
        }),
    ];

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>The deadline or <paramref name="slice"/> from now, whichever comes first.</summary>
    private static DateTime Earlier(DateTime deadline, TimeSpan slice) => DateTime.UtcNow + slice < deadline ? DateTime.UtcNow + slice : deadline;

    private static DateTime Midpoint(DateTime deadline) => DateTime.UtcNow + ((deadline - DateTime.UtcNow) / 2);

    private static TimeSpan Remaining(DateTime deadline) =>
        TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(10).Ticks, (deadline - DateTime.UtcNow).Ticks));
}
