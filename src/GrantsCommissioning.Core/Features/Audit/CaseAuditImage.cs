namespace GrantsCommissioning.Core.Features.Audit;

/// <summary>The before image of a case for the audit row of a workflow transition; the after image is the case kind's.</summary>
public static class CaseAuditImage
{
    public static object Before(string state, int version) => new { state, version };
}
