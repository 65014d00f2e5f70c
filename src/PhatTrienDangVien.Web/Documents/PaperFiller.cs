using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Auditing;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Export;

namespace PhatTrienDangVien.Web.Documents;

/// <summary>A paper a command made (Word, Excel), as the page and the API hand it out.</summary>
public sealed record Paper(byte[] Content, string FileName, string ContentType)
{
    public const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
}

/// <summary>
/// Fills one of the commune's current Word templates (Mẫu biểu mẫu Word) and hands the file out: the template's package
/// checked first, the values and table rows (or one page per person) filled in, the download put on the access trail,
/// the file named with the day. Every paper of the class and the rating goes through here.
/// </summary>
public sealed class PaperFiller(Access access, FormTemplates templates, AccessTrail trail, Exporter exporter)
{
    /// <param name="rows">Rows of the template's table that holds <c>{{stt}}</c>, one per item; null when it has none.</param>
    /// <param name="pages">One filled copy of the whole template per item (certificates); null for a single paper.</param>
    /// <param name="list">What the access trail names the download.</param>
    /// <param name="count">How many people or lines it gives out, for the trail.</param>
    public async Task<Outcome<Paper>> FillAsync(string key, IReadOnlyDictionary<string, string> values, IReadOnlyList<IReadOnlyDictionary<string, string>>? rows,
        IReadOnlyList<IReadOnlyDictionary<string, string>>? pages, string stem, string list, int count, CancellationToken ct)
    {
        var form = FormCatalog.Find(key) ?? throw new ArgumentException($"No form {key} in the catalogue.", nameof(key));
        var template = await templates.CurrentAsync(access.Scope.CommuneId, form, ct);
        // A template stored before packages were checked may still hold what is now refused: it is not filled.
        if (DocxPackage.Problem(template.Content) is { } unsafeTemplate)
            return Outcome<Paper>.Invalid("Template", unsafeTemplate + " (mẫu đang dùng; văn phòng hãy thay hoặc về mẫu mặc định.)");
        var bytes = pages is not null ? DocxTemplate.FillPages(template.Content, pages) : DocxTemplate.Fill(template.Content, values, rows is null ? null : "stt", rows);
        await trail.ExportedAsync(list, count, ct);
        return Outcome<Paper>.Done(new Paper(bytes, exporter.Dated(stem, "docx"), Paper.DocxType));
    }
}
