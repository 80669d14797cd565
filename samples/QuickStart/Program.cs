using JobBalancing.IO;
using JobBalancing.Solving;

var path = args.Length > 0 ? args[0] : "samples/data/hospital.json";
var workplace = WorkplaceJson.ReadFile(path);
var result = new Balancer(new BalancerOptions { TimeLimit = TimeSpan.FromSeconds(30) }).Balance(workplace);

Console.WriteLine($"{result.Status}: objective {result.Plan?.Objective:0.###}, bound {result.Bound:0.###}");
foreach (var job in result.Plan?.Jobs ?? [])
{
    Console.WriteLine($"{job.Worker,-8} E {job.Empowerment:0.00}  D {job.Desirability:0.00}  {string.Join(", ", job.Tasks.Select(t => $"{t.Task} {t.Hours} h"))}");
}
