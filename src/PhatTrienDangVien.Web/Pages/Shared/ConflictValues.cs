namespace PhatTrienDangVien.Web.Pages.Shared;

public static class ConflictValues
{
    /// <summary>A stored value as the user would read it on the form (Vietnamese labels and dates, never code names).</summary>
    public static string? Show(object? value) => value switch
    {
        null => null,
        bool b => b ? "có" : "không",
        DateOnly d => d.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture),
        Core.Reference.Gender g => Lookups.GenderName(g),
        Core.People.MemberStatus st => Lookups.StatusName(st),
        Core.People.CandidateStatus cs => Lookups.CandidateStatusName(cs),
        Core.People.CommitteePositions p => Lookups.PositionNames(p),
        Core.Organisations.OrganisationKind k => Lookups.KindName(k, null),
        Core.Organisations.CellKind c => Lookups.CellKindName(c),
        Core.Organisations.SchoolLevel l => Lookups.SchoolLevelName(l),
        Core.Targets.SubTargetKind t => Lookups.SubTargetName(t),
        Core.People.ExitKind ek => Web.Exits.ExitWords.Kind(ek),
        Core.People.ExitStatus es => Web.Exits.ExitWords.Status(es),
        Core.People.RemovalGround rg => Web.Exits.ExitWords.Ground(rg),
        Core.Inspections.InspectionKind ik => Core.Inspections.InspectionWords.Kind(ik),
        Core.Inspections.CheckKind ck => Core.Inspections.CaseChecklist.Name(ck),
        Core.Inspections.ActionStatus ast => Core.Inspections.CorrectiveActions.Name(ast),
        Core.Evaluations.RatingLevel rl => Core.Evaluations.QualityRatings.Name(rl),
        Core.Evaluations.SelfAssessmentForm sf => Core.Evaluations.RatingWords.Form(sf),
        decimal dm => dm.ToString("0.##", Lookups.Vietnamese),
        IEnumerable<Core.People.CommitteePositions> ps => string.Join(", ", ps.Order().Select(Lookups.PositionNames)),
        int i => i.ToString("N0", Lookups.Vietnamese),
        IEnumerable<int> ids => string.Join(", ", ids.Order()),
        _ => value.ToString(),
    };
}
