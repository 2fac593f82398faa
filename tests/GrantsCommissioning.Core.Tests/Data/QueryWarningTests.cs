using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Dashboards;
using GrantsCommissioning.Core.Features.Monitoring;
using GrantsCommissioning.Core.Features.Public;
using GrantsCommissioning.TestCommon.Workflow;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Core.Tests.Data;

/// <summary>
/// Totals taken over a whole filtered set (one group with a constant key) are read with a query EF Core does not warn
/// about: "First without OrderBy" was logged as a warning at every start, the first time the home page or an officer's
/// portfolio was shown (and, found by bench B6 after that fix, the first time finance's payments needing action were
/// listed), telling an administrator the figures "may be unpredictable" when they were not.
/// </summary>
public sealed class QueryWarningTests
{
    [Fact]
    public async Task HomePageHeadline_PortfolioTotals_AndPaymentsNeedingActionTotals_RaiseNoEfCoreQueryWarning()
    {
        await using var host = await WorkflowTestHost.CreateAsync(runStartup: false);
        // The app's own database settings with that warning made an error, compiling the queries below afresh.
        var factory = host.DbFactory(o => o.ConfigureWarnings(w => w.Throw(CoreEventId.FirstWithoutOrderByAndFilterWarning)));
        var home = ActivatorUtilities.CreateInstance<PublicQueries>(host.Services, factory);
        var portfolio = ActivatorUtilities.CreateInstance<PortfolioQueries>(host.Services, factory);
        var dashboards = ActivatorUtilities.CreateInstance<DashboardQueries>(host.Services, factory);

        var headline = await home.ThisYearAsync();
        var page = await portfolio.PageAsync(new PortfolioQuery(OfficerUserId: null, Unassigned: true));
        var payments = await dashboards.PaymentsNeedingActionAsync(new PaymentListQuery());

        Assert.Equal(0, headline.AwardsMade);
        Assert.Equal(0, page.Totals.Awards);
        Assert.Equal((0, Money.Zero), (payments.Count, payments.Total));
    }
}
