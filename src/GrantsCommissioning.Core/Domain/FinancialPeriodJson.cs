using System.Text.Json;
using System.Text.Json.Serialization;

namespace GrantsCommissioning.Core.Domain;

/// <summary>
/// A financial year in JSON is the year it starts in (2013 for 2013/14). Without this the serializer would follow
/// <see cref="FinancialYear.Next"/> for ever, which is how a page's persisted prerender state used to fail and be
/// dropped whole.
/// </summary>
public sealed class FinancialYearJsonConverter : JsonConverter<FinancialYear>
{
    public override FinancialYear Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(reader.GetInt32());

    public override void Write(Utf8JsonWriter writer, FinancialYear value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(value.StartYear);
    }
}

/// <summary>A financial quarter in JSON is its year and number: <c>{"year":2013,"number":1}</c> for 2013/14 Q1.</summary>
public sealed class FinancialQuarterJsonConverter : JsonConverter<FinancialQuarter>
{
    public override FinancialQuarter Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A financial quarter is an object with its year and number.");
        }
        int? year = null, number = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            if (string.Equals(name, "year", StringComparison.OrdinalIgnoreCase))
            {
                year = reader.GetInt32();
            }
            else if (string.Equals(name, "number", StringComparison.OrdinalIgnoreCase))
            {
                number = reader.GetInt32();
            }
            else
            {
                reader.Skip();
            }
        }
        return year is { } y && number is { } n
            ? new FinancialQuarter(new FinancialYear(y), n)
            : throw new JsonException("A financial quarter needs its year and number.");
    }

    public override void Write(Utf8JsonWriter writer, FinancialQuarter value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteNumber("year", value.Year.StartYear);
        writer.WriteNumber("number", value.Number);
        writer.WriteEndObject();
    }
}
