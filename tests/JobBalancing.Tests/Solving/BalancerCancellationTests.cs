using JobBalancing.Domain;
using JobBalancing.Solving;

namespace JobBalancing.Tests.Solving;

public sealed class BalancerCancellationTests
{
    [Fact]
    public void Balance_TokenCancelledBeforeTheSearch_ReturnsUnknownInsteadOfThrowing()
    {
        var workplace = new Workplace
        {
            Id = "tiny",
            Tasks = [new WorkTask { Id = "plan", Hours = 10, Empowerment = 9, Desirability = 7 }, new WorkTask { Id = "clean", Hours = 10, Empowerment = 1, Desirability = 2 }],
            Workers = [new Worker { Id = "a", Hours = 10 }, new Worker { Id = "b", Hours = 10 }],
        };

        var result = new Balancer(new BalancerOptions { TimeLimit = TimeSpan.FromSeconds(5) }).Balance(workplace, cancellationToken: new CancellationToken(canceled: true));

        Assert.Equal(SolveStatus.Unknown, result.Status);
        Assert.Equal("the solve was cancelled before a plan was found", result.Explanation);
    }
}
