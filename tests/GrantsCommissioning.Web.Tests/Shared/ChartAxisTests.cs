using GrantsCommissioning.Web.Components.Shared;

namespace GrantsCommissioning.Web.Tests.Shared;

/// <summary>Money axis labels short enough for a chart's margin, in pounds as the tables give them.</summary>
public class ChartAxisTests
{
    [Theory]
    [InlineData(0, "£0")]
    [InlineData(950, "£950")]
    [InlineData(45_000, "£45k")]
    [InlineData(49_500, "£49.5k")]
    [InlineData(400_000, "£400k")]
    [InlineData(1_369_313, "£1.4m")]
    [InlineData(-4_000, "-£4k")]
    public void Pounds_IsShort_AndSaysPounds(double value, string label) =>
        Assert.Equal(label, ChartAxis.Pounds(value));
}
