using System.Globalization;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Audit;
using GrantsCommissioning.Core.Features.Cases;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Payments;

/// <summary>The bank account a payment goes to. <see cref="AccountNumber"/> is masked unless revealed to Finance.</summary>
public sealed record PayeeBank(int OrganisationId, string Organisation, string? AccountName, string? SortCode, string? AccountNumber, bool Revealed)
{
    public bool IsOnFile => AccountNumber is not null;
}

/// <summary>
/// The payee's bank details for a payment: for Finance only (<see cref="CaseAccess.SeesBankDetails"/>), masked unless
/// they ask for the full account number, and each time they do the audit log records who looked, when, and at which
/// organisation's account.
/// </summary>
public sealed class PayeeBankDetails(IDbContextFactory<GrantsDbContext> factory, AuditTrail audit)
{
    public const string ViewedAction = "Organisation.BankDetailsViewed";

    /// <summary>The masked details, or null when there is no such payment or the actor is not in Finance.</summary>
    public async Task<PayeeBank?> MaskedAsync(int paymentId, Actor actor, CancellationToken ct = default)
    {
        if (!CaseAccess.SeesBankDetails(actor))
        {
            return null;
        }
        var organisation = await OrganisationForAsync(paymentId, ct);
        return organisation is null ? null
            : new PayeeBank(organisation.Id, organisation.Name, organisation.BankAccountName, organisation.BankSortCode, organisation.MaskedAccountNumber, Revealed: false);
    }

    public async Task<FeatureResult<PayeeBank>> RevealAsync(int paymentId, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!CaseAccess.SeesBankDetails(actor))
        {
            return FeatureResult<PayeeBank>.Fail(new RoleNeeded("the finance team", "see full bank details"));
        }
        var organisation = await OrganisationForAsync(paymentId, ct);
        if (organisation is null)
        {
            return FeatureResult<PayeeBank>.Fail(new NotFound("payment"));
        }
        if (organisation.BankAccountNumber is null)
        {
            return FeatureResult<PayeeBank>.Fail(new NoBankDetails(organisation.Name));
        }
        // Recorded before the details are returned: if the audit row cannot be written, nothing is shown.
        await audit.RecordAccessAsync(actor, ViewedAction, nameof(Organisation), organisation.Id.ToString(CultureInfo.InvariantCulture), ct);
        return FeatureResult<PayeeBank>.Ok(new PayeeBank(organisation.Id, organisation.Name, organisation.BankAccountName, organisation.BankSortCode,
            organisation.BankAccountNumber, Revealed: true));
    }

    private async Task<Organisation?> OrganisationForAsync(int paymentId, CancellationToken ct)
    {
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            return await db.Payments.AsNoTracking().Where(p => p.Id == paymentId).Select(p => p.Award!.Organisation).SingleOrDefaultAsync(ct);
        }
    }
}
