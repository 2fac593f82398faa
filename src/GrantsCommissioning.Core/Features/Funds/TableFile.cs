using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using GrantsCommissioning.Core.Features.Panel;

namespace GrantsCommissioning.Core.Features.Funds;

/// <summary>Reads an uploaded table, CSV or the first sheet of an XLSX workbook, as rows of text cells (numbers as the workbook stores them).</summary>
internal static class TableFile
{
    public static bool IsXlsx(string fileName, byte[] content) =>
        fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) || (content.Length > 1 && content[0] == 'P' && content[1] == 'K');

    /// <summary>The rows, or null when the bytes are not a readable workbook.</summary>
    public static List<List<string>>? Read(string fileName, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!IsXlsx(fileName, content))
        {
            return CsvText.Read(Encoding.UTF8.GetString(content).TrimStart('\uFEFF'));
        }
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            using var document = SpreadsheetDocument.Open(stream, false);
            var workbook = document.WorkbookPart!;
            var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().First();
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
            var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
            var rows = new List<List<string>>();
            foreach (var row in part.Worksheet.Descendants<Row>())
            {
                var index = (int)(row.RowIndex?.Value ?? (uint)(rows.Count + 1));
                while (rows.Count < index - 1)
                {
                    rows.Add([]);
                }
                var cells = new List<string>();
                foreach (var cell in row.Elements<Cell>())
                {
                    var column = ColumnIndex(cell.CellReference?.Value) ?? cells.Count;
                    while (cells.Count < column)
                    {
                        cells.Add("");
                    }
                    cells.Add(Text(cell, shared));
                }
                rows.Add(cells);
            }
            return rows;
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    private static string Text(Cell cell, List<string> shared)
    {
        if (cell.DataType?.Value == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText ?? "";
        }
        var value = cell.CellValue?.Text ?? "";
        return cell.DataType?.Value == CellValues.SharedString && int.TryParse(value, out var i) && i < shared.Count ? shared[i] : value;
    }

    private static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }
        var n = 0;
        foreach (var c in reference.TakeWhile(char.IsLetter))
        {
            n = (n * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
        }
        return n - 1;
    }
}
