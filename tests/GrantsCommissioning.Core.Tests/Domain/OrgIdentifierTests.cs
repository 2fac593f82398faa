using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Core.Tests.Domain;

public class OrgIdentifierTests
{
    [Theory]
    [InlineData("1234567", null, "GB-CHC-1234567")]
    [InlineData("1234567", "01234567", "GB-CHC-1234567")]
    [InlineData(null, "1234567", "GB-COH-01234567")]
    [InlineData(null, "sc123456", "GB-COH-SC123456")]
    [InlineData(null, null, "GB-OPCCWM-ORG-42")]
    public void For_PrefersCharityThenCompanyThenLocalId(string? charity, string? company, string expected)
    {
        Assert.Equal(expected, OrgIdentifiers.For(charity, company, 42));
    }

    [Theory]
    [InlineData("123456", true)]
    [InlineData("1234567", true)]
    [InlineData("12345", false)]
    [InlineData("12345678", false)]
    [InlineData("12a4567", false)]
    public void IsValidCharityNumber_AcceptsSixOrSevenDigits(string number, bool valid)
    {
        Assert.Equal(valid, OrgIdentifiers.IsValidCharityNumber(number));
    }

    [Theory]
    [InlineData("01234567", true)]
    [InlineData("1234567", true)]
    [InlineData("SC123456", true)]
    [InlineData("OC 123456", true)]
    [InlineData("S1234567", false)]
    [InlineData("123456789", false)]
    public void IsValidCompanyNumber_AcceptsCompaniesHouseFormats(string number, bool valid)
    {
        Assert.Equal(valid, OrgIdentifiers.IsValidCompanyNumber(number));
    }

    [Fact]
    public void MaskedAccountNumber_ShowsOnlyTheLastFourDigits()
    {
        var org = new Organisation { Name = "x", AddressLine1 = "x", Town = "x", Postcode = "x", AreaServed = "x", BankAccountNumber = "12345678" };

        Assert.Equal("••••5678", org.MaskedAccountNumber);
    }
}
