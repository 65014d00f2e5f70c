using PhatTrienDangVien.Core.Common;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.Reference;

namespace PhatTrienDangVien.Core.People;

/// <summary>
/// The person behind a candidate and, after admission, a member: one record, so the citizen ID is unique across
/// the installation and a candidate's history stays attached when they become a member.
/// </summary>
public class Person : CommuneEntity, IHasDerivedColumns
{
    public void ComputeDerived()
    {
        FullNameFolded = Text.VietnameseText.Fold(FullName);
        NameSortKey = Text.VietnameseText.NameSortKey(FullName);
    }

    public required string FullName { get; set; }
    /// <summary>Lower case, no marks, đ → d: the database searches this column.</summary>
    public string FullNameFolded { get; set; } = "";
    /// <summary>ASCII key whose ordinal order is the Vietnamese order of names (given, middle, family).</summary>
    public string NameSortKey { get; set; } = "";
    public Gender Gender { get; set; }
    public DateOnly DateOfBirth { get; set; }
    /// <summary>Only the year (or month) of birth is known: a register brought in from a spreadsheet.</summary>
    public DatePrecision DateOfBirthPrecision { get; set; }
    public string EthnicityCode { get; set; } = "01";
    public string ReligionCode { get; set; } = "00";
    /// <summary>General education grade, x/12.</summary>
    public int? GeneralEducationGrade { get; set; }
    public string? ProfessionalEducationCode { get; set; }
    public string? PoliticalTheoryCode { get; set; }
    public string? Occupation { get; set; }
    public string? Workplace { get; set; }
    public int? HamletId { get; set; }
    public Hamlet? Hamlet { get; set; }
    public string? Address { get; set; }
    public string? CitizenId { get; set; }
    public string? Phone { get; set; }
    public bool IsYouthUnionMember { get; set; }
    public bool IsTradeUnionMember { get; set; }
    public bool IsDemo { get; set; }
    /// <summary>The Excel import that created this record, while it can still be undone as a whole; null when typed in.</summary>
    public int? ImportBatchId { get; set; }
}

public enum MemberStatus
{
    Probationary = 0,
    Official = 1,
    Removed = 2,
    TransferredOut = 3,
    Deceased = 4,
    /// <summary>Khai trừ: the heaviest discipline, decided on the inspection side and recorded here as an exit.</summary>
    Expelled = 5,
    /// <summary>Cho ra khỏi Đảng: a member's request to leave, accepted by the competent committee.</summary>
    LeftParty = 6,
}

public static class MemberStatuses
{
    /// <summary>No longer on the commune's roll (every status from <see cref="MemberStatus.Removed"/> on); the
    /// queries compare <c>Status &gt;= Removed</c>, so a new way of leaving must take a value above it.</summary>
    public static bool HasLeft(MemberStatus s) => s >= MemberStatus.Removed;

    /// <summary>Left the party (not moved elsewhere, not deceased): re-admission is then possible only after the waiting period.</summary>
    public static bool LeftTheParty(MemberStatus s) => s is MemberStatus.Removed or MemberStatus.Expelled or MemberStatus.LeftParty;
}

[Flags]
public enum CommitteePositions
{
    None = 0,
    CommuneCommitteeMember = 1,
    StandingBoardMember = 2,
    SubCommitteeMember = 4,
    CellSecretary = 8,
    CellDeputySecretary = 16,
    CellCommitteeMember = 32,
}

public class Member : CommuneEntity
{
    /// <summary>
    /// Not stored: the day a cell change being saved took effect (the transfer decision), when it is not today. The
    /// database context writes the membership history from it.
    /// </summary>
    public DateOnly? MovedOn { get; set; }

    public int PersonId { get; set; }
    public Person Person { get; set; } = null!;
    public int CellId { get; set; }
    public Organisation Cell { get; set; } = null!;
    public MemberStatus Status { get; set; }
    public DateOnly? StatusDate { get; set; }
    public DateOnly? AdmissionDecisionDate { get; set; }
    public string? AdmissionDecisionNumber { get; set; }
    public DateOnly? CeremonyDate { get; set; }
    public DatePrecision CeremonyDatePrecision { get; set; }
    public DateOnly? OfficialDate { get; set; }
    public DatePrecision OfficialDatePrecision { get; set; }
    public string? PartyCardNumber { get; set; }
    public CommitteePositions Positions { get; set; }
    /// <summary>On temporary transfer (sinh hoạt tạm thời) elsewhere: out of the vote denominator when absent.</summary>
    public bool OnTemporaryTransfer { get; set; }
    /// <summary>Exempted from activities and work (miễn sinh hoạt): out of the vote denominator when absent.</summary>
    public bool IsExempt { get; set; }
    public string? Notes { get; set; }
    /// <summary>The Excel import that created this record (see <see cref="Person.ImportBatchId"/>).</summary>
    public int? ImportBatchId { get; set; }
}

/// <summary>
/// A member's time in a cell (sinh hoạt tại chi bộ), from the day they joined it to the day before they left it: the
/// history a vote's denominator is counted from ("the official members of the cell on the vote date"). The database
/// context writes it whenever a member is added or changes cell; nobody edits it by hand.
/// </summary>
public class CellMembership : CommuneEntity
{
    public int MemberId { get; set; }
    public Member Member { get; set; } = null!;
    public int CellId { get; set; }
    public Organisation Cell { get; set; } = null!;
    public DateOnly From { get; set; }
    /// <summary>The last day in the cell; null while the member is still there.</summary>
    public DateOnly? To { get; set; }
}

public enum CandidateStatus
{
    Active = 0,
    Admitted = 1,
    Withdrawn = 2,
}

public class Candidate : CommuneEntity
{
    public int PersonId { get; set; }
    public Person Person { get; set; } = null!;
    public int CellId { get; set; }
    public Organisation Cell { get; set; } = null!;
    public CandidateStatus Status { get; set; }
    public DateOnly AddedOn { get; set; }
    public int? MentorMemberId { get; set; }
    public Member? Mentor { get; set; }
    public string? Strengths { get; set; }
    public string? Notes { get; set; }
    public List<CandidateSource> Sources { get; set; } = [];
    /// <summary>The Excel import that created this record (see <see cref="Person.ImportBatchId"/>).</summary>
    public int? ImportBatchId { get; set; }
}

/// <summary>Nguồn: the seed plan's list of where outstanding people come from, editable per commune.</summary>
public class SourceCategory : CommuneEntity
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;
}

public class CandidateSource
{
    public int CandidateId { get; set; }
    public int SourceCategoryId { get; set; }
    public SourceCategory SourceCategory { get; set; } = null!;
}

/// <summary>A committee member in charge of a cell over a period (the responsibility map, plan point P3).</summary>
public class CellResponsibility : CommuneEntity
{
    public int MemberId { get; set; }
    public Member Member { get; set; } = null!;
    public int CellId { get; set; }
    public Organisation Cell { get; set; } = null!;
    public DateOnly From { get; set; }
    public DateOnly? To { get; set; }
}
