using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Education;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Core.Text;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Organisations;

namespace PhatTrienDangVien.Web.Education;

/// <summary>A session of propaganda and education as the form writes it.</summary>
public sealed class PropagandaInput
{
    [Display(Name = "Ngày"), Required(ErrorMessage = "Hãy nhập ngày của buổi tuyên truyền.")]
    public DateOnly? Date { get; set; }
    [Display(Name = "Đơn vị tổ chức"), Required(ErrorMessage = "Hãy chọn đơn vị tổ chức.")]
    public Organiser? Organiser { get; set; }
    [Display(Name = "Chi bộ (của chi bộ hoặc đoàn thể ở ấp)")]
    public int? CellId { get; set; }
    [Display(Name = "Tên đơn vị tổ chức"), StringLength(200, ErrorMessage = "Tên đơn vị tối đa 200 ký tự.")]
    public string? OrganiserName { get; set; }
    [Display(Name = "Chủ đề"), Required(ErrorMessage = "Hãy nhập chủ đề."), StringLength(500, ErrorMessage = "Chủ đề tối đa 500 ký tự.")]
    public string Topic { get; set; } = "";
    [Display(Name = "Đối tượng thuộc nguồn")]
    public int? AudienceCategoryId { get; set; }
    [Display(Name = "Đối tượng"), StringLength(200, ErrorMessage = "Đối tượng tối đa 200 ký tự.")]
    public string? Audience { get; set; }
    [Display(Name = "Số người dự"), Range(1, 10_000, ErrorMessage = "Số người dự phải từ 1 đến 10.000.")]
    public int Headcount { get; set; }
    [Display(Name = "Ghi chú"), StringLength(1000, ErrorMessage = "Ghi chú tối đa 1000 ký tự.")]
    public string? Notes { get; set; }
    /// <summary>The candidates of the pool who came.</summary>
    [Display(Name = "Quần chúng ưu tú dự")]
    public List<int> CandidateIds { get; set; } = [];

    public static PropagandaInput From(PropagandaSession s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new()
        {
            Date = s.Date, Organiser = s.Organiser, CellId = s.CellId, OrganiserName = s.OrganiserName, Topic = s.Topic,
            AudienceCategoryId = s.AudienceCategoryId, Audience = s.Audience, Headcount = s.Headcount, Notes = s.Notes,
            CandidateIds = [.. s.Attendees.Select(a => a.CandidateId).Order()],
        };
    }
}

/// <summary>
/// Records or edits a session of propaganda and education (plan point P4). A cell's session is recorded by whoever
/// covers the cell; a commune-wide organisation's (no cell) by a whole-commune role. The candidates who came must be
/// people the user sees, and not more than came in all. One command for the page and the API.
/// </summary>
public sealed class SavePropagandaSession(AppDbContext db, Access access, ConflictDiff diff, TimeProvider clock)
{
    private const string P = "Input.";
    public const int MaxCandidates = 500;

    public async Task<Outcome<PropagandaSession>> HandleAsync(int? id, PropagandaInput input, int version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!access.Has(Permission.RecordPropaganda)) return Outcome<PropagandaSession>.Forbidden();
        PropagandaSession? s = null;
        if (id is not null && (s = await db.PropagandaSessions.Include(x => x.Attendees).FirstOrDefaultAsync(x => x.Id == id, ct)) is null)
            return Outcome<PropagandaSession>.NotFound();

        input.OrganiserName = VietnameseText.Normalize(input.OrganiserName);
        input.Topic = VietnameseText.Normalize(input.Topic) ?? "";
        input.Audience = VietnameseText.Normalize(input.Audience);
        input.Notes = VietnameseText.Normalize(input.Notes);
        input.CandidateIds = [.. (input.CandidateIds ?? []).Distinct()];
        var errors = new Errors();
        errors.Annotations(input, P);
        var today = Core.Common.VietnamTime.Today(clock);
        errors.Require(input.Date is null || (input.Date.Value.Year >= 2000 && input.Date <= today), P + nameof(input.Date), $"Ngày phải từ năm 2000 đến hôm nay ({today:dd/MM/yyyy}).");
        errors.Require(input.Organiser is null || Enum.IsDefined(input.Organiser.Value), P + nameof(input.Organiser), "Đơn vị tổ chức không hợp lệ.");
        if (input.Organiser == Organiser.Cell && input.CellId is null) errors.Add(P + nameof(input.CellId), "Buổi do chi bộ tổ chức: hãy chọn chi bộ.");
        if (input.Organiser is not null and not Organiser.Cell && input.OrganiserName is null)
            errors.Add(P + nameof(input.OrganiserName), "Hãy ghi tên đơn vị tổ chức (ví dụ: Đoàn xã, Chi hội Phụ nữ ấp Mỹ Lợi).");
        // Whoever covers only some cells records only their cells' sessions; a commune-wide one needs the whole commune.
        if (input.CellId is { } cell)
        {
            if (!await db.Organisations.AnyAsync(o => o.Id == cell && o.Kind == Core.Organisations.OrganisationKind.Cell, ct) || !access.Scope.CoversCell(cell))
                errors.Add(P + nameof(input.CellId), "Chi bộ không có trong phạm vi được giao.");
        }
        else if (!access.Scope.WholeCommune && !access.Scope.Unrestricted)
            errors.Add(P + nameof(input.CellId), "Hãy chọn chi bộ: buổi của đoàn thể cấp xã do văn phòng đảng ủy ghi.");
        if (input.AudienceCategoryId is { } category && !await db.SourceCategories.AnyAsync(c => c.Id == category, ct))
            errors.Add(P + nameof(input.AudienceCategoryId), "Nguồn không có trong danh mục của xã.");
        errors.Require(input.CandidateIds.Count <= MaxCandidates, P + nameof(input.CandidateIds), $"Tối đa {MaxCandidates} quần chúng trong một buổi.");
        errors.Require(input.Headcount < 1 || input.CandidateIds.Count <= input.Headcount, P + nameof(input.CandidateIds),
            $"Đã chọn {input.CandidateIds.Count} quần chúng ưu tú, nhiều hơn số người dự ({input.Headcount}).");
        var ids = input.CandidateIds;
        var seen = await db.Candidates.Where(c => ids.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct);
        if (seen.Count != ids.Count) errors.Add(P + nameof(input.CandidateIds), "Có quần chúng được chọn không có trong phạm vi được giao.");
        if (errors.Any) return Outcome<PropagandaSession>.Invalid(errors.List);

        var record = s ?? new PropagandaSession { Topic = input.Topic, CommuneId = access.Scope.CommuneId };
        record.Date = input.Date!.Value;
        record.Organiser = input.Organiser!.Value;
        record.CellId = input.CellId;
        record.OrganiserName = input.OrganiserName;
        record.Topic = input.Topic;
        record.AudienceCategoryId = input.AudienceCategoryId;
        record.Audience = input.Audience;
        record.Headcount = input.Headcount;
        record.Notes = input.Notes;
        foreach (var gone in record.Attendees.Where(a => !ids.Contains(a.CandidateId)).ToList())
        {
            record.Attendees.Remove(gone);
            db.PropagandaAttendees.Remove(gone);
        }
        foreach (var add in ids.Where(i => record.Attendees.All(a => a.CandidateId != i)))
            record.Attendees.Add(new PropagandaAttendee { CommuneId = record.CommuneId, CandidateId = add });
        if (s is null) db.PropagandaSessions.Add(record);
        else db.ExpectVersion(record, version);
        var key = record.Id;
        // The other version with its attendees: the conflict table compares who came too.
        return await db.SaveAsync(record, async token =>
        {
            var current = await db.PropagandaSessions.AsNoTracking().Include(x => x.Attendees).FirstOrDefaultAsync(x => x.Id == key, token);
            return current is null ? (null, []) : (current, await diff.CompareAsync(input, PropagandaInput.From(current), token));
        }, ct);
    }
}

/// <summary>Deletes a session recorded by mistake (its attendees with it), after the page's confirmation.</summary>
public sealed class DeletePropagandaSession(AppDbContext db, Access access)
{
    public async Task<Outcome<PropagandaSession>> HandleAsync(int id, CancellationToken ct)
    {
        if (!access.Has(Permission.RecordPropaganda)) return Outcome<PropagandaSession>.Forbidden();
        var s = await db.PropagandaSessions.Include(x => x.Attendees).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (s is null) return Outcome<PropagandaSession>.NotFound();
        if (s.CellId is null && !access.Scope.WholeCommune && !access.Scope.Unrestricted) return Outcome<PropagandaSession>.Forbidden();
        db.PropagandaAttendees.RemoveRange(s.Attendees);
        db.PropagandaSessions.Remove(s);
        await db.SaveChangesAsync(ct);
        return Outcome<PropagandaSession>.Done(s);
    }
}

/// <summary>The words a user reads for who held a session.</summary>
public static class PropagandaWords
{
    public static string Organiser(Organiser o) => o switch
    {
        Core.Education.Organiser.Cell => "Chi bộ",
        Core.Education.Organiser.YouthUnion => "Đoàn Thanh niên",
        Core.Education.Organiser.WomenUnion => "Hội Liên hiệp Phụ nữ",
        Core.Education.Organiser.FarmersUnion => "Hội Nông dân",
        Core.Education.Organiser.VeteransUnion => "Hội Cựu chiến binh",
        Core.Education.Organiser.FatherlandFront => "Mặt trận Tổ quốc",
        Core.Education.Organiser.TradeUnion => "Công đoàn",
        Core.Education.Organiser.Militia => "Ban Chỉ huy quân sự, dân quân",
        Core.Education.Organiser.School => "Nhà trường",
        Core.Education.Organiser.Other => "Khác",
        _ => Pages.Shared.Lookups.Invalid,
    };
}
