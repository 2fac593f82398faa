using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Web.Components.Pages.Panel;

/// <summary>Who uses the staff Panel report pages (officers write, the Chief Executive or Commissioner approves) and the quarters they offer.</summary>
public static class PanelReportPages
{
    public const string StaffRoles = Roles.GrantsOfficer + "," + Roles.DecisionMaker + "," + Roles.Commissioner;

    /// <summary>Success measures are read by Panel members too.</summary>
    public const string MeasureReaders = StaffRoles + "," + Roles.PanelMember;

    public static FinancialQuarter Previous(FinancialQuarter q) => q.Number == 1 ? q.Year.Previous.Quarter(4) : q.Year.Quarter(q.Number - 1);

    /// <summary>The last sixteen quarters to the current one, newest first, none before the first plan (2013/14 Q1).</summary>
    public static List<FinancialQuarter> RecentQuarters(DateTimeOffset now)
    {
        var quarters = new List<FinancialQuarter>();
        for (var q = FinancialQuarter.Containing(now); q >= new FinancialYear(2013).Quarter(1) && quarters.Count < 16; q = Previous(q))
        {
            quarters.Add(q);
        }
        return quarters;
    }

    /// <summary>
    /// The quarter a route names, the last completed quarter when it names none, or null when it names no real quarter
    /// or one that has not begun (nothing can be reported for it yet).
    /// </summary>
    public static FinancialQuarter? FromRoute(int? year, int? quarter, DateTimeOffset now) => (year, quarter) switch
    {
        (null, _) or (_, null) => Previous(FinancialQuarter.Containing(now)),
        ( >= 2000 and <= 2100, >= 1 and <= 4) when new FinancialYear(year.Value).Quarter(quarter.Value) <= FinancialQuarter.Containing(now)
            => new FinancialYear(year.Value).Quarter(quarter.Value),
        _ => null,
    };
}
