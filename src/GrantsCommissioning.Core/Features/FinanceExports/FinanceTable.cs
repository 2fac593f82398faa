using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Core.Features.FinanceExports;

/// <summary>
/// A table as it is exported (the finance tables and every staff table, see <c>Endpoints/TableExportEndpoints</c> in the
/// web project): headings and rows of typed cells. A cell is text (<see cref="string"/>), whole number (<see cref="int"/>),
/// money (<see cref="Money"/>, written as pounds with two decimals), a date (<see cref="DateOnly"/>) or a UK wall-clock
/// time to the minute (<see cref="DateTime"/>); null is an empty cell.
/// </summary>
public sealed record FinanceTable(string Name, IReadOnlyList<string> Headings, IReadOnlyList<IReadOnlyList<object?>> Rows)
{
    public static FinanceTable Of<T>(string name, IReadOnlyList<string> headings, IEnumerable<T> items, Func<T, object?[]> cells) =>
        new(name, headings, items.Select(i => (IReadOnlyList<object?>)cells(i)).ToList());
}
