using System.Text.RegularExpressions;

namespace GrantsCommissioning.Core.Domain;

public enum OrganisationRole
{
    Owner = 1,
    Editor = 2,
}
