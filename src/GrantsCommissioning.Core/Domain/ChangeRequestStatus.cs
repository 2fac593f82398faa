namespace GrantsCommissioning.Core.Domain;

public enum ChangeRequestStatus
{
    Pending = 0,
    Approved = 1,
    Refused = 2,
}
