using GrantsCommissioning.TestCommon.Fixtures;

namespace GrantsCommissioning.Web.Tests.Nodes;

/// <summary>
/// A test that uses no test database (it publishes or starts the app on its own SQLite folder), so it runs in the SQLite
/// run only: the PostgreSQL run beside it would repeat the same work to no purpose.
/// </summary>
public sealed class SqliteRunFactAttribute : FactAttribute
{
    public SqliteRunFactAttribute()
    {
        if (TestDatabaseProvider.IsPostgres)
        {
            Skip = "Runs in the SQLite run only (it uses no test database).";
        }
    }
}
