using System.Globalization;
using System.Linq.Expressions;
using FluentValidation;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Email;
using GrantsCommissioning.Core.Features.Audit;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Organisations;

/// <summary>
/// The organisation profile kept once and reused on every application. Only members see it; only owners change bank
/// details and invite co-users; the full account number never leaves this service. Every change is audited in the
/// transaction that makes it (see <see cref="OrganisationAudit"/>).
/// </summary>
public sealed class OrganisationService(
    IDbContextFactory<GrantsDbContext> factory, IOutbox outbox, AuditTrail audit, TimeProvider clock,
    IValidator<OrganisationInput> organisationValidator, IValidator<BankDetailsInput> bankValidator, IValidator<InviteInput> inviteValidator)
{
    public const string InvitationTemplate = "organisation-invitation";

    public async Task<IReadOnlyList<MembershipView>> MembershipsAsync(string userId, CancellationToken ct = default)
    {
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var rows = await db.OrganisationMembers.AsNoTracking().Where(m => m.UserId == userId)
                .Select(m => new MembershipView(m.OrganisationId, m.Organisation!.Name, m.Role)).ToListAsync(ct);
            return rows.OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ToList();
        }
    }

    /// <summary>The profile, or null when the actor is not a member (the page answers 404: no hint it exists).</summary>
    public async Task<OrganisationView?> GetAsync(int organisationId, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var role = await RoleOfAsync(db, organisationId, actor, ct);
            if (role is null)
            {
                return null;
            }
            var o = await db.Organisations.AsNoTracking().Include(x => x.Members).SingleAsync(x => x.Id == organisationId, ct);
            return new OrganisationView(o.Id, o.Name, o.Type, o.CharityNumber, o.CompanyNumber, o.OrgId, o.AddressLine1, o.AddressLine2, o.Town,
                o.Postcode, o.AreaServed, o.BankAccountName, o.BankSortCode, o.MaskedAccountNumber, role.Value,
                o.Members.OrderBy(m => m.Role).ThenBy(m => m.Email, StringComparer.OrdinalIgnoreCase)
                    .Select(m => new MemberView(m.Id, m.Email, m.Role, m.UserId is not null)).ToList());
        }
    }

    public async Task<FeatureResult<int>> CreateAsync(OrganisationInput input, Actor actor, string actorEmail, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        var validation = await organisationValidator.ValidateAsync(input, ct);
        if (!validation.IsValid)
        {
            return FeatureResult<int>.Invalid(validation);
        }
        return await WriteAsync(async db =>
        {
            var organisation = new Organisation
            {
                Name = "", AddressLine1 = "", Town = "", Postcode = "", AreaServed = "", CreatedAt = clock.GetUtcNow(),
            };
            Apply(organisation, input);
            var owner = new OrganisationMember { UserId = actor.UserId, Email = actorEmail.Trim(), Role = OrganisationRole.Owner, AcceptedAt = clock.GetUtcNow() };
            organisation.Members.Add(owner);
            db.Organisations.Add(organisation);
            // The id is part of the audit row, so the organisation is saved first; the transaction keeps the two together.
            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(db, actor, OrganisationAudit.CreatedAction, organisation.Id, null,
                new { identity = OrganisationAudit.Identity(organisation), owner = OrganisationAudit.Member(owner) }, ct);
            return FeatureResult<int>.Ok(organisation.Id);
        }, ct);
    }

    /// <summary>Owners and editors may change the profile (not the bank details).</summary>
    public async Task<FeatureResult<int>> UpdateAsync(int organisationId, OrganisationInput input, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        return await WriteAsync(async db =>
        {
            if (await RoleOfAsync(db, organisationId, actor, ct) is null)
            {
                return OrganisationNotFound();
            }
            var validation = await organisationValidator.ValidateAsync(input, ct);
            if (!validation.IsValid)
            {
                return FeatureResult<int>.Invalid(validation);
            }
            var organisation = await db.Organisations.SingleAsync(o => o.Id == organisationId, ct);
            var before = OrganisationAudit.Identity(organisation);
            Apply(organisation, input);
            var after = OrganisationAudit.Identity(organisation);
            if (after != before)
            {
                await audit.AppendAsync(db, actor, OrganisationAudit.DetailsChangedAction, organisationId, before, after, ct);
            }
            return FeatureResult<int>.Ok(organisationId);
        }, ct);
    }

    public async Task<FeatureResult<int>> SetBankDetailsAsync(int organisationId, BankDetailsInput input, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        return await WriteAsync(async db =>
        {
            var role = await RoleOfAsync(db, organisationId, actor, ct);
            if (role is null)
            {
                return OrganisationNotFound();
            }
            if (role != OrganisationRole.Owner)
            {
                return FeatureResult<int>.Fail(new OwnerOnly("change its bank details"));
            }
            var validation = await bankValidator.ValidateAsync(input, ct);
            if (!validation.IsValid)
            {
                return FeatureResult<int>.Invalid(validation);
            }
            var name = Text(input.AccountName);
            var sortCode = Digits(input.SortCode)!;
            var account = Digits(input.AccountNumber)!;
            var organisation = await db.Organisations.SingleAsync(o => o.Id == organisationId, ct);
            var before = OrganisationAudit.Bank(organisation);
            var unchanged = (organisation.BankAccountName, organisation.BankSortCode, organisation.BankAccountNumber);
            organisation.BankAccountName = name;
            organisation.BankSortCode = $"{sortCode[..2]}-{sortCode[2..4]}-{sortCode[4..]}";
            organisation.BankAccountNumber = account.PadLeft(8, '0');
            if ((organisation.BankAccountName, organisation.BankSortCode, organisation.BankAccountNumber) != unchanged)
            {
                await audit.AppendAsync(db, actor, OrganisationAudit.BankDetailsChangedAction, organisationId, before, OrganisationAudit.Bank(organisation), ct);
                Payments.BankDetailsVerification.Flag(db, organisation, before, actor, clock.GetUtcNow());
            }
            return FeatureResult<int>.Ok(organisationId);
        }, ct);
    }

    /// <summary>Adds a member by email with no user yet, and emails them; the membership links when they sign in with that confirmed email.</summary>
    public async Task<FeatureResult<int>> InviteAsync(int organisationId, InviteInput input, Actor actor, string signInLink, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        return await WriteAsync(async db =>
        {
            var role = await RoleOfAsync(db, organisationId, actor, ct);
            if (role is null)
            {
                return OrganisationNotFound();
            }
            if (role != OrganisationRole.Owner)
            {
                return FeatureResult<int>.Fail(new OwnerOnly("invite people"));
            }
            var validation = await inviteValidator.ValidateAsync(input, ct);
            if (!validation.IsValid)
            {
                return FeatureResult<int>.Invalid(validation);
            }
            var email = Text(input.Email);
            var newRole = Enum.Parse<OrganisationRole>(input.Role!);
            if (await db.OrganisationMembers.AnyAsync(m => m.OrganisationId == organisationId && m.Email.ToUpper() == email.ToUpperInvariant(), ct))
            {
                return FeatureResult<int>.Fail(new AlreadyMember(email));
            }
            var organisation = await db.Organisations.SingleAsync(o => o.Id == organisationId, ct);
            var member = new OrganisationMember { OrganisationId = organisationId, Email = email, Role = newRole };
            db.OrganisationMembers.Add(member);
            outbox.Enqueue(db, InvitationTemplate, email, null, new Dictionary<string, string>
            {
                ["OrganisationName"] = organisation.Name,
                ["Role"] = newRole == OrganisationRole.Owner ? "an owner" : "an editor",
                ["InvitedBy"] = actor.DisplayName,
                ["SignInLink"] = signInLink,
            }, $"invite:{organisationId}:{email.ToUpperInvariant()}:{clock.GetUtcNow().UtcTicks.ToString(CultureInfo.InvariantCulture)}");
            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(db, actor, OrganisationAudit.InvitedAction, organisationId, null, OrganisationAudit.Member(member), ct);
            return FeatureResult<int>.Ok(member.Id);
        }, ct);
    }

    /// <summary>Links every open invitation for this confirmed email to the signed-in user; returns how many were linked.</summary>
    public async Task<int> LinkInvitationsAsync(Actor actor, string? confirmedEmail, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (string.IsNullOrWhiteSpace(confirmedEmail))
        {
            return 0;
        }
        var userId = actor.UserId;
        var result = await WriteAsync(async db =>
        {
            var email = confirmedEmail.Trim().ToUpperInvariant();
            var open = await db.OrganisationMembers.Where(m => m.UserId == null && m.Email.ToUpper() == email).ToListAsync(ct);
            var already = await db.OrganisationMembers.Where(m => m.UserId == userId).Select(m => m.OrganisationId).ToListAsync(ct);
            foreach (var member in open)
            {
                var before = OrganisationAudit.Member(member);
                if (already.Contains(member.OrganisationId))
                {
                    db.OrganisationMembers.Remove(member);
                    await audit.AppendAsync(db, actor, OrganisationAudit.RemovedAction, member.OrganisationId, before, null, ct);
                    continue;
                }
                member.UserId = userId;
                member.AcceptedAt = clock.GetUtcNow();
                await audit.AppendAsync(db, actor, OrganisationAudit.InvitationAcceptedAction, member.OrganisationId, before, OrganisationAudit.Member(member), ct);
            }
            return FeatureResult<int>.Ok(open.Count(m => m.UserId == userId));
        }, ct);
        return result.Value;
    }

    /// <summary>
    /// One write transaction (BEGIN IMMEDIATE) around a change and its audit rows: saved and committed together when
    /// the change succeeds, rolled back with nothing written when it fails.
    /// </summary>
    private async Task<FeatureResult<int>> WriteAsync(Func<GrantsDbContext, Task<FeatureResult<int>>> change, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var result = await change(db);
        if (result.Succeeded)
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        return result;
    }

    /// <summary>Owner or Editor as posted by a form; anything else (a number, another name) is refused.</summary>
    internal static bool TryParseRole(string? value, out OrganisationRole role) => Enum.TryParse(value, out role) && Enum.IsDefined(role);

    /// <summary>
    /// Someone who can run the organisation: an owner who has signed in (an invitation not yet taken up does not count).
    /// Every organisation keeps at least one.
    /// </summary>
    internal static readonly Expression<Func<OrganisationMember, bool>> IsSignedInOwner = m => m.Role == OrganisationRole.Owner && m.UserId != null;

    internal static async Task<OrganisationRole?> RoleOfAsync(GrantsDbContext db, int organisationId, Actor actor, CancellationToken ct) =>
        await db.OrganisationMembers.AsNoTracking().Where(m => m.OrganisationId == organisationId && m.UserId == actor.UserId)
            .Select(m => (OrganisationRole?)m.Role).FirstOrDefaultAsync(ct);

    private static FeatureResult<int> OrganisationNotFound() => FeatureResult<int>.Fail(new NotFound("organisation"));

    private static void Apply(Organisation o, OrganisationInput input)
    {
        o.Name = Text(input.Name);
        o.Type = Enum.Parse<OrganisationType>(input.Type!);
        o.CharityNumber = Text(input.CharityNumber) is { Length: > 0 } c ? c : null;
        o.CompanyNumber = Text(input.CompanyNumber) is { Length: > 0 } n ? OrgIdentifiers.NormaliseCompanyNumber(n) : null;
        o.AddressLine1 = Text(input.AddressLine1);
        o.AddressLine2 = Text(input.AddressLine2) is { Length: > 0 } a ? a : null;
        o.Town = Text(input.Town);
        var postcode = Text(input.Postcode).ToUpperInvariant().Replace(" ", "", StringComparison.Ordinal);
        o.Postcode = postcode.Length > 3 ? postcode[..^3] + " " + postcode[^3..] : postcode;
        o.AreaServed = Text(input.AreaServed);
    }

    internal static string Text(string? value) => value?.Trim() ?? "";

    internal static string? Digits(string? value)
    {
        var cleaned = Text(value).Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        return cleaned.Length > 0 && cleaned.All(char.IsAsciiDigit) ? cleaned : null;
    }
}
