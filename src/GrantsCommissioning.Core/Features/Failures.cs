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

/// <summary>A monitoring return cancelled because its award was ended: it is no longer needed and cannot be sent or saved.</summary>
public sealed record ReturnCancelled(string? Reason) : Failure;

/// <summary>A monitoring return already sent (with the officer, or accepted) can no longer be saved or changed by the grantee.</summary>
public sealed record ReturnAlreadySent(bool Accepted) : Failure;

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

/// <summary>The assessor's register of interests was never confirmed or is more than a year old, so they cannot be given new assignments.</summary>
public sealed record InterestsNotCurrent(string Assessor, string? ExpiredOn) : Failure;

/// <summary>The assessor's register of interests names the applicant organisation (by name, charity or company number).</summary>
public sealed record InterestRegistered(string Assessor, string Organisation, string Reference) : Failure;

/// <summary>The application already has as many active assessors as its round asks for.</summary>
public sealed record AssessorsComplete(string Reference, int Needed) : Failure;

/// <summary>The assessor has already been given this application (including one they returned or were recused from).</summary>
public sealed record AlreadyAssigned(string Assessor, string Reference) : Failure;

/// <summary>Assessors are assigned only while an application is in its checks or its assessment.</summary>
public sealed record NotBeingAssessed(string Reference, string StateLabel) : Failure;

/// <summary>The applicant answers a request for more information, but the grants team is not waiting for one on the application.</summary>
public sealed record NotAwaitingInformation(string Reference, string StateLabel) : Failure;

/// <summary>The assessor has already accepted, returned or declared a conflict on this assignment.</summary>
public sealed record AssignmentAnswered(string Reference) : Failure;

/// <summary>The assessor's own register names the applicant, so they cannot declare that they have no conflict.</summary>
public sealed record OwnRegisterConflict(string Organisation) : Failure
{
    public override string Field => "Answer";
}

/// <summary>Moderation is for applications whose assessors' totals differ by more than the round's threshold.</summary>
public sealed record ModerationNotNeeded(string Reference, int Threshold) : Failure;

/// <summary>A two-stage round's expressions of interest have closed (or not yet opened, with <paramref name="NotYet"/>).</summary>
public sealed record InterestClosed(DateTimeOffset At, bool NotYet = false) : Failure;

/// <summary>A two-stage round: a full application needs an invitation from an expression of interest.</summary>
public sealed record InvitationNeeded(string Round, bool InterestOpen) : Failure;

/// <summary>The organisation already sent an expression of interest on this round.</summary>
public sealed record InterestAlreadySent(string Organisation, string Reference) : Failure
{
    public override string Field => "OrganisationId";
}

/// <summary>The organisation fails the round's eligibility rules (organisation types, area served): one reason per rule.</summary>
public sealed record NotEligible(string Organisation, string Round, IReadOnlyList<string> Reasons) : Failure
{
    public override string Field => "OrganisationId";
}

/// <summary>No assessors were ticked, or no assessor chosen, on a bulk assignment.</summary>
public sealed record NothingChosen(string What, string OnField) : Failure
{
    public override string Field => OnField;
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

/// <summary>An administrator cannot do this to their own account (another administrator must).</summary>
public sealed record OwnAccount(string Action) : Failure;

/// <summary>The change would leave no active administrator.</summary>
public sealed record LastAdministrator : Failure;

/// <summary>An account already uses this email address.</summary>
public sealed record EmailInUse(string Email) : Failure
{
    public override string Field => "Email";
}

/// <summary>The staff account also belongs to applicant organisations, which must be left first.</summary>
public sealed record StaffHasMemberships(int Count) : Failure;

/// <summary>The recipient is already marked sensitive (or, with <c>Marked</c> false, is not marked).</summary>
public sealed record SensitiveMarking(string Organisation, bool Marked) : Failure;

/// <summary>Marking a recipient sensitive needs the reason, for the officers who come after.</summary>
public sealed record SensitiveReasonNeeded(int MaxLength) : Failure
{
    public override string Field => "Reason";
}

/// <summary>A return's spend to date on a cost line goes beyond its budget and the tolerance.</summary>
public sealed record SpendOverBudget(string Line, Money ToDate, Money Budget, int TolerancePercent) : Failure
{
    public override string Field => "Spend";
}

/// <summary>A change to an award that has been closed or terminated, or is not taking changes in its state.</summary>
public sealed record AwardNotChangeable(string Reference, string StateLabel) : Failure;

/// <summary>A virement would take a cost line below what has already been spent on it.</summary>
public sealed record VirementBelowSpent(string Line, Money Budget, Money Spent, Money Amount) : Failure
{
    public override string Field => "Amount";
}

/// <summary>A change beyond what a grants officer may approve alone (the configured share or months).</summary>
public sealed record BeyondOfficerShare(string Limit) : Failure;

/// <summary>An award closes only when every return has been accepted.</summary>
public sealed record ReturnsOutstanding(int Count) : Failure;

/// <summary>An award's final report starts only when its grant period has ended.</summary>
public sealed record GrantPeriodNotEnded(DateOnly EndDate) : Failure;

/// <summary>A return's new due date must come after the period it reports on.</summary>
public sealed record DueBeforePeriodEnds(DateOnly PeriodEnd) : Failure
{
    public override string Field => "DueDate";
}

/// <summary>A reminder timer that fires after the due date has passed (the app was down): nothing is sent.</summary>
public sealed record ReminderTooLate(DateOnly DueDate) : Failure;

/// <summary>Spend to date on a cost line cannot go below zero, whatever correction a return makes.</summary>
public sealed record SpendBelowZero(string Line, Money Before) : Failure;

/// <summary>Only a named owner of the grantee organisation may sign off and send a return.</summary>
public sealed record OwnerSignOffNeeded(string Organisation) : Failure;

/// <summary>The named officer must hold the grants officer role.</summary>
public sealed record NotAGrantsOfficer : Failure
{
    public override string Field => "OfficerUserId";
}
/// <summary>Segregation of duties: someone other than the actor must do this.</summary>
public sealed record SecondPersonNeeded(string Action, string Because) : Failure;

/// <summary>The same status file was imported before; importing it again would change nothing.</summary>
public sealed record ImportAlreadyTaken(string FileName, DateTimeOffset At) : Failure
{
    public override string Field => "file";
}

/// <summary>Files are only downloaded from a run once it has been authorised and exported.</summary>
public sealed record RunNotExported(string Reference, string State) : Failure;

/// <summary>A sum of money that does not read as pounds.</summary>
public sealed record NotAnAmount(string What, string Example, string OnField = "Amount") : Failure
{
    public override string Field => OnField;
}

/// <summary>The application reference given names no application.</summary>
public sealed record UnknownApplication(string Reference) : Failure
{
    public override string Field => "ApplicationReference";
}

/// <summary>A due-diligence check is recorded once; a repeat changes nothing and says who recorded it.</summary>
public sealed record CheckAlreadyRecorded(string Item, string By, DateTimeOffset At) : Failure;

/// <summary>A second-person check needs the first check recorded, by someone else.</summary>
public sealed record SecondCheckNeeded(string Item, string First) : Failure;

/// <summary>A deputy acts with a limit no higher than the principal's own.</summary>
public sealed record DeputyLimitTooHigh(Money Limit, Money Own) : Failure
{
    public override string Field => "Limit";
}

/// <summary>The person chosen is already the principal's deputy; the nomination must be ended before another is made.</summary>
public sealed record AlreadyDeputy(string Deputy) : Failure
{
    public override string Field => "DeputyUserId";
}

/// <summary>Another fund already has that code.</summary>
public sealed record DuplicateFundCode(string Code) : Failure
{
    public override string Field => "Code";
}

/// <summary>The fund is allocated through applications, not by a published table.</summary>
public sealed record FundNotByTable(string Fund) : Failure
{
    public override string Field => "file";
}

/// <summary>The fund already has an allocation table for that year (a table is taken once; a change is a variation of each award).</summary>
public sealed record AllocationAlreadyTaken(string Fund, string Year, string FileName, DateTimeOffset At) : Failure
{
    public override string Field => "file";
}

/// <summary>The table's total to allocate differs from the budget already set for the fund's year.</summary>
public sealed record AllocationNotBudget(string Year, Money Budget, Money Total) : Failure
{
    public override string Field => "file";
}

/// <summary>An allocation table's objectives are not all in the plan its financial year is reported against.</summary>
public sealed record ObjectivesNotInPlan(string Year, string Plan) : Failure
{
    public override string Field => "ObjectiveIds";
}

/// <summary>A year-end decision is taken only once the year has ended.</summary>
public sealed record YearNotEnded(string Year, DateOnly End) : Failure
{
    public override string Field => "Year";
}

/// <summary>More than the fund's uncommitted budget for the year was asked to move.</summary>
public sealed record MoreThanUncommitted(string Fund, string Year, Money Amount, Money Available) : Failure
{
    public override string Field => "Amount";
}

/// <summary>A ring-fenced fund's money cannot be vired to another fund.</summary>
public sealed record RingFenced(string Fund) : Failure;

/// <summary>A decision would take a fund's commitments in a year past its agreed cap.</summary>
public sealed record OverCap(string Fund, string Year, Money Adding, Money Committed, Money Offered, Money Limit, int CapPercent, Money Budget) : Failure
{
    public override string Field => "Amount";
}

/// <summary>A change of an award's payment schedule would move money into a year past the fund's cap there.</summary>
public sealed record ScheduleOverCap(string Award, string Fund, string Year, Money Moving, Money Committed, Money Offered, Money Limit, int CapPercent, Money Budget) : Failure
{
    public override string Field => "Instalments";

    public static ScheduleOverCap Of(string award, OverCap cap)
    {
        ArgumentNullException.ThrowIfNull(cap);
        return new(award, cap.Fund, cap.Year, cap.Adding, cap.Committed, cap.Offered, cap.Limit, cap.CapPercent, cap.Budget);
    }
}

/// <summary>A commitment falls in a financial year for which the fund has no budget (on the decision's amount, or the field that moves it there).</summary>
public sealed record NoBudget(string Fund, string Year, Money Adding, string OnField = "Amount") : Failure
{
    public override string Field => OnField;
}

/// <summary>The API refused a bearer token: none given, not recognised, expired, revoked, or without the scope the request needs.</summary>
public sealed record ApiTokenRefused(Api.ApiTokenStatus Status, string Scope) : Failure;

/// <summary>The API caller sent more requests than its limit allows; it may try again after the given seconds.</summary>
public sealed record TooManyRequests(int RetryAfterSeconds) : Failure;

/// <summary>No application or award has that reference.</summary>
public sealed record UnknownCase(string Reference) : Failure
{
    public override string Field => "Reference";
}

/// <summary>The case is already under a legal hold that has not been lifted.</summary>
public sealed record AlreadyOnHold(string Reference, DateTimeOffset Since) : Failure
{
    public override string Field => "Reference";
}

public static class Failures
{
    /// <summary>What the user reads for each failure.</summary>
    public static string Message(Failure failure) => failure switch
    {
        OverCap f => $"This decision of {f.Adding} in {f.Year} would take {f.Fund}'s commitments to {f.Committed + f.Offered + f.Adding}, past its cap of {f.Limit} ({f.CapPercent}% of the {f.Budget} budget). "
            + $"{f.Committed} is committed and {f.Offered} offered and not yet accepted, so at most {Headroom(f)} more can be decided in {f.Year}.",
        ScheduleOverCap f => $"This schedule moves {f.Moving} of {f.Award}'s payments into {f.Year}, which would take {f.Fund}'s commitments there to {f.Committed + f.Offered + f.Moving}, past its cap of {f.Limit} ({f.CapPercent}% of the {f.Budget} budget). "
            + $"{f.Committed} is committed and {f.Offered} offered and not yet accepted, so at most {Headroom(f.Limit - f.Committed - f.Offered)} more can move into {f.Year}: keep more of the payments in their current years.",
        NoBudget f => $"{f.Fund} has no budget for {f.Year}, so the {f.Adding} this would commit in {f.Year} has nothing to be committed against. "
            + $"Finance sets the {f.Year} budget first (Funds › {f.Fund}).",
        YearNotEnded f => $"{f.Year} ends on {f.End.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))}: its underspend is decided after the year end.",
        MoreThanUncommitted f => $"{f.Fund} has {f.Available} uncommitted in {f.Year}, less than the {f.Amount} asked for.",
        RingFenced f => $"{f.Fund} is ring-fenced: its money may be spent only on its own purpose, so it cannot be vired to another fund.",
        DuplicateFundCode f => $"Another fund already has the code {f.Code}. Choose a different code.",
        FundNotByTable f => $"{f.Fund} is allocated through applications. Mark it as allocated by a published table first.",
        AllocationAlreadyTaken f => $"{f.Fund} already has its {f.Year} allocation table ({f.FileName}, imported {UkTime.Describe(f.At)}): nothing was changed. Change an allocation by varying its award.",
        ObjectivesNotInPlan f => $"The table is for {f.Year}, which is reported against the {f.Plan}, and not every objective chosen is one of its objectives: nothing was imported. "
            + $"Choose {f.Year} as the table's year on the form, then the objectives it lists.",
        AllocationNotBudget f => $"The table allocates {f.Total} in all, but the fund's {f.Year} budget is {f.Budget}: nothing was imported. Correct the table or the budget.",
        ApiTokenRefused f => f.Status switch
        {
            Api.ApiTokenStatus.Missing => "This request needs an API token: send it in the Authorization header as \"Bearer\" and the token.",
            Api.ApiTokenStatus.Expired => "The API token has expired: ask an administrator for a new one.",
            Api.ApiTokenStatus.Revoked => "The API token has been revoked: ask an administrator for a new one.",
            Api.ApiTokenStatus.ScopeMissing => $"The API token does not allow this request: it needs the {f.Scope} scope.",
            _ => "The API token was not recognised.",
        },
        TooManyRequests f => string.Create(CultureInfo.InvariantCulture, $"Too many requests: try again in {f.RetryAfterSeconds} seconds."),
        ImportAlreadyTaken f => $"{f.FileName} was already imported on {UkTime.Describe(f.At)}: nothing was changed.",
        RunNotExported f => $"{f.Reference} is {f.State}: a run is exported only once a second finance user has authorised it.",
        SecondPersonNeeded f => $"Someone else in Finance must {f.Action}: {f.Because} (segregation of duties).",
        DeputyLimitTooHigh f => $"A deputy's limit cannot be higher than your own delegated limit of {f.Own}; {f.Limit} is too high.",
        AlreadyDeputy f => $"{f.Deputy} is already your deputy. End that nomination first to change its limit.",
        CheckAlreadyRecorded f => $"'{f.Item}' was already recorded by {f.By} on {UkTime.Describe(f.At)}: nothing was changed.",
        SecondCheckNeeded f => $"'{f.Item}' must be recorded after '{f.First}', by someone other than the person who recorded it.",
        UnknownCase f => $"There is no application or award {f.Reference}; check the reference.",
        AlreadyOnHold f => $"{f.Reference} has been under legal hold since {UkTime.Describe(f.Since)}.",
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
        ReturnCancelled f => "This return was cancelled and is no longer needed"
            + (string.IsNullOrWhiteSpace(f.Reason) ? "" : $" ({f.Reason.Trim().TrimEnd('.')})") + ". It cannot be sent or changed, and nothing was saved.",
        ReturnAlreadySent f => f.Accepted
            ? "This return has already been sent and accepted, so it cannot be changed. Nothing was saved."
            : "This return has already been sent and is with the grants officer, so it cannot be changed. Nothing was saved. If the officer queries it, you can change it then.",
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
        SensitiveMarking f => f.Marked ? $"{f.Organisation} is already marked as sensitive." : $"{f.Organisation} is not marked as sensitive.",
        SensitiveReasonNeeded f => $"Enter why this recipient must not be published, in at most {f.MaxLength} characters.",
        SpendOverBudget f => $"Spend to date on {f.Line} would be {f.ToDate}, more than {f.TolerancePercent}% above its budget of {f.Budget}. Check the figure, or ask for a budget virement first.",
        AwardNotChangeable f => $"Award {f.Reference} is {f.StateLabel}, so it cannot be changed.",
        VirementBelowSpent f => $"Moving {f.Amount} from {f.Line} would leave its budget at {f.Budget - f.Amount}, below the {f.Spent} already spent on it.",
        BeyondOfficerShare f => $"This change is beyond what a grants officer may approve ({f.Limit}). A decision maker must decide it.",
        ReturnsOutstanding f => $"The award cannot close while {f.Count} monitoring {(f.Count == 1 ? "return has" : "returns have")} not been accepted.",
        GrantPeriodNotEnded f => $"The grant period runs until {f.EndDate.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))}; the final report starts after it ends.",
        NotAGrantsOfficer => "Choose a grants officer to look after this award.",
        DueBeforePeriodEnds f => $"The due date must be after the period ends on {f.PeriodEnd.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))}.",
        ReminderTooLate f => $"The reminder was not sent: the return was due by {f.DueDate.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))}, which has passed.",
        SpendBelowZero f => $"Spend to date on {f.Line} cannot go below £0.00: {f.Before} has been reported on it so far.",
        OwnerSignOffNeeded f => $"Only an owner of {f.Organisation} can sign off and send the return. Save it as a draft and ask an owner to send it.",
        InterestsNotCurrent f => f.ExpiredOn is null
            ? $"{f.Assessor} has not confirmed a register of interests, so they cannot be given new assignments. Ask them to confirm it under Your register of interests."
            : $"{f.Assessor}'s register of interests expired on {f.ExpiredOn}, so they cannot be given new assignments. Ask them to re-confirm it under Your register of interests.",
        InterestRegistered f => $"{f.Assessor}'s register of interests lists {f.Organisation}, so they cannot assess {f.Reference}. Choose another assessor.",
        AssessorsComplete f => $"{f.Reference} already has the {f.Needed} assessor{(f.Needed == 1 ? "" : "s")} its round asks for.",
        AlreadyAssigned f => $"{f.Assessor} has already been given {f.Reference}. Choose another assessor.",
        NotBeingAssessed f => $"{f.Reference} is {f.StateLabel.ToLowerInvariant()}, so assessors cannot be assigned to it.",
        NotAwaitingInformation f => $"The grants team is not waiting for more information on {f.Reference} (it is at \"{f.StateLabel}\"), so nothing was sent.",
        AssignmentAnswered f => $"You have already answered this assignment ({f.Reference}).",
        OwnRegisterConflict f => $"Your register of interests lists {f.Organisation}. Declare the conflict, or update your register first if it is out of date.",
        ModerationNotNeeded f => $"{f.Reference} does not need moderation: its assessors' totals are within {f.Threshold} percentage points of each other.",
        NothingChosen f => $"Select {f.What}.",
        InterestClosed f => f.NotYet
            ? $"This round opens at {UkTime.Describe(f.At)}: expressions of interest can be sent from then."
            : $"Expressions of interest for this round closed at {UkTime.Describe(f.At)}. No new expression of interest can be sent; contact the grants team if you need help.",
        InvitationNeeded f => $"{f.Round} has two stages: only organisations invited from their expression of interest can make a full application. "
            + (f.InterestOpen ? "Send an expression of interest first." : "Expressions of interest have closed.") + " Nothing was saved.",
        NotEligible f => $"{f.Organisation} is not eligible for {f.Round}. {string.Join(" ", f.Reasons)} Nothing was saved.",
        InterestAlreadySent f => $"{f.Organisation} has already sent an expression of interest on this round ({f.Reference}).",
        Refused f => f.Message,
        NotAnAmount f => $"Enter {f.What} in pounds, such as {f.Example}.",
        UnknownApplication f => $"There is no application {f.Reference}; check the reference.",
        OwnAccount f => $"You cannot {f.Action} your own account: ask another administrator.",
        LastAdministrator => "This is the last active administrator: give another person the Administrator role first.",
        EmailInUse f => $"An account already uses {f.Email}. Change that account's roles instead of inviting it again.",
        StaffHasMemberships f => $"This account is a member of {f.Count} applicant organisation{(f.Count == 1 ? "" : "s")}: the person must leave {(f.Count == 1 ? "it" : "them")} first.",
        _ => throw new ArgumentOutOfRangeException(nameof(failure), failure.GetType().Name, "A failure without a message."),
    };

    private static Money Headroom(OverCap f) => Headroom(f.Limit - f.Committed - f.Offered);

    private static Money Headroom(Money room) => room.IsNegative ? Money.Zero : room;
}
