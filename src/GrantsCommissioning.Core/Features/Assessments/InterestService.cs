using FluentValidation;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Audit;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Assessments;

/// <summary>
/// An assessor's own register of interests: they add and remove organisations and confirm the register as complete,
/// which lasts a year. Each change is audited.
/// </summary>
public sealed class InterestService(IDbContextFactory<GrantsDbContext> factory, IValidator<InterestInput> validator, AuditTrail audit, TimeProvider clock)
{
    public const string EntityType = "InterestRegister";

    public async Task<InterestRegisterView> GetAsync(Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await factory.CreateDbContextAsync(ct);
        var register = await db.Set<InterestRegister>().AsNoTracking().Include(r => r.Interests).FirstOrDefaultAsync(r => r.UserId == actor.UserId, ct);
        return register is null
            ? new InterestRegisterView([], null, null, false)
            : new InterestRegisterView(
                register.Interests.OrderBy(i => i.OrganisationName).Select(i => new InterestLine(i.Id, i.OrganisationName, i.CharityNumber, i.CompanyNumber, i.Role, i.DeclaredAt)).ToList(),
                register.ConfirmedAt, register.ExpiresAt, register.IsCurrentAt(clock.GetUtcNow()));
    }

    public async Task<FeatureResult<int>> AddAsync(InterestInput input, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        var validation = await validator.ValidateAsync(input, ct);
        if (!validation.IsValid)
        {
            return FeatureResult<int>.Invalid(validation);
        }
        return await WriteAsync(actor, async (db, register) =>
        {
            var interest = ToInterest(input, clock.GetUtcNow());
            register.Interests.Add(interest);
            await audit.AppendAsync(db, actor, "interests.added", EntityType, actor.UserId, null,
                new { interest.OrganisationName, interest.CharityNumber, interest.CompanyNumber, interest.Role }, ct);
            return FeatureResult<int>.Ok(register.Id);
        }, ct);
    }

    public Task<FeatureResult<int>> RemoveAsync(int interestId, Actor actor, CancellationToken ct = default) =>
        WriteAsync(actor, async (db, register) =>
        {
            var interest = register.Interests.FirstOrDefault(i => i.Id == interestId);
            if (interest is null)
            {
                return FeatureResult<int>.Fail(new NotFound("entry in your register"));
            }
            register.Interests.Remove(interest);
            db.Remove(interest);
            await audit.AppendAsync(db, actor, "interests.removed", EntityType, actor.UserId, new { interest.OrganisationName, interest.Role }, null, ct);
            return FeatureResult<int>.Ok(register.Id);
        }, ct);

    /// <summary>The assessor confirms the register is complete; it then lasts a year.</summary>
    public Task<FeatureResult<int>> ConfirmAsync(Actor actor, CancellationToken ct = default) =>
        WriteAsync(actor, async (db, register) =>
        {
            register.ConfirmedAt = clock.GetUtcNow();
            await audit.AppendAsync(db, actor, "interests.confirmed", EntityType, actor.UserId, null,
                new { register.ConfirmedAt, entries = register.Interests.Count }, ct);
            return FeatureResult<int>.Ok(register.Id);
        }, ct);

    internal static DeclaredInterest ToInterest(InterestInput input, DateTimeOffset now) => new()
    {
        OrganisationName = input.Organisation!.Trim(), Role = input.Role!.Trim(), DeclaredAt = now,
        CharityNumber = string.IsNullOrWhiteSpace(input.CharityNumber) ? null : input.CharityNumber.Trim(),
        CompanyNumber = string.IsNullOrWhiteSpace(input.CompanyNumber) ? null : OrgIdentifiers.NormaliseCompanyNumber(input.CompanyNumber),
    };

    internal static async Task<InterestRegister> RegisterOfAsync(GrantsDbContext db, string userId, string userName, CancellationToken ct)
    {
        var register = await db.Set<InterestRegister>().Include(r => r.Interests).FirstOrDefaultAsync(r => r.UserId == userId, ct);
        if (register is null)
        {
            register = new InterestRegister { UserId = userId, UserName = userName };
            db.Add(register);
        }
        return register;
    }

    private Task<FeatureResult<int>> WriteAsync(Actor actor, Func<GrantsDbContext, InterestRegister, Task<FeatureResult<int>>> change, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsInRole(Roles.Assessor))
        {
            return Task.FromResult(FeatureResult<int>.Fail(new RoleNeeded("assessors", "keep a register of interests")));
        }
        return AssessmentWrites.WriteAsync(factory, async db => await change(db, await RegisterOfAsync(db, actor.UserId, actor.DisplayName, ct)),
            () => FeatureResult<int>.Fail(new ChangedMeanwhile("register")), ct);
    }
}
