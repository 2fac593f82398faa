namespace GrantsCommissioning.Core.Domain;

/// <summary>Which way a success measure moved since the previous quarter, as the officers judge it.</summary>
public enum DirectionOfTravel
{
    NotStated = 0,
    Improving = 1,
    Stable = 2,
    Worsening = 3,
}
