using System.Globalization;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Applications;

namespace GrantsCommissioning.Core.Features;

/// <summary>
/// A failure a user can cause that is not one form field's validation (those are the input models' validators): one
/// record per failure, each carrying only its facts, and <see cref="Failures.Message"/> says every one of them to the
/// user in one place. <see cref="Field"/> is the form field the message belongs to, or empty for the page.
/// </summary>
public abstract record Failure
{
    public virtual string Field => "";
}

/// <summary>Something the actor asked for does not exist, or is not theirs to see (said the same way, so nothing leaks).</summary>
public sealed record NotFound(string What, string? Hint = null) : Failure;

/// <summary>The posted form lost its one-use key (an old tab, a tampered post).</summary>
public sealed record FormExpired(string Then = "Reload the page and try again.") : Failure;

/// <summary>Only an owner of the organisation may do this.</summary>
public sealed record OwnerOnly(string Action) : Failure;

/// <summary>A role the actor does not hold is needed.</summary>
public sealed record RoleNeeded(string Who, string Action) : Failure;

/// <summary>The record has moved on (submitted, decided, closed), so the action no longer applies.</summary>
public sealed record NoLongerPossible(string What, string Action, string? Because = null) : Failure;

/// <summary>The email is already a member of, or invited to, the organisation.</summary>
public sealed record AlreadyMember(string Email) : Failure
{
    public override string Field => "Email";
}

/// <summary>Removing or demoting this person would leave the organisation with no owner who has signed in.</summary>
public sealed record LastOwner : Failure;

/// <summary>The organisation has given no bank details yet.</summary>
public sealed record NoBankDetails(string Organisation) : Failure;

/// <summary>A plain message from a rule that already words it for the user (a deadline, a blocker to closing an account).</summary>
public sealed record Refused(string Message, string OnField = "") : Failure
{
    public override string Field => OnField;
}

/// <summary>The account was closed or never existed.</summary>
public sealed record AccountGone : Failure;

/// <summary>Something stops the account being closed (an open application the person alone can act on, …).</summary>
public sealed record ClosureBlocked(string Blocker) : Failure;

/// <summary>An organisation must be chosen.</summary>
public sealed record ChooseOrganisation : Failure
{
    public override string Field => "OrganisationId";
}

/// <summary>A member's role must be Owner or Editor.</summary>
public sealed record ChooseRole : Failure
{
    public override string Field => "Role";
}

/// <summary>The round has not opened yet.</summary>
public sealed record RoundNotOpen(DateTimeOffset OpensAt) : Failure;

/// <summary>The round (or the applicant's extension) has closed.</summary>
public sealed record DeadlinePassed(DateTimeOffset Deadline, bool Extended) : Failure;

/// <summary>A monitoring return opens when its period ends.</summary>
public sealed record ReturnNotOpen : Failure;

/// <summary>Accepting an offer needs the declaration on the organisation's behalf.</summary>
public sealed record DeclarationNeeded(string Organisation) : Failure
{
    public override string Field => "Declaration";
}

/// <summary>A reason the action needs is missing or too long (declining an offer, extending a deadline); the message says which.</summary>
public sealed record ReasonNeeded(string Prompt, string OnField = "Reason") : Failure
{
    public override string Field => OnField;
}

/// <summary>Only a draft application's deadline can be extended.</summary>
public sealed record DraftOnly : Failure;

/// <summary>An extension must end after the round closes.</summary>
public sealed record ExtensionNotAfterClose(DateTimeOffset ClosesAt) : Failure
{
    public override string Field => "NewDeadline";
}

/// <summary>An extension must end in the future.</summary>
public sealed record ExtensionInPast : Failure
{
    public override string Field => "NewDeadline";
}

/// <summary>The file is not one the actor may remove (another organisation's, or its record has moved on).</summary>
public sealed record FileNotRemovable : Failure;

/// <summary>Someone else changed the record since the user loaded it.</summary>
public sealed record ChangedMeanwhile(string What) : Failure;

/// <summary>Only a draft decision notice can be changed.</summary>
public sealed record NotADraft : Failure;

/// <summary>A published round's terms cannot change.</summary>
public sealed record RoundPublished : Failure;

/// <summary>The round is already published.</summary>
public sealed record RoundAlreadyPublished : Failure;

/// <summary>A round whose closing time has passed cannot be published.</summary>
public sealed record RoundClosingPassed(DateTimeOffset ClosesAt) : Failure;

/// <summary>Only an open round can be closed early.</summary>
public sealed record RoundNotClosable(bool IsDraft) : Failure;

/// <summary>A draft round's dates are changed by editing it, not by extending.</summary>
public sealed record DraftRoundNotExtendable : Failure;

/// <summary>Two officers changed the same round at once.</summary>
public sealed record RoundChangedMeanwhile : Failure;

/// <summary>An extended closing time must be later than now and than the current one.</summary>
public sealed record ExtensionTooEarly(DateTimeOffset ClosesAt) : Failure
{
    public override string Field => "ClosesDate";
}

/// <summary>Round references are unique.</summary>
public sealed record DuplicateRoundReference(string Reference) : Failure
{
    public override string Field => "Reference";
}

/// <summary>The actor's roles do not allow this.</summary>
public sealed record NotAllowed(string Action) : Failure;

/// <summary>No Police and Crime Plan was in force in the quarter, so there is nothing to report against.</summary>
public sealed record NoPlanInForce(string Quarter, string Consequence, string OnField = "") : Failure
{
    public override string Field => OnField;
}

public enum ReportStep
{
    ReturnToDraft,
    Change,
    ApproveWithoutDraft,
    ApproveAgain,
    Publish,
}

/// <summary>A Panel report step that its state does not allow.</summary>
public sealed record ReportStateRefused(ReportStep Step) : Failure;

/// <summary>A Panel report cannot be approved while measures have no RAG for the quarter.</summary>
public sealed record MeasuresWithoutRag(int Count, string Quarter, string FirstTitle, int FirstObjective) : Failure;

/// <summary>An import with bad rows: every bad row named, nothing imported.</summary>
public sealed record ImportRowsRefused(IReadOnlyList<string> Rows) : Failure
{
    public override string Field => "file";
}

/// <summary>Segregation of duties: someone other than the actor must do this.</summary>
public sealed record SecondPersonNeeded(string Action, string Because) : Failure;

/// <summary>A payment run needs at least one payment.</summary>
public sealed record NothingChosen(string What) : Failure;

/// <summary>The same status file was imported before; importing it again would change nothing.</summary>
public sealed record ImportAlreadyTaken(string FileName, DateTimeOffset At) : Failure
{
    public override string Field => "file";
}

/// <summary>Files are only downloaded from a run once it has been authorised and exported.</summary>
public sealed record RunNotExported(string Reference, string State) : Failure;

public static class Failures
{
    /// <summary>What the user reads for each failure.</summary>
    public static string Message(Failure failure) => failure switch
    {
        NothingChosen f => $"Choose at least one {f.What}.",
        ImportAlreadyTaken f => $"{f.FileName} was already imported on {UkTime.Describe(f.At)}: nothing was changed.",
        RunNotExported f => $"{f.Reference} is {f.State}: a run is exported only once a second finance user has authorised it.",
        SecondPersonNeeded f => $"Someone else in Finance must {f.Action}: {f.Because} (segregation of duties).",
        NotFound f => f.Hint is null ? $"That {f.What} was not found." : $"That {f.What} was not found. {f.Hint}",
        FormExpired f => $"Something went wrong with the form. {f.Then}",
        OwnerOnly f => $"Only an owner of the organisation can {f.Action}.",
        RoleNeeded f => $"Only {f.Who} can {f.Action}.",
        NoLongerPossible f => f.Because is null ? $"This {f.What} can no longer be {f.Action}." : $"This {f.What} can no longer be {f.Action}: {f.Because}",
        AlreadyMember f => string.Create(CultureInfo.InvariantCulture, $"{f.Email} is already a member or has already been invited."),
        LastOwner => "The organisation needs at least one owner who has signed in. Make someone else an owner first.",
        NoBankDetails f => $"{f.Organisation} has not given bank details yet.",
        AccountGone => "Your account was not found. It may have been closed already.",
        ClosureBlocked f => f.Blocker,
        ChooseOrganisation => "Select the organisation that is applying.",
        ChooseRole => "Select whether they will be an owner or an editor.",
        RoundNotOpen f => $"This round opens at {UkTime.Describe(f.OpensAt)}.",
        DeadlinePassed f => Deadlines.ClosedMessage(f.Deadline, f.Extended),
        ReturnNotOpen => "This return cannot be sent yet: it opens when its period ends.",
        DeclarationNeeded f => $"Confirm that you accept the grant on these conditions on behalf of {f.Organisation}.",
        ReasonNeeded f => f.Prompt,
        DraftOnly => "Only a draft application's deadline can be extended.",
        ExtensionNotAfterClose f => $"The extension must end after the round closes at {UkTime.Describe(f.ClosesAt)}.",
        ExtensionInPast => "The extension must end in the future.",
        FileNotRemovable => "That file cannot be removed.",
        ChangedMeanwhile f => $"This {f.What} was changed by someone else while you were editing it. Reload to see the latest.",
        NotADraft => "Only a draft can be changed. Ask for the notice to be sent back to draft first.",
        RoundPublished => "This round has been published, so its terms cannot change. Close it early or extend it instead.",
        RoundAlreadyPublished => "This round has already been published.",
        RoundClosingPassed f => $"This round's closing time ({UkTime.Describe(f.ClosesAt)}) has passed. Edit the dates before publishing.",
        RoundNotClosable f => f.IsDraft ? "A draft round is not open, so it cannot be closed." : "This round has already closed.",
        DraftRoundNotExtendable => "A draft round's dates are changed by editing it.",
        RoundChangedMeanwhile => "Someone else changed this round at the same time. Reload the page and try again.",
        ExtensionTooEarly f => $"The new closing time must be later than both now and the current closing time, {UkTime.Describe(f.ClosesAt)}.",
        DuplicateRoundReference f => $"Another round already has the reference {f.Reference}. Choose a different reference.",
        NotAllowed f => $"You cannot {f.Action}.",
        NoPlanInForce f => $"No Police and Crime Plan was in force in {f.Quarter}, so {f.Consequence}.",
        ReportStateRefused f => f.Step switch
        {
            ReportStep.ReturnToDraft => "Only an approved report can be returned to draft.",
            ReportStep.Change => "This report has been approved. Ask the approver to return it to draft before changing it.",
            ReportStep.ApproveWithoutDraft => "There is no draft to approve: write the report first.",
            ReportStep.ApproveAgain => "This report is already approved.",
            _ => "Only an approved report can be published.",
        },
        MeasuresWithoutRag f => $"The report cannot be approved while {f.Count} success {(f.Count == 1 ? "measure has" : "measures have")} no RAG rating for {f.Quarter}, "
            + $"for example \"{f.FirstTitle}\" (objective {f.FirstObjective}). Record the quarter's readings first.",
        ImportRowsRefused f => string.Join(" ", f.Rows.Take(20)) + (f.Rows.Count > 20 ? $" (and {f.Rows.Count - 20} more)" : ""),
        Refused f => f.Message,
        _ => throw new ArgumentOutOfRangeException(nameof(failure), failure.GetType().Name, "A failure without a message."),
    };
}
