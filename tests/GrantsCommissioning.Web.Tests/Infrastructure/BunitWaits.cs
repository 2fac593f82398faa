using System.Runtime.CompilerServices;
using Bunit;

namespace GrantsCommissioning.Web.Tests.Infrastructure;

/// <summary>
/// bUnit waits one second by default for a component to reach the state a test waits for. CI runs the PostgreSQL
/// suites two at a time on two cores, where a component's first query can take longer than that, and tests failed
/// waiting for a page that was still loading (stop 24). A wait ends as soon as its condition holds, so a longer
/// limit costs nothing when the component is quick; it only changes how long a real failure takes to report.
/// </summary>
internal static class BunitWaits
{
    [ModuleInitializer]
    internal static void LongerDefaultWait() => BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(30);
}
