using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Common;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Core.Reference;
using PhatTrienDangVien.Core.Text;
using PhatTrienDangVien.Web.Admission;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Auditing;
using PhatTrienDangVien.Web.Calendar;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.People;

namespace PhatTrienDangVien.Web.Import;

/// <summary>What the user chose on the preview, kept with the uploaded file (<see cref="ImportUpload.Mapping"/>).</summary>
public sealed class ImportChoices
{
    /// <summary>Column letter → field; a column not listed keeps its guessed field.</summary>
    public Dictionary<string, ImportField> Columns { get; set; } = [];
    /// <summary>The cell of every row whose file has no cell column (a cell's own list).</summary>
    public int? DefaultCellId { get; set; }
    /// <summary>The source of every candidate row that names none.</summary>
    public int? DefaultSourceId { get; set; }
    /// <summary>Folded names of the unknown cells the user asked to create.</summary>
    public List<string> CreateCells { get; set; } = [];

    private static readonly JsonSerializerOptions s_json = new();

    public static ImportChoices Parse(string? json)
    {
        if (string.IsNullOrEmpty(json)) return new();
        try
        {
            return JsonSerializer.Deserialize<ImportChoices>(json, s_json) ?? new();
        }
        catch (JsonException)
        {
            return new();
        }
    }

    public string ToJson() => JsonSerializer.Serialize(this, s_json);
}

/// <summary>
/// A problem of one row (Row 0: of the file), in Vietnamese, naming the row and the column as Excel shows them;
/// <paramref name="Order"/> is the column's place in the file, so that a row's messages read left to right.
/// </summary>
public sealed record ImportIssue(int Row, string? Column, string Message, int Order = int.MaxValue)
{
    /// <summary>The sheet of the row when the register spans several sheets; its place among them, to sort by.</summary>
    public string? Sheet { get; init; }
    public int SheetOrder { get; init; }

    public override string ToString() => Row == 0 ? Message : Column is null ? $"{RowPlace.Of(Sheet, Row, true)}: {Message}" : $"{RowPlace.Of(Sheet, Row, true)}, cột {Column}: {Message}";
}

/// <summary>A row as a message names it: "dòng 12", or "trang “Ấp Mỹ An”, dòng 12" when the register spans several sheets.</summary>
public static class RowPlace
{
    public static string Of(string? sheet, int row, bool capital = false) =>
        sheet is null ? $"{(capital ? 'D' : 'd')}òng {row}" : $"{(capital ? 'T' : 't')}rang “{sheet}”, dòng {row}";
}

/// <summary>A row ready to come in: the same inputs the forms send, already checked by their own rules.</summary>
public sealed record PlannedRow(int Row, PersonInput Person, MemberInput? Member, CandidateInput? Candidate,
    DatePrecision BirthPrecision, DatePrecision CeremonyPrecision, DatePrecision OfficialPrecision, string CellName, string? NewCell)
{
    public string? Sheet { get; init; }
    public int SheetOrder { get; init; }
    public string Place => RowPlace.Of(Sheet, Row, true);
}

/// <summary>A row whose person is already in the register: reported, not created.</summary>
public sealed record DuplicateRow(int Row, string FullName, string Reason)
{
    public string? Sheet { get; init; }

    public override string ToString() => $"{RowPlace.Of(Sheet, Row, true)}: {FullName} — {Reason}";
}

/// <summary>A column as the preview shows it.</summary>
public sealed record PreviewColumn(string Letter, string Header, ImportField Field);

/// <summary>The preview of an uploaded file: what would come in, what is already there, and every error.</summary>
public sealed class ImportPreview
{
    public required ImportUpload Upload { get; init; }
    public required ImportChoices Choices { get; init; }
    public string SheetName { get; init; } = "";
    /// <summary>Every sheet read (one, or several of one register split per cell).</summary>
    public IReadOnlyList<string> Sheets { get; init; } = [];
    public int HeaderRow { get; init; }
    public List<PreviewColumn> Columns { get; } = [];
    public int RowCount { get; set; }
    public List<PlannedRow> Ready { get; } = [];
    public List<DuplicateRow> Duplicates { get; } = [];
    public List<ImportIssue> Errors { get; } = [];
    public List<ImportIssue> Warnings { get; } = [];
    /// <summary>Cell names the file uses that the commune does not have (folded → as written), with the rows using them.</summary>
    public SortedDictionary<string, (string Name, int Rows)> UnknownCells { get; } = new(StringComparer.Ordinal);
    /// <summary>For an unknown cell (by the same key): the existing cells its name is nearest to, as the preview asks "Có phải …?".</summary>
    public Dictionary<string, IReadOnlyList<string>> NearestCells { get; } = new(StringComparer.Ordinal);
    /// <summary>Rows below the table left out as its footer (totals, signatures), and the first of them.</summary>
    public int FooterRows { get; init; }
    public int? FooterRow { get; init; }
    /// <summary>Earlier imports of the very same file (same SHA-256) that were not undone.</summary>
    public List<ImportBatch> EarlierImports { get; } = [];
    public bool CanCommit => Errors.Count == 0 && Ready.Count > 0;
}

/// <summary>
/// Reads an uploaded file into rows and checks each with the rules of the forms (<see cref="PersonInput"/>,
/// <see cref="MemberInput"/>, <see cref="CandidateInput"/>, the citizen ID check, the engine's source-pool step), then
/// across the file and the register: duplicates in the file are errors; people already in the register are duplicates,
/// reported and skipped, so that importing the same file again doubles nothing. The preview and the commit both run it.
/// </summary>
public sealed class ImportPlanner(AppDbContext db, RuleBookProvider rules, CalendarService calendar, AuditContext who, TimeProvider clock, SheetCache sheets)
{
    private static readonly Dictionary<string, ImportField> s_inputFields = new(StringComparer.Ordinal)
    {
        [nameof(PersonInput.FullName)] = ImportField.FullName, [nameof(PersonInput.DateOfBirth)] = ImportField.DateOfBirth,
        [nameof(PersonInput.Gender)] = ImportField.Gender, [nameof(PersonInput.CitizenId)] = ImportField.CitizenId,
        [nameof(PersonInput.Phone)] = ImportField.Phone, [nameof(PersonInput.EthnicityCode)] = ImportField.Ethnicity,
        [nameof(PersonInput.ReligionCode)] = ImportField.Religion, [nameof(PersonInput.GeneralEducationGrade)] = ImportField.GeneralEducation,
        [nameof(PersonInput.ProfessionalEducationCode)] = ImportField.ProfessionalEducation, [nameof(PersonInput.PoliticalTheoryCode)] = ImportField.PoliticalTheory,
        [nameof(PersonInput.Occupation)] = ImportField.Occupation, [nameof(PersonInput.Workplace)] = ImportField.Workplace,
        [nameof(PersonInput.Address)] = ImportField.Address, [nameof(PersonInput.HamletId)] = ImportField.Hamlet,
        [nameof(MemberInput.CellId)] = ImportField.Cell, [nameof(MemberInput.Status)] = ImportField.Status,
        [nameof(MemberInput.AdmissionDecisionDate)] = ImportField.AdmissionDecisionDate, [nameof(MemberInput.AdmissionDecisionNumber)] = ImportField.AdmissionDecisionNumber,
        [nameof(MemberInput.CeremonyDate)] = ImportField.CeremonyDate, [nameof(MemberInput.OfficialDate)] = ImportField.OfficialDate,
        [nameof(MemberInput.PartyCardNumber)] = ImportField.PartyCardNumber, [nameof(MemberInput.Notes)] = ImportField.Notes,
        [nameof(CandidateInput.AddedOn)] = ImportField.AddedOn, [nameof(CandidateInput.SourceCategoryIds)] = ImportField.Sources,
        [nameof(PersonInput.IsYouthUnionMember)] = ImportField.YouthUnion, [nameof(PersonInput.IsTradeUnionMember)] = ImportField.TradeUnion,
    };

    /// <summary>The remembered mapping of the commune for this kind: folded header → field.</summary>
    public async Task<Dictionary<string, ImportField>> RememberedAsync(ImportKind kind, CancellationToken ct)
    {
        var json = await db.ImportMappings.Where(m => m.Kind == kind).Select(m => m.Columns).FirstOrDefaultAsync(ct);
        if (json is null) return [];
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, ImportField>>(json) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    public async Task<(ImportPreview? Preview, string? Error)> PlanAsync(ImportUpload upload, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var remembered = await RememberedAsync(upload.Kind, ct);
        var (sheet, error) = sheets.Read(upload.Content, upload.Kind, remembered);
        if (sheet is null) return (null, error);
        var choices = ImportChoices.Parse(upload.Mapping);
        var preview = new ImportPreview
        {
            Upload = upload, Choices = choices, SheetName = sheet.SheetName, Sheets = sheet.Sheets, HeaderRow = sheet.HeaderRow, RowCount = sheet.Rows.Count,
            FooterRows = sheet.FooterRows, FooterRow = sheet.FooterRow,
        };
        foreach (var c in sheet.Columns)
        {
            var field = choices.Columns.TryGetValue(c.Letter, out var chosen) ? chosen : RegisterSheet.Field(c.Header, upload.Kind, remembered);
            if (field != ImportField.None && !ImportFields.For(upload.Kind).Any(d => d.Field == field)) field = ImportField.None;
            preview.Columns.Add(new PreviewColumn(c.Letter, c.Header, field));
        }
        var dup = preview.Columns.Where(c => c.Field != ImportField.None).GroupBy(c => c.Field).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null)
            preview.Errors.Add(new ImportIssue(0, null, $"Hai cột cùng được gán cho “{ImportFields.Label(dup.Key)}” ({string.Join(", ", dup.Select(c => c.Letter))}); hãy để một cột là “bỏ qua”."));
        if (preview.Columns.All(c => c.Field != ImportField.FullName))
            preview.Errors.Add(new ImportIssue(0, null, "Chưa có cột nào là “Họ và tên”."));
        preview.EarlierImports.AddRange(await db.ImportBatches.AsNoTracking()
            .Where(b => b.FileSha256 == upload.FileSha256 && b.UndoneAtUtc == null).OrderBy(b => b.Id).ToListAsync(ct));
        if (sheet.Sheets.Count > 1)
            preview.Warnings.Add(new ImportIssue(0, null,
                $"Đọc {sheet.Sheets.Count} trang có cùng các cột: {string.Join(", ", sheet.Sheets.Select(n => $"“{n}”"))}. Mỗi lỗi ghi rõ trang và dòng."));
        if (sheet.SkippedSheets.Count > 0)
            preview.Warnings.Add(new ImportIssue(0, null,
                $"Không đọc {string.Join("; ", sheet.SkippedSheets.Select(k => $"trang “{k.Name}” ({k.Why})"))}: nếu các trang này cũng là danh sách cần nhập, hãy sửa dòng tiêu đề cho giống trang “{sheet.SheetName}”, hoặc chép sang một tệp riêng rồi nhập."));
        if (sheet.RepeatedHeaders > 0)
            preview.Warnings.Add(new ImportIssue(0, null, $"Bỏ qua {sheet.RepeatedHeaders} dòng tiêu đề lặp lại giữa bảng (danh sách in nhiều trang ghép lại)."));
        if (sheet.FooterRows > 0)
            preview.Warnings.Add(new ImportIssue(0, null, sheet.Sheets.Count > 1
                ? $"Bỏ qua {sheet.FooterRows} dòng cuối bảng (tổng cộng, chữ ký): {string.Join("; ", sheet.Footers.Select(f => $"trang “{f.Sheet}” từ dòng {f.FirstRow}"))}; không phải là dữ liệu nên không được nhập."
                : $"Bỏ qua {sheet.FooterRows} dòng cuối bảng (tổng cộng, chữ ký), từ dòng {sheet.FooterRow}: không phải là dữ liệu nên không được nhập."));
        // Rows a filter hides in Excel: the file holds them and they come in, which the clerk looking at the filtered
        // list would not expect.
        var hidden = sheet.Rows.Where(r => r.Hidden).ToList();
        if (hidden.Count > 0)
            preview.Warnings.Add(new ImportIssue(0, null,
                $"{hidden.Count} dòng đang bị ẩn trong Excel (lọc) vẫn được nhập: {string.Join(", ", hidden.Take(50).Select(r => RowPlace.Of(r.Sheet, r.Number)))}{(hidden.Count > 50 ? "…" : "")}. Nếu không muốn nhập các dòng này, hãy xóa chúng khỏi tệp rồi tải lên lại."));
        if (preview.Errors.Count > 0) return (preview, null);
        await CheckRowsAsync(preview, sheet, ct);
        return (preview, null);
    }

    private sealed record Known(int PersonId, string Folded, DateOnly Born, DatePrecision Precision, string? CitizenId, string What);

    private async Task CheckRowsAsync(ImportPreview preview, RegisterSheet sheet, CancellationToken ct)
    {
        var kind = preview.Upload.Kind;
        var today = VietnamTime.Today(clock);
        var columns = preview.Columns.Where(c => c.Field != ImportField.None).ToDictionary(c => c.Field);
        string ColumnName(ImportField f) => columns.TryGetValue(f, out var c) ? $"{c.Letter} ({c.Header})" : ImportFields.Label(f);
        int Order(ImportField f) => columns.TryGetValue(f, out var c) ? preview.Columns.IndexOf(c) : int.MaxValue - 1;

        // The commune's look-ups, once: cells, hamlets, sources, and the people already in the register.
        var cells = await db.Organisations.WholeCommune().AsNoTracking().Where(o => o.Kind == OrganisationKind.Cell)
            .Select(o => new { o.Id, o.Name, o.IsActive }).ToListAsync(ct);
        var cellNames = new CellNames(cells.Select(c => (c.Id, c.Name, c.IsActive)));
        if (preview.Choices.DefaultCellId is { } dc && cells.All(c => c.Id != dc)) preview.Choices.DefaultCellId = null;
        var hamlets = (await db.Hamlets.AsNoTracking().Select(h => new { h.Id, h.Name }).ToListAsync(ct))
            .SelectMany(h => HamletKeys(h.Name).Select(k => (k, h.Id))).DistinctBy(x => x.k).ToDictionary(x => x.k, x => x.Id, StringComparer.Ordinal);
        var sources = await db.SourceCategories.AsNoTracking().Where(s => s.IsActive).Select(s => new { s.Id, s.Code, s.Name }).ToListAsync(ct);
        var sourceList = string.Join(", ", sources.Select(s => $"“{s.Name}”"));
        var sourceTuples = sources.Select(s => (s.Id, s.Code, s.Name)).ToList();
        if (preview.Choices.DefaultSourceId is { } ds && sources.All(s => s.Id != ds)) preview.Choices.DefaultSourceId = null;
        var known = await db.People.AsNoTracking().Select(p => new
        {
            p.Id, p.FullNameFolded, p.DateOfBirth, p.DateOfBirthPrecision, p.CitizenId,
            IsMember = db.Members.WholeCommune().Any(m => m.PersonId == p.Id),
        }).ToListAsync(ct);
        var byName = known.Select(p => new Known(p.Id, p.FullNameFolded, p.DateOfBirth, p.DateOfBirthPrecision, p.CitizenId, p.IsMember ? "đảng viên" : "quần chúng"))
            .ToLookup(p => p.Folded, StringComparer.Ordinal);
        var byCitizenId = known.Where(p => p.CitizenId is not null).ToDictionary(p => p.CitizenId!, p => byName[p.FullNameFolded].First(k => k.PersonId == p.Id), StringComparer.Ordinal);
        var createCells = preview.Choices.CreateCells.ToHashSet(StringComparer.Ordinal);

        if (kind == ImportKind.Members && !columns.ContainsKey(ImportField.Cell) && preview.Choices.DefaultCellId is null)
            preview.Errors.Add(new ImportIssue(0, null, "Tệp không có cột “Chi bộ”: hãy chọn chi bộ cho mọi dòng, hoặc gán một cột là “Chi bộ”."));
        if (kind == ImportKind.Candidates && !columns.ContainsKey(ImportField.Cell) && preview.Choices.DefaultCellId is null)
            preview.Errors.Add(new ImportIssue(0, null, "Tệp không có cột “Chi bộ”: hãy chọn chi bộ cho mọi dòng, hoặc gán một cột là “Chi bộ”."));
        if (kind == ImportKind.Members && !columns.ContainsKey(ImportField.CeremonyDate))
            preview.Errors.Add(new ImportIssue(0, null, NoCeremonyColumn(preview.Columns, sheet.Title)));
        if (kind == ImportKind.Candidates && !columns.ContainsKey(ImportField.AddedOn))
            preview.Warnings.Add(new ImportIssue(0, null, $"Tệp không có cột “Ngày đưa vào danh sách nguồn”: các quần chúng được ghi vào danh sách nguồn từ hôm nay ({today:dd'/'MM'/'yyyy})."));
        if (preview.Errors.Count > 0) return;

        var ruleBook = await rules.GetAsync(ct);
        var context = StepContext.From(ruleBook, await calendar.GetAsync(ct), clock, who.UserName);
        // The term the dashboard counts: a ceremony known only to its year or month is stored on its first day, which
        // may fall before the term although the admission itself may lie in it.
        var term = await Planning.PlanData.CurrentTermAsync(db, today, ct) is { } t ? Core.Planning.PlanTerm.Of(t, 0) : null;
        var uncounted = new List<(string Row, string Name, string Date)>();
        var seenCitizenIds = new Dictionary<string, string>(StringComparer.Ordinal);
        var seenPeople = new Dictionary<string, List<(int Row, string Place, DateOnly Born, DatePrecision P, string? CitizenId)>>(StringComparer.Ordinal);
        var candidateCitizenIds = new List<(PlannedRow Row, string CitizenId)>();

        // Names typed all in capitals (or all small) are written as every list and form writes a name.
        var recased = new List<string>();
        foreach (var row in sheet.Rows)
        {
            var issues = new List<ImportIssue>();
            void Fail(ImportField f, string message) => issues.Add(Issue(row, ColumnName(f), message, Order(f)));
            // A column of marks: "x" (or "v", "1", "có", a tick) is yes, empty is no; null when the file has no such column.
            bool? Marked(ImportField f)
            {
                if (!columns.ContainsKey(f)) return null;
                var text = Text(f);
                switch (text is null ? "" : VietnameseText.Fold(text).Trim())
                {
                    case "": case "khong": case "0": return false;
                    case "x" or "v" or "1" or "co" or "nu" or "\u2713" or "\u2714" or "\u221a" or "true": return true;
                    default: Fail(f, $"“{text}” không phải là dấu đánh: hãy ghi x hoặc để trống."); return null;
                }
            }
            object? Raw(ImportField f) => columns.TryGetValue(f, out var c) && row.Cells.TryGetValue(c.Letter, out var v) ? v : null;
            string? Text(ImportField f) => CellText(Raw(f), f);
            ImportDate? Date(ImportField f)
            {
                var raw = Raw(f);
                if (raw is string s && s.StartsWith('#')) { Fail(f, $"ô có lỗi công thức ({s})"); return null; }
                var (d, error) = ImportDates.Read(raw, today);
                if (error is not null) Fail(f, error);
                return d;
            }

            var name = Text(ImportField.FullName);
            if (ProperCase(name) is { } proper && proper != name)
            {
                recased.Add($"{RowPlace.Of(row.Sheet, row.Number)} ({proper})");
                name = proper;
            }
            var born = Date(ImportField.DateOfBirth);
            var person = new PersonInput { FullName = name ?? "", DateOfBirth = born?.Date, CitizenId = Text(ImportField.CitizenId), Phone = Text(ImportField.Phone) };
            var citizenCheck = person.CitizenId is { } cid ? CitizenId.Check(cid.Replace(" ", "", StringComparison.Ordinal), born?.Date.Year, null) : null;
            // A register's "Nữ" column marks the women with "x": unmarked rows are men (when no Giới tính column says otherwise).
            var female = Marked(ImportField.Female);
            switch (VietnameseText.Fold(Text(ImportField.Gender)))
            {
                case "" when female is { } isWoman: person.Gender = isWoman ? Gender.Female : Gender.Male; break;
                case "nam" or "m" or "male": person.Gender = Gender.Male; break;
                case "nu" or "f" or "female": person.Gender = Gender.Female; break;
                case "" when citizenCheck is { DecodedGender: { } g }: person.Gender = g; break;
                case "": Fail(ImportField.Gender, "chưa ghi giới tính (Nam hoặc Nữ)."); break;
                default: Fail(ImportField.Gender, $"“{Text(ImportField.Gender)}” không phải là giới tính; hãy ghi Nam hoặc Nữ."); break;
            }
            if (Text(ImportField.Ethnicity) is { } eth)
            {
                if ((Ethnicities.Find(eth) ?? Ethnicities.FindByName(eth)) is { } e) person.EthnicityCode = e.Code;
                else Fail(ImportField.Ethnicity, $"dân tộc “{eth}” không có trong danh mục 54 dân tộc.");
            }
            if (Text(ImportField.Religion) is { } rel)
            {
                if (ImportCatalogues.Religion(rel) is { } r) person.ReligionCode = r.Code;
                else Fail(ImportField.Religion, $"tôn giáo “{rel}” không có trong danh mục.{ImportCatalogues.Hint(rel, Religions.All)}");
            }
            if (Text(ImportField.GeneralEducation) is { } edu)
            {
                if (ImportCatalogues.General(edu) is { } grade) person.GeneralEducationGrade = grade;
                else Fail(ImportField.GeneralEducation, $"“{edu}” không phải là lớp của giáo dục phổ thông; hãy ghi như 12/12, 9/12 hoặc Lớp 9.");
            }
            if (Text(ImportField.ProfessionalEducation) is { } pro)
            {
                if (ImportCatalogues.Professional(pro) is { } p) person.ProfessionalEducationCode = p.Code;
                else Fail(ImportField.ProfessionalEducation, $"trình độ chuyên môn “{pro}” không có trong danh mục.{ImportCatalogues.Hint(pro, ProfessionalEducationLevels.All)}");
            }
            if (Text(ImportField.PoliticalTheory) is { } pol)
            {
                if (ImportCatalogues.Theory(pol) is { } p) person.PoliticalTheoryCode = p.Code;
                else Fail(ImportField.PoliticalTheory, $"trình độ lý luận chính trị “{pol}” không có trong danh mục.{ImportCatalogues.Hint(pol, PoliticalTheoryLevels.All)}");
            }
            person.IsYouthUnionMember = Marked(ImportField.YouthUnion) ?? false;
            person.IsTradeUnionMember = Marked(ImportField.TradeUnion) ?? false;
            person.Occupation = Text(ImportField.Occupation);
            person.Workplace = Text(ImportField.Workplace);
            person.Address = Text(ImportField.Address);
            if (Text(ImportField.Hamlet) is { } hamlet)
            {
                if (HamletKeys(hamlet).Select(k => hamlets.TryGetValue(k, out var id) ? id : (int?)null).FirstOrDefault(id => id is not null) is { } hid) person.HamletId = hid;
                else Fail(ImportField.Hamlet, $"ấp “{hamlet}” chưa có trong danh mục ấp của xã (trang Ấp).");
            }
            // Registers without a hamlet column write it in the address ("Tổ 4, Ấp Mỹ An"): one hamlet of the commune
            // named there, as whole words, is taken; none or several leave it empty (and the preview says how many).
            else if (!columns.ContainsKey(ImportField.Hamlet) && person.Address is { } address && HamletIn(address, hamlets) is { } inAddress)
                person.HamletId = inAddress;

            // The cell: by name (with or without "Chi bộ"), or the one chosen for every row; unknown ones may be created.
            int? cellId = preview.Choices.DefaultCellId;
            string cellName = cellId is { } d0 ? cells.First(c => c.Id == d0).Name : "";
            string? newCell = null;
            if (Text(ImportField.Cell) is { } cellText)
            {
                var (hit, ambiguous) = cellNames.Find(cellText);
                if (hit is { } found) (cellId, cellName) = found;
                else if (ambiguous.Count > 0)
                    Fail(ImportField.Cell, $"“{cellText}” có thể là {Quoted(ambiguous)}: hãy ghi đủ tên chi bộ.");
                else
                {
                    var key = CellNames.Key(cellText);
                    var label = CellNames.Label(cellText);
                    var nearest = cellNames.Nearest(cellText);
                    preview.UnknownCells[key] = (label, preview.UnknownCells.TryGetValue(key, out var u) ? u.Rows + 1 : 1);
                    if (nearest.Count > 0) preview.NearestCells[key] = nearest;
                    if (createCells.Contains(key))
                    {
                        // The new cell is checked as the organisation form checks one (its name's length above all).
                        var cellErrors = new Errors();
                        cellErrors.Annotations(new Organisations.OrganisationInput { Name = label, Kind = OrganisationKind.Cell, CellKind = CellKind.Other }, "Cell.");
                        if (cellErrors.List.Count > 0) Fail(ImportField.Cell, $"không tạo được chi bộ mới “{(label.Length > 60 ? label[..60] + "…" : label)}”: {string.Join(" ", cellErrors.List.Select(e => e.Message))}");
                        else { newCell = label; cellName = label; cellId = -1; }
                    }
                    else if (nearest.Count > 0)
                        Fail(ImportField.Cell, $"chi bộ “{cellText}” chưa có trong xã. Có phải {Quoted(nearest)}? Nếu đúng, hãy sửa tên trong tệp; nếu là chi bộ mới, chọn “Tạo chi bộ mới” ở bảng chi bộ chưa có.");
                    else Fail(ImportField.Cell, $"chi bộ “{cellText}” chưa có trong xã: chọn “Tạo chi bộ mới” ở bảng chi bộ chưa có, hoặc sửa tên cho đúng.");
                }
            }
            else if (cellId is null) Fail(ImportField.Cell, "chưa ghi chi bộ.");

            MemberInput? member = null;
            CandidateInput? candidate = null;
            ImportDate? ceremony = null, official = null, decision = null;
            if (kind == ImportKind.Members)
            {
                decision = Date(ImportField.AdmissionDecisionDate);
                ceremony = Date(ImportField.CeremonyDate);
                official = Date(ImportField.OfficialDate);
                member = new MemberInput
                {
                    CellId = cellId ?? -1, AdmissionDecisionDate = decision?.Date, AdmissionDecisionNumber = Text(ImportField.AdmissionDecisionNumber),
                    CeremonyDate = ceremony?.Date, OfficialDate = official?.Date, PartyCardNumber = Text(ImportField.PartyCardNumber), Notes = Text(ImportField.Notes),
                };
                var statusText = Text(ImportField.Status);
                var status = ReadStatus(statusText);
                switch (VietnameseText.Fold(statusText))
                {
                    // Exempt from cell meetings (old age, illness): an official member with the flag the member form sets.
                    case "mien sinh hoat" or "mien sh" or "dang vien mien sinh hoat" or "mien sinh hoat dang" or "duoc mien sinh hoat":
                        status = MemberStatus.Official;
                        member.IsExempt = true;
                        break;
                    // Attending another organisation for a while: still this commune's member, status from the dates.
                    case "tam chuyen sinh hoat" or "chuyen sinh hoat tam thoi" or "sinh hoat tam thoi" or "tam chuyen" or "dang vien tam chuyen sinh hoat":
                        member.OnTemporaryTransfer = true;
                        break;
                    // Expulsion is a discipline with its own decision, not a removal from the roll: never "Xóa tên" silently.
                    case "khai tru" or "bi khai tru" or "da khai tru" or "da bi khai tru":
                        Fail(ImportField.Status, "“Khai trừ” không nhập được từ tệp: phần mềm chưa có tình trạng này. Hãy ghi tình trạng trước khi bị khai trừ (hoặc bỏ dòng này khỏi tệp) rồi ghi việc khai trừ ở trang của đảng viên.");
                        break;
                    default:
                        if (statusText is not null && status is null)
                            Fail(ImportField.Status, $"“{statusText}” không phải là tình trạng đảng viên; hãy ghi Dự bị, Chính thức, Miễn sinh hoạt, Tạm chuyển sinh hoạt, Chuyển đi, Từ trần hoặc Xóa tên.");
                        break;
                }
                // No status written: official once a date of recognition is known or probation is surely long over (two
                // years after the ceremony's last possible day); a ceremony that may lie 12–24 months back without an
                // official date is still probationary, so that a recognition not yet recorded shows as overdue instead of
                // the member silently leaving the probation report. A ceremony known only to its year or month counts from
                // its last day: "2025" may be 31/12/2025, so it cannot make anyone official in 2026 (decision 0022).
                var ceremonyLatest = ceremony is { } cl ? LastDay(cl.Date, cl.Precision) : (DateOnly?)null;
                member.Status = status ?? (official is not null || ceremony is not null && ceremonyLatest <= today.AddYears(-2) ? MemberStatus.Official : MemberStatus.Probationary);
                if (status is null && official is null && ceremony is { } pending && ceremonyLatest > today.AddYears(-2))
                {
                    if (pending.Precision != DatePrecision.Day && pending.Date <= today.AddYears(-1))
                        preview.Warnings.Add(Issue(row, ColumnName(ImportField.CeremonyDate),
                            $"ngày vào Đảng chỉ ghi {(pending.Precision == DatePrecision.Year ? "năm" : "tháng")} {pending} nên không biết đã đủ 12 tháng dự bị chưa: ghi là Dự bị (việc công nhận chính thức có thể hiện là quá hạn). Hãy ghi đủ ngày vào Đảng, và ngày chính thức nếu đã được công nhận.",
                            Order(ImportField.CeremonyDate)));
                    else if (pending.Date <= today.AddYears(-1))
                        preview.Warnings.Add(Issue(row, ColumnName(ImportField.OfficialDate),
                            $"chưa có ngày chính thức: ghi là Dự bị (vào Đảng {pending}, đã quá 12 tháng dự bị, nên việc công nhận chính thức sẽ hiện là quá hạn). Nếu đã được công nhận, hãy ghi ngày chính thức vào tệp.",
                            Order(ImportField.OfficialDate)));
                }
                // A member without a ceremony date would count nowhere and be inferred anything: a list of candidates
                // uploaded as members must not make them members.
                if (ceremony is null && Raw(ImportField.CeremonyDate) is null && member.Status is MemberStatus.Probationary or MemberStatus.Official)
                    Fail(ImportField.CeremonyDate, "chưa ghi ngày vào Đảng (ngày lễ kết nạp): đảng viên dự bị hay chính thức phải có ngày này.");
                if (member.Status == MemberStatus.Official && official is null && ceremony is { } cer && cer.Date > today.AddYears(-1))
                    Fail(ImportField.Status, $"ghi là chính thức nhưng ngày vào Đảng {cer} chưa đủ 12 tháng dự bị; hãy ghi ngày chính thức hoặc để là Dự bị.");
                // "Chính thức" with a ceremony known only to a year or month that may lie within the last 12 months: the
                // register cannot tell that probation was served; the full date (or the official date) settles it.
                else if (member.Status == MemberStatus.Official && official is null && ceremony is { } coarseCer && coarseCer.Precision != DatePrecision.Day
                    && ceremonyLatest > today.AddYears(-1))
                    Fail(ImportField.CeremonyDate, $"ghi là chính thức nhưng ngày vào Đảng chỉ ghi {(coarseCer.Precision == DatePrecision.Year ? "năm" : "tháng")} {coarseCer}, có thể chưa đủ 12 tháng dự bị; hãy ghi đủ ngày vào Đảng (ngày/tháng/năm) hoặc ghi ngày chính thức.");
            }
            else
            {
                var added = Date(ImportField.AddedOn);
                var sourceIds = new List<int>();
                if (Text(ImportField.Sources) is { } src)
                {
                    var (found, unknown) = ImportCatalogues.Sources(src, sourceTuples);
                    sourceIds.AddRange(found);
                    foreach (var part in unknown)
                        Fail(ImportField.Sources, sources.Count == 0 ? $"nguồn “{part}” không có trong danh mục nguồn của xã (xã chưa có nguồn nào đang dùng)."
                            : $"nguồn “{part}” không có trong danh mục nguồn của xã; các nguồn của xã: {sourceList}.");
                }
                else if (preview.Choices.DefaultSourceId is { } defaultSource) sourceIds.Add(defaultSource);
                candidate = new CandidateInput { CellId = cellId ?? -1, AddedOn = added?.Date ?? today, SourceCategoryIds = sourceIds, Notes = Text(ImportField.Notes) };
            }

            // The forms' own checks, with the forms' messages, on the fields the cell gave.
            var errors = new Errors();
            errors.Annotations(person, "Person.");
            // The citizen ID's contradictions with the row (its sex or century digit): the form's warnings, kept.
            var personWarnings = await person.ValidateAsync(errors, "Person.", db, null, today, ct);
            if (member is not null)
            {
                errors.Annotations(member, "Member.");
                member.Validate(errors, "Member.", today, person.DateOfBirth);
            }
            if (candidate is not null)
            {
                errors.Annotations(candidate, "Candidate.");
                if (candidate.SourceCategoryIds.Count == 0)
                    errors.Add("Candidate.SourceCategoryIds", "chưa ghi nguồn: hãy ghi cột “Nguồn” hoặc chọn nguồn cho mọi dòng.");
                else await candidate.ValidateAsync(errors, "Candidate.", db, today, ct);
                if (candidate.AddedOn is { } a && person.DateOfBirth is { } b && a < b)
                    errors.Add("Candidate.AddedOn", "Ngày đưa vào danh sách nguồn không thể trước ngày sinh.");
            }
            // The form compares exact days; a date the register gives only as a year or month is compared at that precision.
            var coarse = ceremony is { } cy && official is { } oy && (cy.Precision != DatePrecision.Day || oy.Precision != DatePrecision.Day);
            if (coarse)
            {
                var (earliest, verdict) = ProbationAtPrecision(ceremony!.Value, official!.Value);
                if (verdict == Probation.Short)
                    Fail(ImportField.OfficialDate, $"ngày chính thức {official} sớm hơn 12 tháng dự bị kể từ ngày lễ kết nạp {ceremony}: phải từ {earliest} trở đi (Điều lệ Đảng, Điều 5).");
                else if (verdict == Probation.Unknown)
                    preview.Warnings.Add(Issue(row, ColumnName(ImportField.OfficialDate),
                        $"ngày chính thức {official} và ngày lễ kết nạp {ceremony} không đủ ngày tháng để kiểm tra đủ 12 tháng dự bị; hãy kiểm tra trong hồ sơ.", Order(ImportField.OfficialDate)));
            }
            foreach (var e in errors.List.DistinctBy(e => e.Field + e.Message))
            {
                if (coarse && e.Field.EndsWith("." + nameof(MemberInput.OfficialDate), StringComparison.Ordinal) && e.Message.StartsWith("Ngày chính thức phải sau ít nhất 12 tháng", StringComparison.Ordinal))
                    continue;
                var property = e.Field[(e.Field.IndexOf('.', StringComparison.Ordinal) + 1)..];
                if (s_inputFields.TryGetValue(property, out var f))
                {
                    // A field the cell left empty and the check reports as required: say it plainly.
                    if (issues.Any(i => i.Column == ColumnName(f))) continue;
                    Fail(f, e.Message);
                }
                else issues.Add(Issue(row, null, e.Message, int.MaxValue));
            }
            if (candidate is not null && issues.Count == 0 && person.DateOfBirth is { } dob)
            {
                try
                {
                    new AdmissionCase(0, dob).RecordSourcePool(new SimpleStepInput { Date = candidate.AddedOn!.Value }, context);
                }
                catch (DomainException e)
                {
                    Fail(ImportField.AddedOn, e.Message);
                }
            }
            if (issues.Count > 0)
            {
                preview.Errors.AddRange(issues);
                continue;
            }

            // Across the file and the register.
            var folded = VietnameseText.Fold(person.FullName);
            var planned = new PlannedRow(row.Number, person, member, candidate, born!.Value.Precision,
                ceremony?.Precision ?? DatePrecision.Day, official?.Precision ?? DatePrecision.Day, cellName, newCell)
            {
                Sheet = row.Sheet, SheetOrder = row.SheetOrder,
            };
            if (person.CitizenId is { } number)
            {
                if (seenCitizenIds.TryGetValue(number, out var first))
                {
                    preview.Errors.Add(Issue(row, ColumnName(ImportField.CitizenId), $"trùng số CCCD với {first}."));
                    continue;
                }
                seenCitizenIds[number] = RowPlace.Of(row.Sheet, row.Number);
                if (byCitizenId.TryGetValue(number, out var holder))
                {
                    preview.Duplicates.Add(new DuplicateRow(row.Number, person.FullName, $"Đã có trong hệ thống (cùng số CCCD, là {holder.What}).") { Sheet = row.Sheet });
                    continue;
                }
            }
            var sameBirthInFile = seenPeople.TryGetValue(folded, out var list)
                ? list.Where(p => SameBirth(p.Born, p.P, person.DateOfBirth!.Value, planned.BirthPrecision)).ToList()
                : [];
            var sameInFile = sameBirthInFile.FirstOrDefault(p => p.CitizenId is null || person.CitizenId is null);
            if (sameInFile.Row != 0)
            {
                preview.Errors.Add(Issue(row, ColumnName(ImportField.FullName),
                    $"có thể trùng người với {sameInFile.Place} (cùng họ tên và ngày sinh); nếu là hai người, hãy ghi số CCCD của cả hai.", Order(ImportField.FullName)));
                continue;
            }
            // Two different citizen IDs: two people as far as the file says, as for a namesake already in the register.
            if (sameBirthInFile.Count > 0)
                preview.Warnings.Add(Issue(row, null,
                    $"{person.FullName}: cùng họ tên và ngày sinh với {sameBirthInFile[0].Place} nhưng khác số CCCD; {sameBirthInFile[0].Place} và {RowPlace.Of(row.Sheet, row.Number)} được nhập như hai người. Nếu là một người, hãy xóa một dòng."));
            (list ??= seenPeople[folded] = []).Add((row.Number, RowPlace.Of(row.Sheet, row.Number), person.DateOfBirth!.Value, planned.BirthPrecision, person.CitizenId));
            var match = byName[folded].FirstOrDefault(k => SameBirth(k.Born, k.Precision, person.DateOfBirth!.Value, planned.BirthPrecision));
            if (match is not null && (match.CitizenId is null || person.CitizenId is null))
            {
                preview.Duplicates.Add(new DuplicateRow(row.Number, person.FullName, $"Có thể đã có trong hệ thống (cùng họ tên và ngày sinh, là {match.What}).") { Sheet = row.Sheet });
                continue;
            }
            if (match is not null)
                preview.Warnings.Add(Issue(row, null, $"{person.FullName}: cùng họ tên và ngày sinh với một {match.What} đã có nhưng khác số CCCD; được nhập như một người khác."));
            // The age limit is the one at admission: the age on the ceremony day (or, without one, on the decision's
            // day), never today's age — a member admitted at 59 is 70 years later no exception to the rule.
            if (member is not null && (ceremony ?? decision) is { } cp)
            {
                var admitted = cp.Date;
                var admittedField = ceremony is not null ? ImportField.CeremonyDate : ImportField.AdmissionDecisionDate;
                // The youngest the person can have been: a birth date known to its year or month counts from its last day.
                var bornLatest = LastDay(person.DateOfBirth!.Value, planned.BirthPrecision);
                var maxMonths = ruleBook.At(admitted).MaxAgeMonths;
                if (admitted >= bornLatest && Age.FullMonths(bornLatest, admitted) > maxMonths)
                    preview.Warnings.Add(Issue(row, ColumnName(admittedField),
                        $"{person.FullName} vào Đảng ({cp}) khi đã {Age.FullMonths(bornLatest, admitted) / 12} tuổi, quá {maxMonths / 12} tuổi: cần văn bản đồng ý của Ban Thường vụ Tỉnh ủy; hãy kiểm tra hồ sơ có văn bản này.",
                        Order(admittedField)));
            }
            if (member?.CeremonyDate is { } admittedOn && ceremony is { } cp2)
            {
                if (term is not null && cp2.Precision != DatePrecision.Day && admittedOn < term.Start && LastDay(admittedOn, cp2.Precision) >= term.Start)
                    uncounted.Add((RowPlace.Of(row.Sheet, row.Number), person.FullName, cp2.ToString()));
            }
            if (person.CitizenId is { } c2) candidateCitizenIds.Add((planned, c2));
            foreach (var w in personWarnings)
                preview.Warnings.Add(Issue(row, ColumnName(ImportField.CitizenId), w, Order(ImportField.CitizenId)));
            preview.Ready.Add(planned);
        }

        // Citizen IDs held in another commune of the installation: the same message as the form, naming nothing.
        var numbers = candidateCitizenIds.Select(c => c.CitizenId).ToList();
        var elsewhere = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in numbers.Chunk(500))
        {
            // Bypass reviewed: uniqueness is a fact of the installation, and nothing of the other record is read or shown.
            elsewhere.UnionWith(await db.People.IgnoreQueryFilters().Where(p => p.CitizenId != null && chunk.Contains(p.CitizenId) && p.CommuneId != db.Scope.CommuneId)
                .Select(p => p.CitizenId!).ToListAsync(ct));
        }
        foreach (var (row, number) in candidateCitizenIds.Where(c => elsewhere.Contains(c.CitizenId)))
        {
            preview.Ready.Remove(row);
            preview.Errors.Add(new ImportIssue(row.Row, ColumnName(ImportField.CitizenId), "Không dùng được số CCCD này; hãy liên hệ Văn phòng Đảng ủy để kiểm tra.") { Sheet = row.Sheet, SheetOrder = row.SheetOrder });
        }
        if (recased.Count > 0)
            preview.Warnings.Add(new ImportIssue(0, null,
                $"{recased.Count} họ tên viết toàn chữ in hoa hoặc toàn chữ thường được ghi lại theo cách viết thường dùng: "
                + string.Join("; ", recased.Take(20)) + (recased.Count > 20 ? "…" : "") + "."));
        if (preview.Ready.Count(r => r.Person.HamletId is null) is var noHamlet and > 0)
            preview.Warnings.Add(new ImportIssue(0, null, columns.ContainsKey(ImportField.Hamlet)
                ? $"{noHamlet} dòng chưa ghi ấp nơi cư trú: báo cáo theo ấp sẽ không tính những người này cho ấp nào."
                : $"Tệp không có cột “Ấp” và địa chỉ của {noHamlet} dòng không nêu tên một ấp của xã: báo cáo theo ấp sẽ không tính những người này cho ấp nào. Có thể thêm cột “Ấp” rồi tải lên lại."));
        if (uncounted.Count > 0)
            preview.Warnings.Add(new ImportIssue(0, null,
                $"{uncounted.Count} dòng có ngày vào Đảng chỉ ghi năm hoặc tháng, được lưu là ngày đầu năm (đầu tháng) nên không được tính vào số kết nạp của nhiệm kỳ (từ {term!.Start:dd'/'MM'/'yyyy}) và của năm: "
                + string.Join("; ", uncounted.Take(50).Select(u => $"{u.Row} ({u.Name}, {u.Date})")) + (uncounted.Count > 50 ? "…" : "")
                + ". Muốn được tính, hãy ghi đủ ngày/tháng/năm."));
        // Row by row, and within a row in the file's column order (a stable sort: messages of one column keep their order).
        var sorted = preview.Errors.OrderBy(e => e.SheetOrder).ThenBy(e => e.Row).ThenBy(e => e.Order).ToList();
        preview.Errors.Clear();
        preview.Errors.AddRange(sorted);
        var warnings = preview.Warnings.OrderBy(e => e.Row == 0 ? -1 : e.SheetOrder).ThenBy(e => e.Row).ThenBy(e => e.Order).ToList();
        preview.Warnings.Clear();
        preview.Warnings.AddRange(warnings);
    }

    /// <summary>
    /// A members' file without a ceremony date column: refused, and when it looks like a candidate list (candidate-only
    /// columns, a title naming "quần chúng") the message says so first.
    /// </summary>
    private static string NoCeremonyColumn(IEnumerable<PreviewColumn> columns, string title)
    {
        var candidateOnly = columns.Where(c => ImportFields.Guess(c.Header, ImportKind.Candidates) is ImportField.Sources or ImportField.AddedOn)
            .Select(c => $"“{c.Header}”").ToList();
        var hint = candidateOnly.Count > 0 ? $"Tệp có cột {string.Join(", ", candidateOnly)} của danh sách quần chúng ưu tú. "
            : ImportFields.FoldName(title).Contains("quan chung", StringComparison.Ordinal) ? "Tiêu đề của tệp ghi là danh sách quần chúng. " : "";
        return hint + "Tệp không có cột “Ngày vào Đảng”: đảng viên nào cũng phải có ngày vào Đảng (ngày lễ kết nạp). "
            + "Nếu đây là danh sách quần chúng, hãy chọn loại danh sách “Quần chúng ưu tú” khi tải tệp lên; nếu là đảng viên, hãy gán một cột là “Ngày vào Đảng”.";
    }

    private static ImportIssue Issue(SheetRow row, string? column, string message, int order = int.MaxValue) =>
        new(row.Number, column, message, order) { Sheet = row.Sheet, SheetOrder = row.SheetOrder };

    private static string Quoted(IEnumerable<string> names) => string.Join(" hay ", names.Select(n => $"“{n}”"));

    private static DateOnly LastDay(DateOnly first, DatePrecision p) => p switch
    {
        DatePrecision.Year => new DateOnly(first.Year, 12, 31),
        DatePrecision.Month => first.AddMonths(1).AddDays(-1),
        _ => first,
    };

    private enum Probation { Enough, Short, Unknown }

    /// <summary>
    /// Whether an official date is at least 12 months after the ceremony when one of them is known only to its year or
    /// month: surely (the earliest official day is 12 months after the latest ceremony day), surely not (the latest
    /// official day is before 12 months after the earliest ceremony day), or not to be told; and the earliest official
    /// date the precision allows, as the register would write it.
    /// </summary>
    private static (string Earliest, Probation Verdict) ProbationAtPrecision(ImportDate ceremony, ImportDate official)
    {
        var coarsest = (DatePrecision)Math.Max((int)ceremony.Precision, (int)official.Precision);
        var earliest = ImportDate.Show(ceremony.Date.AddYears(1), coarsest);
        if (official.Date >= LastDay(ceremony.Date, ceremony.Precision).AddYears(1)) return (earliest, Probation.Enough);
        if (LastDay(official.Date, official.Precision) < ceremony.Date.AddYears(1)) return (earliest, Probation.Short);
        return (earliest, Probation.Unknown);
    }

    private static bool SameBirth(DateOnly a, DatePrecision pa, DateOnly b, DatePrecision pb) =>
        pa == DatePrecision.Year || pb == DatePrecision.Year ? a.Year == b.Year
        : pa == DatePrecision.Month || pb == DatePrecision.Month ? a.Year == b.Year && a.Month == b.Month
        : a == b;

    private static MemberStatus? ReadStatus(string? text) => VietnameseText.Fold(text) switch
    {
        "" => null,
        "du bi" or "dang vien du bi" or "db" => MemberStatus.Probationary,
        "chinh thuc" or "dang vien chinh thuc" or "ct" => MemberStatus.Official,
        "chuyen di" or "da chuyen di" or "chuyen sinh hoat" or "da chuyen sinh hoat" => MemberStatus.TransferredOut,
        "tu tran" or "da tu tran" or "da mat" => MemberStatus.Deceased,
        "xoa ten" or "da xoa ten" => MemberStatus.Removed,
        "khai tru" or "bi khai tru" or "da khai tru" => MemberStatus.Expelled,
        "ra khoi dang" or "da ra khoi dang" or "cho ra khoi dang" => MemberStatus.LeftParty,
        _ => null,
    };


    /// <summary>"NGUYỄN VĂN CHÍN" or "trần thị mười" as "Nguyễn Văn Chín", "Trần Thị Mười"; a name already mixed is left as typed.</summary>
    private static string? ProperCase(string? name)
    {
        if (name is null || !name.Any(char.IsLetter)) return null;
        var vi = System.Globalization.CultureInfo.GetCultureInfo("vi-VN");
        var letters = name.Where(char.IsLetter).ToList();
        if (!letters.All(char.IsUpper) && !letters.All(char.IsLower)) return null;
        return string.Join(' ', name.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => char.ToUpper(w[0], vi) + w[1..].ToLower(vi)));
    }

    /// <summary>The one hamlet of the commune an address names as whole words ("ấp mỹ an" in "Tổ 4, Ấp Mỹ An"), or null.</summary>
    private static int? HamletIn(string address, Dictionary<string, int> hamlets)
    {
        var folded = " " + ImportFields.FoldName(address) + " ";
        var found = hamlets.Where(h => h.Key.StartsWith("ap ", StringComparison.Ordinal) && folded.Contains(" " + h.Key + " ", StringComparison.Ordinal))
            .Select(h => h.Value).Distinct().Take(2).ToList();
        return found.Count == 1 ? found[0] : null;
    }

    private static string[] HamletKeys(string name)
    {
        var folded = ImportFields.FoldName(name);
        return folded.StartsWith("ap ", StringComparison.Ordinal) ? [folded, folded[3..]] : [folded, "ap " + folded];
    }

    /// <summary>
    /// A cell's text: numbers as written (a citizen ID or phone typed into a number cell lost its leading 0, which is
    /// put back), text normalised (NFC, single spaces). A formula's error value is no text.
    /// </summary>
    private static string? CellText(object? raw, ImportField field)
    {
        switch (raw)
        {
            case null:
                return null;
            case double d when d == Math.Floor(d) && Math.Abs(d) < 1e15:
                var digits = ((long)d).ToString(CultureInfo.InvariantCulture);
                if (field == ImportField.CitizenId && digits.Length == 11) return "0" + digits;
                if (field == ImportField.Phone && digits.Length == 9) return "0" + digits;
                return digits;
            // Excel turns "12/12" typed into a cell into the 12th of December.
            case DateTime dt when field == ImportField.GeneralEducation && dt.Month == 12:
                return string.Create(CultureInfo.InvariantCulture, $"{dt.Day}/12");
            // … or, month first, into the 12th of September.
            case DateTime dt when field == ImportField.GeneralEducation && dt.Day == 12:
                return string.Create(CultureInfo.InvariantCulture, $"{dt.Month}/12");
            case DateTime dt:
                return dt.ToString("dd'/'MM'/'yyyy", CultureInfo.InvariantCulture);
            case string s when s.StartsWith('#') && s.EndsWith('!') || s is "#N/A" or "#VALUE!" or "#REF!" or "#NAME?" or "#DIV/0!" or "#NUM!" or "#NULL!":
                return null;
        }
        return VietnameseText.Normalize(Convert.ToString(raw, CultureInfo.InvariantCulture));
    }
}
