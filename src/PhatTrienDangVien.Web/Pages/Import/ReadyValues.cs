using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Core.Reference;
using PhatTrienDangVien.Web.Import;
using PhatTrienDangVien.Web.Pages.Shared;
using PhatTrienDangVien.Web.People;

namespace PhatTrienDangVien.Web.Pages.Import;

/// <summary>
/// A ready row's values as they will be stored, one per field the file maps (and the cell, status and source-pool date
/// the import fills in when no column gives them): catalogue names rather than codes, dates at the precision stored
/// ("1980" for a year), identifiers masked as every list shows them (the record page reveals them, with its access
/// trail; the uploader holds the file anyway, and the masked digits still show a number was read).
/// </summary>
public static class ReadyValues
{
    /// <summary>The fields shown after the name: the file's mapped columns in its order, then what the import fills in.</summary>
    public static IReadOnlyList<ImportField> Fields(ImportPreview preview)
    {
        ArgumentNullException.ThrowIfNull(preview);
        // A column of "x" marks for women is shown as what it stores, the gender.
        var fields = preview.Columns.Where(c => c.Field is not (ImportField.None or ImportField.FullName))
            .Select(c => c.Field == ImportField.Female ? ImportField.Gender : c.Field).Distinct().ToList();
        // The hamlet read from the address is stored too, so it is shown beside it.
        if (fields.Contains(ImportField.Address) && !fields.Contains(ImportField.Hamlet) && preview.Ready.Any(r => r.Person.HamletId is not null))
            fields.Insert(fields.IndexOf(ImportField.Address) + 1, ImportField.Hamlet);
        if (!fields.Contains(ImportField.Cell)) fields.Add(ImportField.Cell);
        if (preview.Upload.Kind == ImportKind.Members && !fields.Contains(ImportField.Status)) fields.Add(ImportField.Status);
        if (preview.Upload.Kind == ImportKind.Candidates && !fields.Contains(ImportField.AddedOn)) fields.Add(ImportField.AddedOn);
        return fields;
    }

    public static string Value(PlannedRow row, ImportField field, IReadOnlyDictionary<int, string> hamlets, IReadOnlyDictionary<int, string> sources)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(hamlets);
        ArgumentNullException.ThrowIfNull(sources);
        var p = row.Person;
        var m = row.Member;
        var c = row.Candidate;
        static string Date(DateOnly? d, DatePrecision precision) => d is { } x ? ImportDate.Show(x, precision) : "";
        return field switch
        {
            ImportField.FullName => p.FullName,
            ImportField.DateOfBirth => Date(p.DateOfBirth, row.BirthPrecision),
            ImportField.Gender => p.Gender is { } g ? Lookups.GenderName(g) : "",
            ImportField.CitizenId => PersonalData.Mask(p.CitizenId) ?? "",
            ImportField.Phone => PersonalData.Mask(p.Phone) ?? "",
            ImportField.Ethnicity => Ethnicities.Find(p.EthnicityCode)?.Name ?? "",
            ImportField.Religion => Religions.Find(p.ReligionCode)?.Name ?? "",
            ImportField.GeneralEducation => p.GeneralEducationGrade is { } grade ? EducationLevels.FormatGeneral(grade) : "",
            ImportField.ProfessionalEducation => ProfessionalEducationLevels.Find(p.ProfessionalEducationCode)?.Name ?? "",
            ImportField.PoliticalTheory => PoliticalTheoryLevels.Find(p.PoliticalTheoryCode)?.Name ?? "",
            ImportField.Occupation => p.Occupation ?? "",
            ImportField.Workplace => p.Workplace ?? "",
            ImportField.Address => p.Address ?? "",
            ImportField.Hamlet => p.HamletId is { } h ? hamlets.GetValueOrDefault(h, "") : "",
            ImportField.Cell => row.NewCell is { } n ? $"{n} (chi bộ mới)" : row.CellName,
            ImportField.Status when m is not null => Lookups.StatusName(m.Status) + (m.IsExempt ? " (miễn sinh hoạt)" : "") + (m.OnTemporaryTransfer ? " (tạm chuyển sinh hoạt)" : ""),
            // The decision date has no precision of its own: a year is stored as its first day, and shown so.
            ImportField.AdmissionDecisionDate => Date(m?.AdmissionDecisionDate, DatePrecision.Day),
            ImportField.AdmissionDecisionNumber => m?.AdmissionDecisionNumber ?? "",
            ImportField.CeremonyDate => Date(m?.CeremonyDate, row.CeremonyPrecision),
            ImportField.OfficialDate => Date(m?.OfficialDate, row.OfficialPrecision),
            ImportField.PartyCardNumber => m?.PartyCardNumber ?? "",
            ImportField.Notes => m?.Notes ?? c?.Notes ?? "",
            ImportField.AddedOn => Date(c?.AddedOn, DatePrecision.Day),
            ImportField.Female => p.Gender is { } female ? Lookups.GenderName(female) : "",
            ImportField.YouthUnion => p.IsYouthUnionMember ? "Có" : "",
            ImportField.TradeUnion => p.IsTradeUnionMember ? "Có" : "",
            ImportField.Sources => c is null ? "" : string.Join(", ", c.SourceCategoryIds.Select(id => sources.GetValueOrDefault(id, ""))),
            _ => "",
        };
    }
}
