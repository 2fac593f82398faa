namespace GrantsCommissioning.Core.Domain;

/// <summary>The position of a success measure at the end of a financial quarter (year to date).</summary>
public class MeasureReading
{
    public int Id { get; set; }
    public int MeasureId { get; set; }
    public SuccessMeasure? Measure { get; set; }
    public int FinancialYearStart { get; set; }
    public int Quarter { get; set; }
    public string? PeriodTarget { get; set; }
    public string? Actual { get; set; }
    public Rag Rag { get; set; }
    public DirectionOfTravel Direction { get; set; }
    public string? Comment { get; set; }

    public FinancialQuarter Period => new(new FinancialYear(FinancialYearStart), Quarter);
}
