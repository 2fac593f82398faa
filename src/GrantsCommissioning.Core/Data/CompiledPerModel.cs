using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace GrantsCommissioning.Core.Data;

/// <summary>
/// An EF Core compiled query for each model it meets. A compiled query refuses a context whose model is not the one it
/// was first run against, and one process can hold more than one: SQLite's compiled model and PostgreSQL's built one (the
/// benchmarks run both), or a model built at run time beside the compiled one. So each model gets its own delegate,
/// compiled on first use and kept as long as the model lives.
/// </summary>
internal sealed class CompiledPerModel<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> byModel = new();

    public TQuery For(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return byModel.GetValue(db.Model, _ => compile());
    }
}
