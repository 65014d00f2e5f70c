using PhatTrienDangVien.Core.Common;

namespace PhatTrienDangVien.Core.Organisations;

public enum OrganisationKind
{
    CommuneCommittee = 0,
    SubCommittee = 1,
    Cell = 2,
}

public enum CellKind
{
    Hamlet = 0,
    School = 1,
    Agency = 2,
    Police = 3,
    Military = 4,
    Enterprise = 5,
    Other = 9,
}

/// <summary>
/// One node of the party organisation tree: the commune committee (root, its own <see cref="CommuneEntity.CommuneId"/>),
/// sub-committees (đảng bộ bộ phận) and cells (chi bộ).
/// </summary>
public class Organisation : CommuneEntity, IHasDerivedColumns
{
    public void ComputeDerived() => NameFolded = Text.VietnameseText.Fold(Name);

    public OrganisationKind Kind { get; set; }
    public CellKind? CellKind { get; set; }
    public int? ParentId { get; set; }
    public Organisation? Parent { get; set; }
    public List<Organisation> Children { get; set; } = [];
    public required string Name { get; set; }
    public string NameFolded { get; set; } = "";
    public string? Code { get; set; }
    public int? HamletId { get; set; }
    public Hamlet? Hamlet { get; set; }
    public int? SecretaryMemberId { get; set; }
    public string? Address { get; set; }
    public bool IsActive { get; set; } = true;
    /// <summary>For a commune committee merged into another (archived): the receiving commune's committee.</summary>
    public int? MergedIntoId { get; set; }
    public DateOnly? EstablishedOn { get; set; }
    /// <summary>Which body decides admissions for this organisation (since 7/2025 inferred to be the commune standing board).</summary>
    public string? AdmissionAuthority { get; set; }
    public bool IsDemo { get; set; }
}

public class Hamlet : CommuneEntity, IHasDerivedColumns
{
    public void ComputeDerived() => NameFolded = Text.VietnameseText.Fold(Name);

    public required string Name { get; set; }
    public string NameFolded { get; set; } = "";
    public int Population { get; set; }
    public int Households { get; set; }
    public string? Notes { get; set; }
}

/// <summary>
/// Trung tâm chính trị: a unit of its host commune's committee (<see cref="CommuneEntity.CommuneId"/>) that may serve
/// other communes too (<see cref="Classes.CenterCommune"/>); it runs the awareness and new-member classes.
/// </summary>
public class PoliticalCenter : CommuneEntity
{
    public required string Name { get; set; }
    public string? Address { get; set; }
    public string? Phone { get; set; }
    /// <summary>Giám đốc: signs the certificates.</summary>
    public string? DirectorName { get; set; }
    public bool IsActive { get; set; } = true;
}

/// <summary>Nhiệm kỳ: e.g. 2025–2030 for the commune committee.</summary>
public class Term : CommuneEntity
{
    public int StartYear { get; set; }
    public int EndYear { get; set; }
    /// <summary>The congress that opened the term, when recorded; otherwise the term starts on 1 July of <see cref="StartYear"/>.</summary>
    public DateOnly? StartDate { get; set; }
    /// <summary>The day before the next congress, when recorded; otherwise the term ends on 30 June of <see cref="EndYear"/>.</summary>
    public DateOnly? EndDate { get; set; }
    public string Name => $"{StartYear}–{EndYear}";
    /// <summary>First day counted for the term (inclusive).</summary>
    public DateOnly Start => StartDate ?? DefaultStart(StartYear);
    /// <summary>Last day counted for the term (inclusive).</summary>
    public DateOnly End => EndDate ?? DefaultEnd(EndYear);

    /// <summary>Commune congresses are held around mid-year: 1 July of the start year, 30 June of the end year.</summary>
    public static DateOnly DefaultStart(int startYear) => new(startYear, 7, 1);
    public static DateOnly DefaultEnd(int endYear) => new(endYear, 6, 30);
}

public enum SchoolLevel
{
    Preschool = 0,
    Primary = 1,
    LowerSecondary = 2,
    UpperSecondary = 3,
    Vocational = 4,
    Other = 9,
}

/// <summary>
/// A school of the commune (plan point P5: "focus on schools"): whether it has its own party cell is what the plan
/// watches, so the register lists every school, with or without a cell.
/// </summary>
public class School : CommuneEntity, IHasDerivedColumns
{
    public void ComputeDerived() => NameFolded = Text.VietnameseText.Fold(Name);

    public required string Name { get; set; }
    public string NameFolded { get; set; } = "";
    public SchoolLevel Level { get; set; }
    public int? HamletId { get; set; }
    public Hamlet? Hamlet { get; set; }
    /// <summary>The school's own party cell, when it has one.</summary>
    public int? CellId { get; set; }
    public Organisation? Cell { get; set; }
    public int Teachers { get; set; }
    public string? Notes { get; set; }
}
