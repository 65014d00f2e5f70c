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
}
