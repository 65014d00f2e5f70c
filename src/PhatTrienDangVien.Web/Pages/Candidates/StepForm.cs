using PhatTrienDangVien.Core.Admission;

namespace PhatTrienDangVien.Web.Pages.Candidates;

/// <summary>Which fields the step form shows for a kind (the fields themselves are <see cref="Admission.StepData"/>).</summary>
public static class StepForm
{
    public enum FieldGroup { Simple, Mentor, Class, History, Introduction, CellVote, Vote, SubCommitteeVote, Decision, Ceremony, Reason }

    public static FieldGroup GroupOf(AdmissionStepKind kind) => kind switch
    {
        AdmissionStepKind.MentorAssigned or AdmissionStepKind.MentorAssessment or AdmissionStepKind.ProbationMentorAssigned => FieldGroup.Mentor,
        AdmissionStepKind.AwarenessClass or AdmissionStepKind.NewMemberClass => FieldGroup.Class,
        AdmissionStepKind.PersonalHistory => FieldGroup.History,
        AdmissionStepKind.Introduction => FieldGroup.Introduction,
        AdmissionStepKind.CellVote => FieldGroup.CellVote,
        AdmissionStepKind.RecognitionVote => FieldGroup.Vote,
        AdmissionStepKind.SubCommitteeVote => FieldGroup.SubCommitteeVote,
        AdmissionStepKind.Decision => FieldGroup.Decision,
        AdmissionStepKind.Ceremony => FieldGroup.Ceremony,
        AdmissionStepKind.DecisionExtension or AdmissionStepKind.Removal or AdmissionStepKind.Withdrawal => FieldGroup.Reason,
        _ => FieldGroup.Simple,
    };

    /// <summary>The word in a step link that means "the step to record now" (<c>/Candidates/Step/{id}?kind=next</c>), for a link made before the page knows the kind.</summary>
    public const string NextKind = "next";

    /// <summary>
    /// The step to record now, among those the user may record now: the next step of the case when it is one of them,
    /// otherwise the only one (a mentor's assessment); none when the user chooses among several. The timeline's big
    /// button and the "next" link open the same step.
    /// </summary>
    public static AdmissionStepKind? PrimaryKind(PendingAction? next, IReadOnlyList<AdmissionStepKind> allowed) =>
        next is { } n && allowed.Contains(n.Kind) ? n.Kind : allowed.Count == 1 ? allowed[0] : null;
}
