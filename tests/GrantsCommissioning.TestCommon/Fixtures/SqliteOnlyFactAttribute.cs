using Xunit;

namespace GrantsCommissioning.TestCommon.Fixtures;

/// <summary>A test that runs in the SQLite run only, skipped in the PostgreSQL run for the reason given.</summary>
public sealed class SqliteOnlyFactAttribute : FactAttribute
{
    public SqliteOnlyFactAttribute(string reason)
    {
        if (TestDatabaseProvider.IsPostgres)
        {
            Skip = $"Runs in the SQLite run only: {reason}";
        }
    }
}
