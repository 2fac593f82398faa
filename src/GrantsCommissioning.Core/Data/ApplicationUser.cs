using Microsoft.AspNetCore.Identity;

namespace GrantsCommissioning.Core.Data;

public class ApplicationUser : IdentityUser
{
    [PersonalData]
    public string DisplayName { get; set; } = "";

    [PersonalData]
    public string? JobTitle { get; set; }

    public bool IsDisabled { get; set; }
}
