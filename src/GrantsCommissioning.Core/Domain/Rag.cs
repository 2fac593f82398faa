namespace GrantsCommissioning.Core.Domain;

public enum Rag
{
    NotRated = 0,
    Green = 1,
    Amber = 2,
    Red = 3,
}
