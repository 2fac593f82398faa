using System.Globalization;
using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Core.Features.FinanceExports;

/// <summary>
/// Writes a <see cref="FinanceTable"/> as CSV (RFC 4180, UTF-8, invariant numbers, ISO dates) and as XLSX (OpenXml SDK:
/// numbers are numbers, pounds with two decimals, dates are dates). Both are deterministic: the same table gives the
/// same bytes, whenever it is written.
/// </summary>
public static class FinanceTableWriter
{
    public const string CsvType = "text/csv";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private const uint MoneyStyle = 1;
    private const uint DateStyle = 2;
    private const uint DateTimeStyle = 3;
    private static readonly DateTimeOffset FixedZipTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static byte[] Csv(FinanceTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var csv = new StringBuilder();
        csv.Append(string.Join(',', table.Headings.Select(Quote))).Append("\r\n");
        foreach (var row in table.Rows)
        {
            csv.Append(string.Join(',', row.Select(CsvCell))).Append("\r\n");
        }
        return new UTF8Encoding(false).GetBytes(csv.ToString());
    }

    public static byte[] Xlsx(FinanceTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Stylesheet();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(Row(1, table.Headings.Cast<object?>().ToList()));
            var n = 1u;
            foreach (var row in table.Rows)
            {
                data.Append(Row(++n, row));
            }
            sheetPart.Worksheet = new Worksheet(new Columns(table.Headings.Select((h, i) =>
                new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = Math.Max(12, Math.Min(60, h.Length + 4)), CustomWidth = true })), data);
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            sheets.Append(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = SheetName(table.Name) });
        }
        return FixTimestamps(stream.ToArray());
    }

    private static Row Row(uint index, IReadOnlyList<object?> cells)
    {
        var row = new Row { RowIndex = index };
        for (var i = 0; i < cells.Count; i++)
        {
            var reference = ColumnName(i) + index.ToString(CultureInfo.InvariantCulture);
            row.Append(cells[i] switch
            {
                null => new Cell { CellReference = reference },
                Money m => new Cell { CellReference = reference, CellValue = new CellValue(m.Pounds), DataType = CellValues.Number, StyleIndex = MoneyStyle },
                int whole => new Cell { CellReference = reference, CellValue = new CellValue(whole), DataType = CellValues.Number },
                DateOnly d => new Cell
                {
                    CellReference = reference, StyleIndex = DateStyle,
                    CellValue = new CellValue((d.ToDateTime(TimeOnly.MinValue) - new DateTime(1899, 12, 30)).Days.ToString(CultureInfo.InvariantCulture)),
                },
                DateTime t => new Cell
                {
                    CellReference = reference, StyleIndex = DateTimeStyle,
                    CellValue = new CellValue(Math.Round((t - new DateTime(1899, 12, 30)).TotalDays, 8).ToString("0.########", CultureInfo.InvariantCulture)),
                },
                var text => new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(Convert.ToString(text, CultureInfo.InvariantCulture) ?? "")) },
            });
        }
        return row;
    }

    private static Stylesheet Stylesheet() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "#,##0.00" }, new NumberingFormat { NumberFormatId = 165, FormatCode = "dd/mm/yyyy" },
            new NumberingFormat { NumberFormatId = 166, FormatCode = "dd/mm/yyyy hh:mm" }) { Count = 3 },
        new Fonts(new Font()) { Count = 1 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 165, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 166, ApplyNumberFormat = true }) { Count = 4 });

    private static string ColumnName(int index)
    {
        var name = "";
        for (var i = index + 1; i > 0; i = (i - 1) / 26)
        {
            name = (char)('A' + (i - 1) % 26) + name;
        }
        return name;
    }

    private static string SheetName(string name)
    {
        var clean = new string(name.Where(c => !"[]:*?/\\".Contains(c, StringComparison.Ordinal)).ToArray());
        return clean.Length > 31 ? clean[..31] : clean;
    }

    /// <summary>The package's zip entries carry the time they were written; a fixed time makes the file depend only on the table.</summary>
    private static byte[] FixTimestamps(byte[] package)
    {
        using var source = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
        using var output = new MemoryStream();
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries.OrderBy(e => e.FullName, StringComparer.Ordinal))
            {
                var copy = target.CreateEntry(entry.FullName, CompressionLevel.Optimal);
                copy.LastWriteTime = FixedZipTime;
                using var from = entry.Open();
                using var to = copy.Open();
                from.CopyTo(to);
            }
        }
        return output.ToArray();
    }

    private static string CsvCell(object? cell) => cell switch
    {
        null => "",
        Money m => m.Pounds.ToString("0.00", CultureInfo.InvariantCulture),
        int whole => whole.ToString(CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        var text => Quote(Convert.ToString(text, CultureInfo.InvariantCulture) ?? ""),
    };

    /// <summary>A quoted CSV text cell, with a leading formula character neutralised so a spreadsheet does not run it.</summary>
    private static string Quote(string value)
    {
        var safe = value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value;
        return "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
