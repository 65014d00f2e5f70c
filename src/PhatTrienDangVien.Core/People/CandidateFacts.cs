using PhatTrienDangVien.Core.Reference;

namespace PhatTrienDangVien.Core.People;

/// <summary>Derived flags on a candidate (plan point P5: favour young, educated people).</summary>
public static class CandidateFacts
{
    /// <summary>"Young" as the development plan counts it: not older than 30 full years.</summary>
    public const int YoungMaxAge = 30;

    public static bool IsYoung(Person p, DateOnly today) => Age.FullYears(p.DateOfBirth, today) <= YoungMaxAge;

    /// <summary>College, university or postgraduate training.</summary>
    public static bool HasHigherEducation(Person p) =>
        ProfessionalEducationLevels.All.RankOf(p.ProfessionalEducationCode) >= ProfessionalEducationLevels.All.RankOf("CAO_DANG");

    public static bool CompletedHighSchool(Person p) => p.GeneralEducationGrade == EducationLevels.MaxGrade;
}
