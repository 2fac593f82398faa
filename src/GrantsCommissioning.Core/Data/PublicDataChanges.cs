using System.Data.Common;
using System.Runtime.CompilerServices;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Public;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GrantsCommissioning.Core.Data;

/// <summary>
/// Tells <see cref="PublicDataVersion"/> when a change to what the public pages show (rounds, funds, plan objectives,
/// awards and the public registers' recipients, conditions, objectives, payments and sensitive marks) has committed: after the SaveChanges when it commits on its own, else after the transaction's commit, so a
/// reader never caches the old rows under the new version.
/// </summary>
internal sealed class PublicDataChanges(PublicDataVersion version)
{
    private static readonly HashSet<Type> Shown =
        [typeof(FundingRound), typeof(Fund), typeof(PlanObjective), typeof(PoliceAndCrimePlan), typeof(Award),
         typeof(Organisation), typeof(AwardCondition), typeof(AwardObjective), typeof(Payment), typeof(SensitiveRecipient)];

    private readonly ConditionalWeakTable<DbContext, object> pending = new();

    public IInterceptor[] Interceptors => [new Saving(this), new Transactions(this)];

    private void Noticed(DbContext? context)
    {
        if (context is not null && context.ChangeTracker.Entries().Any(e => e.State != EntityState.Unchanged
                && (Shown.Contains(e.Metadata.ClrType) || e.Metadata.HasSharedClrType)))
        {
            pending.AddOrUpdate(context, this);
        }
    }

    private void Saved(DbContext? context)
    {
        if (context is not null && context.Database.CurrentTransaction is null && pending.Remove(context))
        {
            version.Bump();
        }
    }

    private void Ended(DbContext? context, bool committed)
    {
        if (context is not null && pending.Remove(context) && committed)
        {
            version.Bump();
        }
    }

    private sealed class Saving(PublicDataChanges owner) : SaveChangesInterceptor
    {
        public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
        {
            owner.Noticed(eventData.Context);
            return result;
        }

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            owner.Noticed(eventData.Context);
            return ValueTask.FromResult(result);
        }

        public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
        {
            owner.Saved(eventData.Context);
            return result;
        }

        public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            owner.Saved(eventData.Context);
            return ValueTask.FromResult(result);
        }
    }

    private sealed class Transactions(PublicDataChanges owner) : DbTransactionInterceptor
    {
        public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => owner.Ended(eventData.Context, true);

        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            owner.Ended(eventData.Context, true);
            return Task.CompletedTask;
        }

        public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => owner.Ended(eventData.Context, false);

        public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            owner.Ended(eventData.Context, false);
            return Task.CompletedTask;
        }
    }
}
