using System.Globalization;
using System.Text;
using GrantsCommissioning.Core.Configuration;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Data.CompiledModel;
using GrantsCommissioning.TestCommon.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace GrantsCommissioning.Core.Tests.Data;

/// <summary>
/// SQLite contexts use the compiled model in Data/CompiledModel, so start-up does not build the model. It is generated
/// code: these tests fail when it no longer matches the entity configuration (run `bash tools/compiled-model.sh`).
/// </summary>
public sealed class CompiledModelTests
{
    [Fact]
    public async Task TheCompiledSqliteModel_IsTheModelTheEntityConfigurationBuilds()
    {
        // The app's own container: the Identity schema version it configures is part of the model.
        await using var host = await WorkflowTestHost.CreateAsync(runStartup: false);
        await using var compiled = Context(DatabaseProvider.Sqlite, host.Services);
        // Its own EF Core services, so the model is built here from the configuration, not taken from the cache of models
        // other tests in this process built.
        var built = new DbContextOptionsBuilder<GrantsDbContext>().UseSqlite("Data Source=:memory:").UseApplicationServiceProvider(host.Services)
            .EnableServiceProviderCaching(false).Options;
        await using var fromConfiguration = new GrantsDbContext(built);

        Assert.IsType<GrantsDbContextModel>(compiled.Model);
        Assert.IsNotType<GrantsDbContextModel>(fromConfiguration.Model);
        var differences = Differences(Describe(fromConfiguration.Model), Describe(compiled.Model));
        Assert.True(differences.Count == 0,
            "The compiled model (src/GrantsCommissioning.Core/Data/CompiledModel) is out of date; run `bash tools/compiled-model.sh`. " +
            "Built from the configuration / compiled:" + Environment.NewLine + string.Join(Environment.NewLine, differences.Take(20)));
    }

    [Fact]
    public async Task PostgreSqlContexts_BuildTheirOwnModel_NotTheSqliteOne()
    {
        await using var host = await WorkflowTestHost.CreateAsync(runStartup: false);
        await using var db = Context(DatabaseProvider.Postgres, host.Services);

        Assert.IsNotType<GrantsDbContextModel>(db.Model);
        Assert.Equal("timestamp with time zone", db.Model.FindEntityType(typeof(Core.Domain.AuditEntry))!.FindProperty(nameof(Core.Domain.AuditEntry.OccurredAt))!.GetRelationalTypeMapping().StoreType);
    }

    private static GrantsDbContext Context(DatabaseProvider provider, IServiceProvider services)
    {
        var options = new DbContextOptionsBuilder<GrantsDbContext>();
        GrantsDatabase.Configure(options, provider, provider == DatabaseProvider.Sqlite ? "Data Source=:memory:" : "Host=localhost;Database=unused")
            .UseApplicationServiceProvider(services);
        return new GrantsDbContext(options.Options);
    }

    private static List<string> Differences(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        return Enumerable.Range(0, Math.Max(e.Length, a.Length))
            .Where(i => i >= e.Length || i >= a.Length || e[i] != a[i])
            .Select(i => $"  {(i < e.Length ? e[i].Trim() : "(nothing)")}  /  {(i < a.Length ? a[i].Trim() : "(nothing)")}")
            .ToList();
    }

    /// <summary>What a query or save depends on: the model's own view, then each property's mapping and each table's columns, indexes and keys.</summary>
    private static string Describe(IModel model)
    {
        var text = new StringBuilder(model.ToDebugString(MetadataDebugStringOptions.LongDefault)).AppendLine();
        foreach (var entity in model.GetEntityTypes().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{entity.Name} filters: {string.Join("; ", entity.GetDeclaredQueryFilters().Select(f => $"{f.Key} {f.Expression}"))}");
            foreach (var p in entity.GetProperties())
            {
                var mapping = p.GetRelationalTypeMapping();
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"  {p.Name}: {p.ClrType.Name} -> {mapping.StoreType} via {mapping.Converter?.GetType().Name ?? "-"} ({mapping.Converter?.ProviderClrType.Name}), " +
                    $"comparer {p.GetValueComparer().GetType().Name}, max {p.GetMaxLength()}, nullable {p.IsNullable}, generated {p.ValueGenerated}, " +
                    $"concurrency {p.IsConcurrencyToken}, sentinel {p.Sentinel}");
            }
        }
        foreach (var table in model.GetRelationalModel().Tables.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"table {table.Name}");
            foreach (var c in table.Columns)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {c.Name} {c.StoreType} null {c.IsNullable}");
            }
            foreach (var i in table.Indexes)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  index {i.Name} ({string.Join(", ", i.Columns.Select(c => c.Name))}) unique {i.IsUnique} filter {i.Filter}");
            }
            foreach (var fk in table.ForeignKeyConstraints)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  fk {fk.Name} -> {fk.PrincipalTable.Name} on delete {fk.OnDeleteAction}");
            }
        }
        return text.ToString();
    }
}
