using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PhatTrienDangVien.Core.Admission;

/// <summary>
/// One recorded step of a candidate's admission case: append-only, created only by <see cref="AdmissionCase"/>.
/// </summary>
/// <remarks>
/// Persistence shape: the columns every list or report filters on are plain properties (kind, date, outcome,
/// due date, lateness); what only the step's own page reads (vote counts, introducers, relatives verified,
/// certificate) is one JSON column, <see cref="Details"/>, whose type is fixed by <see cref="Kind"/>
/// (see <see cref="ReadDetails{T}"/>). One table instead of one per kind keeps the timeline a single query and
/// lets a detail type grow without a migration. <see cref="RulesSnapshot"/> is the JSON of the rule values in
/// force on <see cref="Date"/>.
/// </remarks>
public class StepRecord
{
    public int Id { get; set; }
    public int CandidateId { get; set; }
    public AdmissionStepKind Kind { get; set; }

    /// <summary>The date of the event (meeting, decision, ceremony…), not of the data entry.</summary>
    public DateOnly Date { get; set; }

    public string? DocumentNumber { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTime RecordedAtUtc { get; set; }
    public string? Note { get; set; }

    /// <summary>Set on vote steps (cell, sub-committee, recognition).</summary>
    public VoteOutcome? Outcome { get; set; }

    /// <summary>The due date that applied to this step when it was recorded, if it has one.</summary>
    public DateOnly? DueDate { get; set; }

    /// <summary>Recorded after <see cref="DueDate"/>: shown, not blocked.</summary>
    public bool IsLate { get; set; }

    /// <summary>JSON of the kind's detail record (<see cref="StepDetailTypes"/>), or null.</summary>
    public string? Details { get; set; }

    /// <summary>JSON object key → value of the rule parameters in force on <see cref="Date"/>.</summary>
    public string RulesSnapshot { get; set; } = "{}";

    /// <summary>The details as their typed record, or null when the step has none or they cannot be read.</summary>
    /// <remarks>
    /// Unreadable details (a database edited by hand, a value no release wrote) are treated as absent, so that the
    /// case, its timeline and every figure still open; <see cref="DetailsUnreadable"/> lets the page say so.
    /// </remarks>
    public T? ReadDetails<T>() where T : class
    {
        if (Details is null) return null;
        try
        {
            return JsonSerializer.Deserialize<T>(Details, StepDetailsJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The stored details exist but cannot be read as the kind's record.</summary>
    public bool DetailsUnreadable =>
        Details is not null && StepDetailTypes.Of(Kind) is { } type && !TryRead(type);

    private bool TryRead(Type type)
    {
        try
        {
            JsonSerializer.Deserialize(Details!, type, StepDetailsJson.Options);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

/// <summary>Which detail record each kind stores.</summary>
public static class StepDetailTypes
{
    public static Type? Of(AdmissionStepKind kind) => kind switch
    {
        AdmissionStepKind.MentorAssigned or AdmissionStepKind.ProbationMentorAssigned or AdmissionStepKind.MentorAssessment => typeof(MentorDetails),
        AdmissionStepKind.AwarenessClass or AdmissionStepKind.NewMemberClass => typeof(ClassDetails),
        AdmissionStepKind.PersonalHistory => typeof(VerificationDetails),
        AdmissionStepKind.Introduction => typeof(IntroductionDetails),
        AdmissionStepKind.CellVote => typeof(CellVoteDetails),
        AdmissionStepKind.SubCommitteeVote or AdmissionStepKind.RecognitionVote => typeof(VoteDetails),
        AdmissionStepKind.Decision => typeof(DecisionDetails),
        AdmissionStepKind.Ceremony => typeof(CeremonyDetails),
        AdmissionStepKind.DecisionExtension or AdmissionStepKind.Removal or AdmissionStepKind.Withdrawal => typeof(ReasonDetails),
        _ => null,
    };
}

public static class StepDetailsJson
{
    // Relaxed escaping keeps Vietnamese readable in the database; the JSON is never embedded in HTML as is.
    public static JsonSerializerOptions Options { get; } = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Write<T>(T details) => JsonSerializer.Serialize(details, Options);
}

public sealed record MentorDetails
{
    public int MentorMemberId { get; init; }
}

/// <summary>Awareness class or new-member class certificate.</summary>
public sealed record ClassDetails
{
    public string CertificateNumber { get; init; } = "";
    public DateOnly CertificateDate { get; init; }
    /// <summary>The class and centre it came from, when recorded from the class's results; null when typed on the step.</summary>
    public string? ClassName { get; init; }
    /// <summary>"Khá", "Giỏi"… as the certificate says.</summary>
    public string? Grade { get; init; }
}

public enum VerificationResult
{
    Pending = 0,
    Verified = 1,
    /// <summary>A relative who is a party member and fully declared need not be verified.</summary>
    ExemptPartyMember = 2,
}

public sealed record RelativeVerification
{
    /// <summary>"Bản thân", "Cha", "Mẹ", "Cha vợ", "Vợ", "Con"…</summary>
    public string Relationship { get; init; } = "";
    public string FullName { get; init; } = "";
    public VerificationResult Result { get; init; }
    public string? Note { get; init; }
}

public sealed record VerificationDetails
{
    public IReadOnlyList<RelativeVerification> People { get; init; } = [];

    public bool IsComplete => People.Count > 0 && People.All(p => p.Result != VerificationResult.Pending);
}

public enum IntroductionPath
{
    TwoMembers = 1,
    YouthUnion = 2,
    TradeUnion = 3,
}

public sealed record IntroducerDetails
{
    public int MemberId { get; init; }
    public int MonthsTogether { get; init; }
}

public sealed record IntroductionDetails
{
    public IntroductionPath Path { get; init; }
    public IReadOnlyList<IntroducerDetails> Introducers { get; init; } = [];
    /// <summary>Youth Union (4-KNĐ) or Trade Union executive resolution, for those paths.</summary>
    public string? OrganisationResolutionNumber { get; init; }
}

/// <summary>Counts of a vote and the denominator computed from the roster (never typed in).</summary>
public record VoteDetails
{
    public int For { get; init; }
    public int Against { get; init; }
    public int Present { get; init; }
    /// <summary>Official members of the cell, or committee members of the sub-committee.</summary>
    public int Members { get; init; }
    /// <summary>Members on temporary transfer or exempted who were absent: out of the denominator.</summary>
    public int ExcludedAbsent { get; init; }
    public int Denominator { get; init; }
    public int VotesNeeded { get; init; }
}

public sealed record CellVoteDetails : VoteDetails
{
    public int ApplicantAgeMonths { get; init; }
    public string? Over60ConsentDocument { get; init; }
    /// <summary>A re-admission: the provincial standing board's consent, and the day the person had left the party.</summary>
    public string? ReadmissionConsentDocument { get; init; }
    public DateOnly? LeftPartyOn { get; init; }
    public DateOnly AwarenessCertificateDate { get; init; }
    /// <summary>The cell is under a sub-committee, whose vote is then required before the decision.</summary>
    public bool HasSubCommittee { get; init; }
}

public sealed record DecisionDetails
{
    /// <summary>When the cell received the decision: the ceremony deadline counts from here.</summary>
    public DateOnly? ReceivedByCellOn { get; init; }
    public string? DecidingBody { get; init; }
    /// <summary>Copied from the member register when the case was opened for recognition (see <see cref="AdmissionCase.OpenFromRegister"/>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool FromRegister { get; init; }
}

public sealed record CeremonyDetails
{
    /// <summary>Superior committee's consent to a ceremony after the deadline.</summary>
    public string? LateConsentDocument { get; init; }
    /// <summary>Copied from the member register when the case was opened for recognition (see <see cref="AdmissionCase.OpenFromRegister"/>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool FromRegister { get; init; }
}

public sealed record ReasonDetails
{
    public string Reason { get; init; } = "";
}
