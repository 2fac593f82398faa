using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Data;

/// <summary>Database failures recognised the same way on every provider.</summary>
public static class DbErrors
{
    private const int SqliteUnique = 2067;
    private const int SqlitePrimaryKey = 1555;
    private const string UniqueViolationState = "23505";

    /// <summary>A unique index refused the row: another transaction wrote the same key first.</summary>
    public static bool IsUniqueViolation(DbUpdateException ex) => ex?.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is SqliteUnique or SqlitePrimaryKey,
        DbException other => other.SqlState == UniqueViolationState,
        _ => false,
    };
}
