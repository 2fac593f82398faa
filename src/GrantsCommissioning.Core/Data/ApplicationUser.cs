using Microsoft.AspNetCore.Identity;

namespace GrantsCommissioning.Core.Data;

public class ApplicationUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public string? JobTitle { get; set; }
    public bool IsDisabled { get; set; }
}
