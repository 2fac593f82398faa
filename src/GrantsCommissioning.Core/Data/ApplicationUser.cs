using Microsoft.AspNetCore.Identity;

namespace GrantsCommissioning.Core.Data;

public class ApplicationUser : IdentityUser
{
    [PersonalData]
    public string DisplayName { get; set; } = "";

    [PersonalData]
    public string? JobTitle { get; set; }

    public bool IsDisabled { get; set; }

    /// <summary>When the person last signed in (shown to administrators).</summary>
    [PersonalData]
    public DateTimeOffset? LastSignInAt { get; set; }

    /// <summary>The 30-second step of the last authenticator code accepted; a code from it or an earlier step is refused, so each works once.</summary>
    public long? LastAuthenticatorStep { get; set; }
}
