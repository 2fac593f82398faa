using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace GrantsCommissioning.Core.Features.Transparency;

/// <summary>A table to download: column titles and rows of text, numbers (decimal) and dates.</summary>
public sealed record Table(string Name, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<object?>> Rows);

/// <summary>
/// Writes a <see cref="Table"/> as CSV (RFC 4180, UTF-8) or as an XLSX workbook of one sheet whose numbers are numeric
/// cells, so both read back with the same values. Dates are written YYYY-MM-DD, times in ISO 8601.
/// </summary>
public static class TableFile
{
    public const string CsvType = "text/csv";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static byte[] Csv(Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var csv = new StringBuilder();
        AppendLine(csv, table.Headers);
        foreach (var row in table.Rows)
        {
            AppendLine(csv, row.Select(Text).ToList());
        }
        return new UTF8Encoding(false).GetBytes(csv.ToString());
    }

    public static byte[] Xlsx(Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = doc.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(Row(1, table.Headers));
            for (var i = 0; i < table.Rows.Count; i++)
            {
                data.Append(Row((uint)i + 2, table.Rows[i]));
            }
            sheetPart.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = table.Name }));
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    /// <summary>The value as the CSV writes it (and as an XLSX text cell holds it).</summary>
    public static string Text(object? value) => value switch
    {
        null => "",
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        int n => n.ToString(CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static void AppendLine(StringBuilder csv, IReadOnlyList<string> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0)
            {
                csv.Append(',');
            }
            var v = values[i];
            csv.Append(v.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : v);
        }
        csv.Append("\r\n");
    }

    private static Row Row(uint index, IEnumerable<object?> values)
    {
        var row = new Row { RowIndex = index };
        foreach (var value in values)
        {
            row.Append(value switch
            {
                decimal or int => new Cell { DataType = CellValues.Number, CellValue = new CellValue(Text(value)) },
                _ => new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(Text(value)) { Space = SpaceProcessingModeValues.Preserve }) },
            });
        }
        return row;
    }
}
