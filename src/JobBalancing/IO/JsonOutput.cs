using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using JobBalancing.Domain;

namespace JobBalancing.IO;

/// <summary>How the library writes JSON: indented, with <c>\n</c> line ends, and numbers as people write them.</summary>
internal static class JsonOutput
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,

        // The same bytes on every platform, so that files written on Windows and Linux compare equal in git.
        NewLine = "\n",

        // Councils read these files: "Müller" stays "Müller" instead of "M\u00FCller". The files are data, never
        // embedded in HTML, so the HTML-safe escaping of the default encoder buys nothing here.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Runs <paramref name="write"/> on a fresh writer and returns the JSON text it wrote.</summary>
    public static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes a decimal without trailing zeros (<c>2.5</c>, not <c>2.50</c>), or <c>null</c>.</summary>
    public static void WriteDecimal(this Utf8JsonWriter writer, string name, decimal? value)
    {
        writer.WritePropertyName(name);
        if (value is { } number)
        {
            writer.WriteRawValue(Numbers.Format(number));
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    /// <summary>
    /// Writes <paramref name="items"/> as an array, one <paramref name="writeItem"/> each; a <see langword="null"/> item
    /// (an invalid workplace may hold one) is written as <c>null</c>, which reading reports.
    /// </summary>
    public static void WriteArray<T>(this Utf8JsonWriter writer, string name, IEnumerable<T> items, Action<Utf8JsonWriter, T> writeItem)
    {
        writer.WriteStartArray(name);
        foreach (var item in items)
        {
            if (item is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                writeItem(writer, item);
            }
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes a string property, or nothing when <paramref name="value"/> is <see langword="null"/>.</summary>
    public static void WriteOptionalString(this Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    /// <summary>Writes a list of strings as an array.</summary>
    public static void WriteStrings(this Utf8JsonWriter writer, string name, IEnumerable<string> items) =>
        writer.WriteArray(name, items, static (w, item) => w.WriteStringValue(item));
}
