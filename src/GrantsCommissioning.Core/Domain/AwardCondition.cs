namespace GrantsCommissioning.Core.Domain;

public class AwardCondition
{
    public int Id { get; set; }
    public int AwardId { get; set; }
    public int Order { get; set; }
    public required string Text { get; set; }
}
