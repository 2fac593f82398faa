using GrantsCommissioning.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GrantsCommissioning.Core.Features.Payments;

/// <summary>
/// Finance stops every payment of one award, with a reason, until it lifts the suspension: a finance hold, apart from
/// the award's own Suspended state (a programme decision). While it stands nothing on the award is authorised or paid.
/// </summary>
public class PaymentSuspension
{
    public int Id { get; set; }
    public int AwardId { get; set; }
    public required string Reason { get; set; }
    public required string SuspendedByUserId { get; set; }
    public required string SuspendedByName { get; set; }
    public DateTimeOffset SuspendedAt { get; set; }
    public string? LiftedByName { get; set; }
    public DateTimeOffset? LiftedAt { get; set; }
    public string? LiftReason { get; set; }
}

internal sealed class PaymentSuspensionConfiguration : IEntityTypeConfiguration<PaymentSuspension>
{
    public void Configure(EntityTypeBuilder<PaymentSuspension> b)
    {
        b.ToTable("PaymentSuspensions");
        b.Property(s => s.Reason).HasMaxLength(500);
        b.Property(s => s.LiftReason).HasMaxLength(500);
        b.Property(s => s.SuspendedByUserId).HasMaxLength(450);
        b.Property(s => s.SuspendedByName).HasMaxLength(200);
        b.Property(s => s.LiftedByName).HasMaxLength(200);
        b.HasOne<Award>().WithMany().HasForeignKey(s => s.AwardId).OnDelete(DeleteBehavior.Cascade);
        // One standing suspension per award.
        b.HasIndex(s => s.AwardId).IsUnique().HasFilter("\"LiftedAt\" IS NULL");
    }
}
