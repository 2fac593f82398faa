using System.Globalization;
using GrantsCommissioning.Core.Features.Monitoring;
using GrantsCommissioning.Web.Components.Layout;
using GrantsCommissioning.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace GrantsCommissioning.Web.Components.Pages.Awards.Change;

/// <summary>
/// Asking for a typed change to an award (extension, virement, scope or outcomes, lead contact): the officer's and the
/// grantee's pages differ only in who may open them, the layout and where they lead back to.
/// </summary>
public abstract partial class ChangeRequestPageBase
{
    protected static readonly CultureInfo Uk = CultureInfo.GetCultureInfo("en-GB");

    private static readonly (string Value, string Id, string Label)[] Kinds =
    [
        ("EndDateExtension", "Kind", "Extend the end date"),
        ("BudgetVirement", "Kind-virement", "Move budget between lines (virement)"),
        ("ScopeChange", "Kind-scope", "Change the scope or a target"),
        ("LeadContactChange", "Kind-contact", "Change the lead contact"),
    ];

    [Parameter]
    public int Id { get; set; }

    [SupplyParameterFromForm(FormName = "change")]
    protected ChangeRequestFormInput? Input { get; set; }

    [SupplyParameterFromForm(FormName = "change")]
    protected string? IdempotencyKey { get; set; }

    [Inject] protected ChangeRequestService Changes { get; set; } = default!;
    [Inject] protected IOptions<MonitoringOptions> Options { get; set; } = default!;

    protected ChangeForm? Form { get; private set; }

    /// <summary>The grantee's page (true) or the officer's.</summary>
    protected abstract bool ForGrantee { get; }

    /// <summary>The award's page this form leads back to.</summary>
    protected abstract string AwardPath { get; }

    /// <summary>The organisation whose page holds the bank account (the grantee's page only).</summary>
    protected int OrganisationId { get; private set; }

    private string _key = "";

    protected override async Task OnInitializedAsync()
    {
        Form = await Changes.FormAsync(Id, ForGrantee ? Actor : null);
        if (Form is null)
        {
            NotFound();
            return;
        }
        OrganisationId = Form.OrganisationId;
        _key = IdempotencyKey ?? Guid.NewGuid().ToString("N");
        Input ??= new ChangeRequestFormInput();
    }

    private async Task SendAsync()
    {
        if (Form is not null && Show(await Changes.RequestAsync(Id, Input!, Actor, "change:" + _key)))
        {
            Navigation.NavigateTo(AwardPath);
        }
    }
}

/// <summary>A grants officer asks for a change to an award.</summary>
[Route("/cases/awards/{Id:int}/change")]
[Layout(typeof(StaffLayout))]
[Authorize(Policy = Policies.GrantsOfficer)]
public sealed class StaffChangePage : ChangeRequestPageBase
{
    protected override bool ForGrantee => false;

    protected override string AwardPath => $"/cases/awards/{Id}";
}

/// <summary>A member of the grantee organisation asks for a change from their grant's page; another organisation's grant is a 404.</summary>
[Route("/applicant/grants/{Id:int}/change")]
[Authorize(Policy = Policies.Applicant)]
public sealed class GrantChangePage : ChangeRequestPageBase
{
    protected override bool ForGrantee => true;

    protected override string AwardPath => $"/applicant/grants/{Id}";
}
