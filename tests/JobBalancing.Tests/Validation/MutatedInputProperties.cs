using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using JobBalancing.Domain;
using JobBalancing.IO;
using JobBalancing.Solving;

namespace JobBalancing.Tests.Validation;

/// <summary>
/// Thousands of mutated sample files (bytes, tokens and structure), each answered by a list of problems or a
/// workplace, and some of the workplaces by a solve: never by any other exception.
/// </summary>
public sealed class MutatedInputProperties
{
    private static readonly string[] Samples =
    [
        .. new[] { "quickstart.json", "hospital.json" }.Select(f => File.ReadAllText(Path.Combine("samples", f))),
        .. Directory.GetFiles(Path.Combine("samples", "infeasible")).Order().Select(File.ReadAllText),
    ];

    /// <summary>Values that have broken readers before: extremes, wrong types, precision beyond the solvers.</summary>
    private static readonly string[] Tokens =
    [
        "0", "-1", "0.5", "1e30", "-1e30", "1e-30", "79228162514264337593543950335", "2147483648", "1.23456789", "0.0001",
        "\"x\"", "\"\"", "null", "true", "[]", "{}", "[1]", "{\"a\":1}", "\"\\ud800\"", "1E+400",
    ];

    private static int _solved;

    [Property(MaxTest = 4000)]
    public Property Read_MutatedSample_GivesProblemsOrAWorkplace(PositiveInt sample, int seed)
    {
        var random = new Random(seed);
        var text = Samples[sample.Get % Samples.Length];
        var mutations = random.Next(1, 4);
        for (var i = 0; i < mutations; i++)
        {
            text = Mutate(text, random);
        }

        return Prop.Collect(() => Answer(text, solve: random.Next(40) == 0), "ok");
    }

    private static string Answer(string text, bool solve)
    {
        Workplace workplace;
        try
        {
            workplace = WorkplaceJson.Read(text);
        }
        catch (InvalidWorkplaceException e)
        {
            Assert.NotEmpty(e.Problems);
            Assert.All(e.Problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Message)));
            return "invalid";
        }

        Assert.Empty(workplace.Validate());
        if (!solve || Interlocked.Increment(ref _solved) > 150)
        {
            return "valid";
        }

        var result = new Balancer(new BalancerOptions { TimeLimit = TimeSpan.FromSeconds(0.2), Threads = 1, TieBreaks = false })
            .Balance(workplace, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(result.HasPlan || result.Explanation is not null, $"{result.Status} without a plan or an explanation");
        return result.Status.ToString();
    }

    private static string Mutate(string text, Random random) => random.Next(6) switch
    {
        0 => text.Remove(random.Next(text.Length), 1),
        1 => text.Insert(random.Next(text.Length), "{}[]\",:-.e0123456789 x"[random.Next(22)].ToString()),
        2 => ReplaceSpan(text, random),
        3 => ReplaceNumber(text, random),
        _ => MutateStructure(text, random),
    };

    private static string ReplaceSpan(string text, Random random)
    {
        var start = random.Next(text.Length);
        var length = Math.Min(random.Next(1, 20), text.Length - start);
        var copyFrom = random.Next(text.Length - length);
        return string.Concat(text.AsSpan(0, start), text.AsSpan(copyFrom, length), text.AsSpan(start + length));
    }

    /// <summary>Replaces one number of the text by one of <see cref="Tokens"/>.</summary>
    private static string ReplaceNumber(string text, Random random)
    {
        var numbers = System.Text.RegularExpressions.Regex.Matches(text, @"-?\d+(\.\d+)?");
        if (numbers.Count == 0)
        {
            return text;
        }

        var match = numbers[random.Next(numbers.Count)];
        return string.Concat(text.AsSpan(0, match.Index), Tokens[random.Next(Tokens.Length)], text.AsSpan(match.Index + match.Length));
    }

    /// <summary>Removes, duplicates or retypes one value of the parsed document.</summary>
    private static string MutateStructure(string text, Random random)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text, documentOptions: new() { AllowTrailingCommas = true, CommentHandling = System.Text.Json.JsonCommentHandling.Skip });
        }
        catch (System.Text.Json.JsonException)
        {
            return text;
        }

        var nodes = new List<JsonNode>();
        Collect(root, nodes);
        if (nodes.Count < 2)
        {
            return text;
        }

        var node = nodes[random.Next(1, nodes.Count)];
        var parent = node.Parent!;
        var replacement = random.Next(3) switch
        {
            0 => null,
            1 => node.DeepClone(),
            _ => JsonNode.Parse(Tokens[random.Next(Tokens.Length)]),
        };
        switch (parent)
        {
            case JsonObject obj:
                var name = node.GetPropertyName();
                if (random.Next(3) == 0)
                {
                    obj.Remove(name);
                }
                else
                {
                    obj[name] = replacement;
                }

                break;
            case JsonArray array:
                var index = node.GetElementIndex();
                if (random.Next(2) == 0)
                {
                    array.Insert(index, replacement);
                }
                else
                {
                    array.RemoveAt(index);
                }

                break;
        }

        return root!.ToJsonString();
    }

    private static void Collect(JsonNode? node, List<JsonNode> nodes)
    {
        if (node is null)
        {
            return;
        }

        nodes.Add(node);
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    Collect(child, nodes);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Collect(child, nodes);
                }

                break;
        }
    }
}
