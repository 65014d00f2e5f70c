using PhatTrienDangVien.Core.Common;

namespace PhatTrienDangVien.Core.Education;

/// <summary>Who held a session of propaganda and education (plan point P4). Stored as their numbers.</summary>
public enum Organiser
{
    /// <summary>A party cell, at its meeting or in its hamlet.</summary>
    Cell = 1,
    YouthUnion = 2,
    WomenUnion = 3,
    FarmersUnion = 4,
    VeteransUnion = 5,
    FatherlandFront = 6,
    TradeUnion = 7,
    /// <summary>Dân quân tự vệ, the military command.</summary>
    Militia = 8,
    School = 9,
    Other = 99,
}

/// <summary>
/// One session of propaganda and education: a cell or a mass organisation talks to an audience about the Party (the
/// work that feeds the pool of outstanding people). Its audience is one of the pool's source categories when it is one
/// (Youth Union members, militia, teachers, young people after military service…), so a year's sessions can be set
/// beside the pool each fed; the candidates who came are listed.
/// </summary>
public class PropagandaSession : CommuneEntity
{
    public DateOnly Date { get; set; }
    public Organiser Organiser { get; set; }
    /// <summary>The cell that held it, or whose hamlet's organisation held it; null for a commune-wide organisation.</summary>
    public int? CellId { get; set; }
    /// <summary>The organisation by name ("Đoàn xã", "Chi hội Phụ nữ ấp Mỹ Lợi"); for a cell, its name is the cell's.</summary>
    public string? OrganiserName { get; set; }
    public required string Topic { get; set; }
    /// <summary>The pool's source category the audience belongs to, when it is one.</summary>
    public int? AudienceCategoryId { get; set; }
    /// <summary>The audience in words ("đoàn viên chi đoàn ấp", "thanh niên chuẩn bị nhập ngũ").</summary>
    public string? Audience { get; set; }
    /// <summary>How many came, everyone counted.</summary>
    public int Headcount { get; set; }
    public string? Notes { get; set; }
    public List<PropagandaAttendee> Attendees { get; set; } = [];
    public bool IsDemo { get; set; }
}

/// <summary>A candidate of the pool who came to a session.</summary>
public class PropagandaAttendee : CommuneEntity
{
    public int SessionId { get; set; }
    public int CandidateId { get; set; }
}
