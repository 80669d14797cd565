using JobBalancing.Domain;
using JobBalancing.Solving;

namespace JobBalancing.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void Balance_TwoWorkersTwoTasks_SplitsBothTasksEvenly()
    {
        var workplace = new Workplace
        {
            Id = "tiny",
            Tasks =
            [
                new WorkTask { Id = "plan", Hours = 10, Empowerment = 9, Desirability = 7 },
                new WorkTask { Id = "clean", Hours = 10, Empowerment = 1, Desirability = 2 },
            ],
            Workers =
            [
                new Worker { Id = "a", Hours = 10 },
                new Worker { Id = "b", Hours = 10 },
            ],
        };

        var result = new Balancer(new BalancerOptions { TimeLimit = TimeSpan.FromSeconds(5) }).Balance(workplace, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(SolveStatus.Optimal, result.Status);
        Assert.Equal(0m, result.Plan!.Objective);
        Assert.Equal(5m, result.Plan.HoursOf("a", "plan"));
    }
}
