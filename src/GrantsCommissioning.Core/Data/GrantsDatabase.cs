using GrantsCommissioning.Core.Configuration;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Data;

/// <summary>
/// The one place that turns Grants:Database into EF Core options: SQLite (migrations in this assembly, the PRAGMA
/// interceptor, writers queued in process by <see cref="SqliteWriterQueue"/>) or PostgreSQL through Npgsql (migrations in <see cref="PostgresMigrationsAssembly"/>, writers serialised
/// by <see cref="PostgresWriteLock"/> as SQLite's BEGIN IMMEDIATE serialises them). Used at run time and at design time.
/// </summary>
public static class GrantsDatabase
{
    public const string PostgresMigrationsAssembly = "GrantsCommissioning.Migrations.Postgres";

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        return provider switch
        {
            DatabaseProvider.Postgres => options
                .UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(PostgresMigrationsAssembly))
                .AddInterceptors(new PostgresWriteLock()),
            _ => options
                .UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(typeof(GrantsDbContext).Assembly.FullName))
                .AddInterceptors(new SqlitePragmas(), SqliteWriterQueue.Instance),
        };
    }
}
