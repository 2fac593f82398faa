using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Core.Tests.Domain;

public class FinancialYearTests
{
    [Theory]
    [InlineData("2013-06-30", 2013, 1)]
    [InlineData("2014-03-31", 2013, 4)]
    [InlineData("2013-04-01", 2013, 1)]
    [InlineData("2013-03-31", 2012, 4)]
    [InlineData("2013-07-01", 2013, 2)]
    [InlineData("2013-09-30", 2013, 2)]
    [InlineData("2013-10-01", 2013, 3)]
    [InlineData("2013-12-31", 2013, 3)]
    [InlineData("2014-01-01", 2013, 4)]
    [InlineData("2016-02-29", 2015, 4)]
    public void Containing_WhenGivenADate_ReturnsUkFinancialYearAndQuarter(string date, int year, int quarter)
    {
        var d = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);

        var q = FinancialQuarter.Containing(d);

        Assert.Equal(new FinancialYear(year), FinancialYear.Containing(d));
        Assert.Equal(year, q.Year.StartYear);
        Assert.Equal(quarter, q.Number);
    }

    [Fact]
    public void ToString_WhenYear2013_Reads201314()
    {
        Assert.Equal("2013/14", new FinancialYear(2013).ToString());
        Assert.Equal("1999/00", new FinancialYear(1999).ToString());
        Assert.Equal("2013/14 Q1", FinancialQuarter.Containing(new DateOnly(2013, 6, 30)).ToString());
    }

    [Fact]
    public void Quarter_Bounds_CoverTheYearWithoutGaps()
    {
        var year = new FinancialYear(2013);

        var quarters = year.Quarters.ToList();

        Assert.Equal(new DateOnly(2013, 4, 1), quarters[0].Start);
        Assert.Equal(new DateOnly(2013, 6, 30), quarters[0].End);
        Assert.Equal(new DateOnly(2014, 3, 31), quarters[3].End);
        for (var i = 1; i < 4; i++)
        {
            Assert.Equal(quarters[i - 1].End.AddDays(1), quarters[i].Start);
        }
        Assert.Equal("April – June 2013", quarters[0].Describe());
    }

    [Fact]
    public void Next_WhenQuarter4_MovesToQuarter1OfNextYear()
    {
        var q4 = new FinancialYear(2013).Quarter(4);

        Assert.Equal(new FinancialYear(2014).Quarter(1), q4.Next);
        Assert.True(q4 < q4.Next);
    }

    [Theory]
    [InlineData("2013/14", true, 2013)]
    [InlineData("2013-14", true, 2013)]
    [InlineData("2013", true, 2013)]
    [InlineData("1999/00", true, 1999)]
    [InlineData("2013/15", false, 0)]
    [InlineData("13/14", false, 0)]
    [InlineData("next year", false, 0)]
    [InlineData("", false, 0)]
    public void TryParse_AcceptsOnlyConsecutiveYears(string text, bool ok, int start)
    {
        Assert.Equal(ok, FinancialYear.TryParse(text, out var year));
        if (ok)
        {
            Assert.Equal(start, year.StartYear);
        }
    }

    [Fact]
    public void Quarter_WhenNumberOutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FinancialYear(2013).Quarter(5));
    }

    /// <summary>
    /// What a page persists from its prerender is JSON: a year or quarter must make the round trip (following
    /// <c>Next</c> used to recurse until the serializer gave up, and the page's whole persisted state was dropped).
    /// </summary>
    [Fact]
    public void Json_YearsAndQuarters_MakeTheRoundTrip_InWhatAPagePersists()
    {
        var options = new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web);
        var rag = new GrantsCommissioning.Core.Features.Dashboards.QuarterRag(new FinancialYear(2013).Quarter(4), 1, 2, 3, 4);

        var json = System.Text.Json.JsonSerializer.Serialize(rag, options);
        var back = System.Text.Json.JsonSerializer.Deserialize<GrantsCommissioning.Core.Features.Dashboards.QuarterRag>(json, options);

        Assert.Equal(rag, back);
        Assert.Contains("\"quarter\":{\"year\":2013,\"number\":4}", json, StringComparison.Ordinal);
        Assert.Equal(new FinancialYear(2027), System.Text.Json.JsonSerializer.Deserialize<FinancialYear>("2027"));
        Assert.Throws<System.Text.Json.JsonException>(() => System.Text.Json.JsonSerializer.Deserialize<FinancialQuarter>("{\"year\":2013}"));
    }
}
