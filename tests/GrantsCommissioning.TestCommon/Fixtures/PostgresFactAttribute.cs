using Xunit;

namespace GrantsCommissioning.TestCommon.Fixtures;

/// <summary>A test that needs a PostgreSQL server (GC_TEST_POSTGRES, set by `bash tests/run.sh --postgres`); skipped on SQLite.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!TestDatabaseProvider.IsPostgres)
        {
            Skip = $"Needs PostgreSQL: run `bash tests/run.sh --postgres` (it sets {TestDatabaseProvider.Variable}).";
        }
    }
}
