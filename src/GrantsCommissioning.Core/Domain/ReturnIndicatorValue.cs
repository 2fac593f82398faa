namespace GrantsCommissioning.Core.Domain;

public class ReturnIndicatorValue
{
    public int Id { get; set; }
    public int ReturnId { get; set; }
    public int IndicatorId { get; set; }
    public AwardIndicator? Indicator { get; set; }
    public double Value { get; set; }
}
