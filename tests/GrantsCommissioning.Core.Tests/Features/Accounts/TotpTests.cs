using GrantsCommissioning.Core.Features.Accounts;

namespace GrantsCommissioning.Core.Tests.Features.Accounts;

public class TotpTests
{
    // RFC 6238 appendix B (SHA-1, key "12345678901234567890"), the last 6 of its 8 digits.
    [Theory]
    [InlineData(59, "287082")]
    [InlineData(1111111109, "081804")]
    [InlineData(1234567890, "005924")]
    [InlineData(2000000000, "279037")]
    public void Code_MatchesTheRfcTestVectors(long unixSeconds, string expected) =>
        Assert.Equal(expected, Totp.Code("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", Totp.StepAt(DateTimeOffset.FromUnixTimeSeconds(unixSeconds))));
}
