using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Web.Tests.Security;

/// <summary>Sign-in says nothing, and takes no less time, about whether an address has an account.</summary>
public class SignInTimingTests(SignInTimingTests.CountingSite site) : IClassFixture<SignInTimingTests.CountingSite>
{
    private const string Password = "the original passphrase";
    private const string WrongPassword = "not the passphrase at all";
    private const string WrongMessage = "The email address or password is not right";
    private const string ConfirmMessage = "Confirm your email address before you sign in";

    [Fact]
    public async Task UnknownAddress_HasItsPasswordHashed_AsAKnownAddressDoes()
    {
        var known = $"known-{Guid.NewGuid():N}@example.org";
        await site.CreateUserAsync(known, Password);
        using var client = site.NewClient();

        var forKnown = await HashesDuringAsync(() => GrantsWebFactory.SignInAsync(client, known, WrongPassword));
        var forUnknown = await HashesDuringAsync(() => GrantsWebFactory.SignInAsync(client, $"nobody-{Guid.NewGuid():N}@example.org", WrongPassword));

        Assert.Equal(1, forKnown);
        Assert.Equal(forKnown, forUnknown);
    }

    [Fact]
    public async Task UnconfirmedAccount_WithAWrongPassword_GetsTheWrongPasswordMessage_AndOnlyTheRightOneIsAskedToConfirm()
    {
        var email = $"unconfirmed-{Guid.NewGuid():N}@example.org";
        await site.CreateUserAsync(email, Password, confirmed: false);
        using var client = site.NewClient();

        var wrong = await (await GrantsWebFactory.SignInAsync(client, email, WrongPassword)).Content.ReadAsStringAsync();
        var right = await (await GrantsWebFactory.SignInAsync(client, email, Password)).Content.ReadAsStringAsync();

        Assert.Contains(WrongMessage, wrong, StringComparison.Ordinal);
        Assert.DoesNotContain(ConfirmMessage, wrong, StringComparison.Ordinal);
        Assert.Contains(ConfirmMessage, right, StringComparison.Ordinal);
    }

    private async Task<int> HashesDuringAsync(Func<Task> signIn)
    {
        var before = CountingHasher.Verified;
        await signIn();
        return CountingHasher.Verified - before;
    }

    /// <summary>Identity's own hasher, counting the checks it makes; a site of its own, so no other test's sign-ins count.</summary>
    public sealed class CountingHasher(Microsoft.Extensions.Options.IOptions<PasswordHasherOptions> options) : IPasswordHasher<ApplicationUser>
    {
        private static int s_verified;
        private readonly PasswordHasher<ApplicationUser> _inner = new(options);

        public static int Verified => Volatile.Read(ref s_verified);

        public string HashPassword(ApplicationUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(ApplicationUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref s_verified);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    public sealed class CountingSite : GrantsWebFactory
    {
        protected override bool LoadDemoData => false;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddScoped<IPasswordHasher<ApplicationUser>, CountingHasher>());
        }
    }
}
