using System.Globalization;
using JobBalancing.Analysis;
using JobBalancing.Domain;
using JobBalancing.Reports;
using ScottPlot;

namespace JobBalancing.Cli;

/// <summary>
/// The plots of the command line, drawn with ScottPlot and saved as PNG or SVG by the file's extension: a frontier, jobs
/// before and after balancing, cost per council, a rotation as a heat map. Every plot is titled, its axes labelled with
/// their units, and its series named in a legend.
/// </summary>
internal static class Plots
{
    /// <summary>The extensions a plot can be saved with.</summary>
    public static readonly IReadOnlyList<string> Extensions = [".png", ".svg"];

    private const int Width = 900;
    private const int Height = 600;

    /// <summary>A frontier: balance reached and its proven bound against the value traded for it.</summary>
    public static Plot Frontier(FrontierResult frontier, Workplace workplace)
    {
        var plot = new Plot();
        var xs = frontier.Points.Select(p => (double)p.Value).ToArray();
        var reached = plot.Add.Scatter(xs, frontier.Points.Select(p => (double)p.Objective).ToArray());
        reached.LegendText = "balance reached (objective)";
        reached.LineWidth = 2;
        reached.MarkerSize = 9;
        if (frontier.Axis == FrontierAxis.Cost)
        {
            // Until the next point, more money buys no better balance than this point's: the curve is a staircase.
            reached.ConnectStyle = ConnectStyle.StepHorizontal;
        }

        var bound = plot.Add.Scatter(xs, frontier.Points.Select(p => (double)p.Bound).ToArray());
        bound.LegendText = "proven bound";
        bound.LinePattern = LinePattern.Dashed;
        bound.MarkerShape = MarkerShape.OpenCircle;
        bound.MarkerSize = 7;

        if (frontier.Dominated.Count > 0)
        {
            var dropped = plot.Add.ScatterPoints(
                frontier.Dominated.Select(p => (double)p.Value).ToArray(), frontier.Dominated.Select(p => (double)p.Objective).ToArray());
            dropped.LegendText = "dominated (dropped)";
            dropped.MarkerShape = MarkerShape.Eks;
            dropped.MarkerSize = 9;
            dropped.Color = Colors.Gray;
        }

        plot.Title($"Balance against {Axis(frontier.Axis)}: {workplace.DisplayName}");
        plot.XLabel(TradeOffReport.ValueName(frontier.Axis));
        plot.YLabel("imbalance wE·ΔE + wD·ΔD (rating points)");
        if (frontier.Axis != FrontierAxis.Cost)
        {
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        }

        Finish(plot);
        return plot;
    }

    /// <summary>Each worker's job as a point (empowerment, desirability), now and after balancing, and the workplace average.</summary>
    public static Plot Jobs(Workplace workplace, Plan? before, Plan after)
    {
        var plot = new Plot();
        if (before is not null)
        {
            var now = plot.Add.ScatterPoints(before.Jobs.Select(j => (double)j.Empowerment).ToArray(), before.Jobs.Select(j => (double)j.Desirability).ToArray());
            now.LegendText = "current jobs";
            now.MarkerShape = MarkerShape.OpenCircle;
            now.MarkerSize = 9;
        }

        var balanced = plot.Add.ScatterPoints(after.Jobs.Select(j => (double)j.Empowerment).ToArray(), after.Jobs.Select(j => (double)j.Desirability).ToArray());
        balanced.LegendText = "balanced jobs";
        balanced.MarkerShape = MarkerShape.FilledCircle;
        balanced.MarkerSize = 8;

        var average = plot.Add.ScatterPoints(new[] { (double)after.EmpowermentAverage }, new[] { (double)after.DesirabilityAverage });
        average.LegendText = "workplace average";
        average.MarkerShape = MarkerShape.Cross;
        average.MarkerSize = 16;
        average.MarkerLineWidth = 3;
        average.Color = Colors.Black;

        plot.Title($"Jobs before and after balancing: {workplace.DisplayName}");
        plot.XLabel("job empowerment E_w (rating points)");
        plot.YLabel("job desirability D_w (rating points)");
        Finish(plot);
        return plot;
    }

    /// <summary>Cost per council (hours), one group of bars per council, one bar per policy.</summary>
    /// <param name="councils">The councils, in order.</param>
    /// <param name="policies">Per policy, its name and each council's cost in hours (0 when it has none).</param>
    /// <param name="title">What the comparison is of.</param>
    public static Plot CouncilCosts(IReadOnlyList<string> councils, IReadOnlyList<(string Policy, IReadOnlyList<double> Hours)> policies, string title)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var width = 0.8 / Math.Max(1, policies.Count);
        for (var p = 0; p < policies.Count; p++)
        {
            var bars = policies[p].Hours.Select((hours, c) => new Bar
            {
                Position = c + ((p - ((policies.Count - 1) / 2.0)) * width),
                Value = hours,
                Size = width * 0.9,
                FillColor = palette.GetColor(p),
            }).ToList();
            plot.Add.Bars(bars);
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = policies[p].Policy, FillColor = palette.GetColor(p) });
        }

        plot.Axes.Bottom.SetTicks(councils.Select((_, c) => (double)c).ToArray(), councils.ToArray());
        plot.Axes.Bottom.TickLabelStyle.Rotation = councils.Max(c => c.Length) > 10 ? -30 : 0;
        plot.Axes.Bottom.TickLabelStyle.Alignment = councils.Max(c => c.Length) > 10 ? Alignment.MiddleRight : Alignment.UpperCenter;
        plot.Axes.Margins(bottom: 0);
        plot.Title(title);
        plot.XLabel("council (workplace)");
        plot.YLabel("cost of balancing (hours per period)");
        Finish(plot);
        return plot;
    }

    /// <summary>A rotation as a heat map: a row per worker, a column per period, coloured by a score.</summary>
    /// <param name="workers">The workers, top to bottom.</param>
    /// <param name="scores">The score of each worker (row) in each period (column).</param>
    /// <param name="scoreName">What the score is: <c>empowerment</c>.</param>
    /// <param name="title">The plot's title.</param>
    public static Plot RotationHeatMap(IReadOnlyList<string> workers, double[,] scores, string scoreName, string title)
    {
        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(scores);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        var periods = scores.GetLength(1);

        // A cell per worker and period, centred on the period's number and the worker's row; row 0 is drawn at the top.
        heatmap.Rectangle = new CoordinateRect(0.5, periods + 0.5, -0.5, workers.Count - 0.5);
        var bar = plot.Add.ColorBar(heatmap);
        bar.Label = $"job {scoreName} (rating points)";

        // The label's default place touches the tick labels' widest numbers; a little smaller and further out it fits.
        bar.LabelStyle.FontSize = 14;
        bar.LabelStyle.OffsetX = 3;
        plot.Axes.Left.SetTicks(workers.Select((_, w) => (double)(workers.Count - 1 - w)).ToArray(), workers.ToArray());
        plot.Axes.Bottom.SetTicks(
            Enumerable.Range(1, periods).Select(p => (double)p).ToArray(),
            Enumerable.Range(1, periods).Select(p => p.ToString(CultureInfo.InvariantCulture)).ToArray());
        plot.Axes.SetLimits(0.5, periods + 0.5, -0.5, workers.Count - 0.5);
        plot.Title(title);
        plot.XLabel("period");
        plot.YLabel("worker");
        return plot;
    }

    /// <summary>Saves <paramref name="plot"/> to <paramref name="path"/> atomically, as PNG or SVG by its extension.</summary>
    public static void Save(Plot plot, string path)
    {
        var svg = string.Equals(Path.GetExtension(path), ".svg", StringComparison.OrdinalIgnoreCase);
        AtomicFile.Write(path, temporary =>
        {
            if (svg)
            {
                plot.SaveSvg(temporary, Width, Height);
            }
            else
            {
                plot.SavePng(temporary, Width, Height);
            }
        });
    }

    private static void Finish(Plot plot)
    {
        plot.ShowLegend(Alignment.UpperRight);
    }

    private static string Axis(FrontierAxis axis) => axis switch
    {
        FrontierAxis.Cost => "cost",
        FrontierAxis.Fragmentation => "fragmentation",
        _ => "horizon length",
    };
}
