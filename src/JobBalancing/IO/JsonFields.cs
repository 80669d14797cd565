using System.Text.Json;

namespace JobBalancing.IO;

/// <summary>The known properties of one JSON object, and the JSON path of the object, for naming problems.</summary>
internal sealed class JsonFields(string path, IReadOnlyDictionary<string, JsonElement> values)
{
    /// <summary>The path of <paramref name="name"/> below <paramref name="parent"/>: <c>tasks[3]</c> and <c>hours</c> give <c>tasks[3].hours</c>.</summary>
    public static string Join(string parent, string name) => parent.Length == 0 ? name : $"{parent}.{name}";

    /// <summary>The JSON path of this object.</summary>
    public string Path => path;

    /// <summary>The path of the property <paramref name="name"/> of this object.</summary>
    public string PathOf(string name) => Join(path, name);

    /// <summary>The value of <paramref name="name"/>, which may be JSON <c>null</c>; <see langword="false"/> when absent.</summary>
    public bool TryGet(string name, out JsonElement value) => values.TryGetValue(name, out value);
}
