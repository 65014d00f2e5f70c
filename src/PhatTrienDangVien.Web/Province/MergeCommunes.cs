using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Common;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.Targets;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Auditing;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Province;

/// <summary>
/// Merges one commune into another (the 2025 mergers, decision 0037): the merged commune's records and their history
/// (organisations, hamlets, schools, people, members and their cell history, cases with every step and scan, papers
/// issued, classes, propaganda, inspections, ratings, cell targets and responsibilities) become the receiving
/// commune's, in one transaction; its term and year targets are added to the receiving commune's for the same term.
/// The merged commune is archived with a pointer to where it went; its settings, imports, notifications, its committee's
/// own numbering of papers and its audit trail stay with it (the trail's chain is its own and must not be rewritten).
/// </summary>
public sealed class MergeCommunes(Access access, AuditContext who, IServiceScopeFactory scopes)
{
    public sealed record Result(string From, string Into, IReadOnlyDictionary<string, int> Moved, IReadOnlyList<string> Renamed, bool TargetsAdded);

    /// <param name="fromVersion">The merged commune's version as the confirmation read it (null: not checked).</param>
    /// <param name="intoVersion">The receiving commune's version as the confirmation read it (null: not checked).</param>
    public async Task<Outcome<Result>> HandleAsync(int fromId, int intoId, int? fromVersion, int? intoVersion, CancellationToken ct)
    {
        if (!access.Has(Permission.ManageCommunes)) return Outcome<Result>.Forbidden();
        // The rows of two communes are written at once: under the system's scope, in a DI scope of its own, with the
        // signed-in user named on the trail.
        using var scope = scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentScope>().Set(DataScope.System);
        var audit = scope.ServiceProvider.GetRequiredService<AuditContext>();
        audit.UserId = who.UserId;
        audit.UserName = who.UserName;
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        var from = await db.Organisations.FirstOrDefaultAsync(o => o.Id == fromId && o.Kind == OrganisationKind.CommuneCommittee, ct);
        var into = await db.Organisations.FirstOrDefaultAsync(o => o.Id == intoId && o.Kind == OrganisationKind.CommuneCommittee, ct);
        if (from is null || into is null) return Outcome<Result>.NotFound();
        if (from.Id == into.Id) return Outcome<Result>.Invalid("IntoId", "Hãy chọn một Đảng bộ xã khác để hợp nhất vào.");
        if (!from.IsActive) return Outcome<Result>.Refused(new DomainException($"{from.Name} đã được lưu trữ: không hợp nhất được nữa."));
        if (!into.IsActive) return Outcome<Result>.Refused(new DomainException($"{into.Name} đã được lưu trữ: hãy chọn một Đảng bộ xã đang hoạt động."));
        // A merge confirmed on a page read before one of the two changed (renamed, say): what was confirmed is not
        // what would be merged.
        if ((fromVersion is { } fv && fv != from.Version) || (intoVersion is { } iv && iv != into.Version))
            return Outcome<Result>.Refused(new DomainException(
                $"Trong lúc đồng chí xác nhận, {from.Name} hoặc {into.Name} đã được sửa (đổi tên, lưu trữ…): hãy xem lại danh sách rồi hợp nhất lần nữa."));

        var moved = new Dictionary<string, int>();
        var renamed = new List<string>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var f = from.Id;
        var t = into.Id;
        // The first writes of the transaction claim both communes, in id order, each only while it is still active: of
        // two merges at once (the same twice, or A into B beside B into A) the second waits for the first's commit,
        // then finds a commune no longer active and is refused. On PostgreSQL the row locks are taken in one order, so
        // the two cannot deadlock; SQLite has one writer.
        foreach (var id in new[] { f, t }.Order())
        {
            // Each as the confirmation read it, when it says (a rename committed since the check above is caught here).
            var claimed = id == f
                ? await db.Organisations.Where(o => o.Id == f && o.IsActive && (fromVersion == null || o.Version == fromVersion))
                    .ExecuteUpdateAsync(u => u.SetProperty(o => o.IsActive, false), ct)
                : await db.Organisations.Where(o => o.Id == t && o.IsActive && (intoVersion == null || o.Version == intoVersion))
                    .ExecuteUpdateAsync(u => u.SetProperty(o => o.IsActive, true), ct);
            if (claimed == 0)
                return Outcome<Result>.Refused(new DomainException(
                    $"{(id == f ? from.Name : into.Name)} vừa được sửa, hợp nhất hoặc lưu trữ: hãy tải lại trang và xem danh sách Đảng bộ xã."));
        }
        var suffix = " (" + CommuneNames.WithoutPrefix(from.Name) + ")";

        // Names that would be the same in one commune get the old commune's name after them (tracked: their folded
        // names are recomputed and the renames are on the trail).
        async Task RenameClashesAsync<T>(IQueryable<T> set, Func<T, string> name, Action<T, string> rename, string what) where T : CommuneEntity, IHasDerivedColumns
        {
            var taken = (await set.Where(e => e.CommuneId == t).ToListAsync(ct)).Select(e => Core.Text.VietnameseText.Fold(name(e))).ToHashSet();
            foreach (var e in await set.Where(e => e.CommuneId == f).ToListAsync(ct))
                if (taken.Contains(Core.Text.VietnameseText.Fold(name(e))))
                {
                    // Names hold 200 characters: the old name is cut, never the commune's name after it.
                    var longer = name(e)[..Math.Min(name(e).Length, Math.Max(0, 200 - suffix.Length))] + suffix;
                    renamed.Add($"{what} {name(e)} → {longer}");
                    rename(e, longer);
                }
        }
        await RenameClashesAsync(db.Organisations.Where(o => o.Kind != OrganisationKind.CommuneCommittee), o => o.Name, (o, n) => o.Name = n, "tổ chức");
        await RenameClashesAsync(db.Hamlets, h => h.Name, (h, n) => h.Name = n, "ấp");
        await RenameClashesAsync(db.Schools, s => s.Name, (s, n) => s.Name = n, "trường");

        // The old commune's targets are added to the receiving commune's of the same term (the merged committee's
        // starting figures, until it adopts its own).
        var termsInto = await db.Terms.Where(x => x.CommuneId == t).ToListAsync(ct);
        var termsFrom = await db.Terms.Where(x => x.CommuneId == f).ToListAsync(ct);
        var targetsAdded = false;
        foreach (var old in termsFrom)
        {
            if (termsInto.FirstOrDefault(x => x.StartYear == old.StartYear && x.EndYear == old.EndYear) is not { } term) continue;
            targetsAdded |= await db.TermTargets.AnyAsync(x => x.TermId == old.Id, ct) || await db.YearTargets.AnyAsync(x => x.TermId == old.Id, ct);
            if (await db.TermTargets.FirstOrDefaultAsync(x => x.TermId == old.Id, ct) is { } oldTarget)
            {
                if (await db.TermTargets.FirstOrDefaultAsync(x => x.TermId == term.Id, ct) is { } target) target.Count += oldTarget.Count;
                else db.TermTargets.Add(new TermTarget { CommuneId = t, TermId = term.Id, Count = oldTarget.Count });
            }
            foreach (var oldYear in await db.YearTargets.Include(y => y.SubTargets).Where(x => x.TermId == old.Id).ToListAsync(ct))
            {
                var year = await db.YearTargets.Include(y => y.SubTargets).FirstOrDefaultAsync(x => x.TermId == term.Id && x.Year == oldYear.Year, ct);
                if (year is null) db.YearTargets.Add(year = new YearTarget { CommuneId = t, TermId = term.Id, Year = oldYear.Year });
                year.Count += oldYear.Count;
                foreach (var sub in oldYear.SubTargets)
                {
                    if (year.SubTargets.FirstOrDefault(x => x.Kind == sub.Kind) is { } mine) mine.Count += sub.Count;
                    else year.SubTargets.Add(new YearSubTarget { CommuneId = t, Kind = sub.Kind, Count = sub.Count });
                }
            }
        }
        // A cell's numbering of papers goes on in the receiving commune's term of the same years (the old committee's
        // own series end with it).
        var counters = 0;
        foreach (var counter in await db.DocumentCounters.Where(c => c.CommuneId == f && c.OrganisationId != f).ToListAsync(ct))
        {
            var oldTerm = termsFrom.FirstOrDefault(x => x.Id == counter.TermId);
            if (oldTerm is null || termsInto.FirstOrDefault(x => x.StartYear == oldTerm.StartYear && x.EndYear == oldTerm.EndYear) is not { } term) continue;
            (counter.CommuneId, counter.TermId) = (t, term.Id);
            counters++;
        }
        moved["sổ đánh số văn bản"] = counters;
        from.IsActive = false;
        from.MergedIntoId = t;
        await Communes.SignOutAccountsAsync(db, f, ct);
        await db.SaveChangesAsync(ct);

        // Source categories: a case's source is the receiving commune's category of the same code; a code it lacks
        // comes over with its category.
        var codesInto = await db.SourceCategories.Where(s => s.CommuneId == t).ToDictionaryAsync(s => s.Code, s => s.Id, ct);
        var codes = codesInto.Keys.ToList();
        foreach (var category in await db.SourceCategories.Where(s => s.CommuneId == f).ToListAsync(ct))
        {
            if (!codesInto.TryGetValue(category.Code, out var same)) continue;
            var oldId = category.Id;
            moved["nguồn của quần chúng"] = moved.GetValueOrDefault("nguồn của quần chúng")
                + await db.CandidateSources.Where(s => s.SourceCategoryId == oldId).ExecuteUpdateAsync(u => u.SetProperty(s => s.SourceCategoryId, same), ct);
        }
        moved["danh mục nguồn"] = await Move(db.SourceCategories.Where(s => !codes.Contains(s.Code)));

        // A class's seats and a centre's service: one row per commune; the old commune's are added or dropped as duplicates.
        foreach (var quota in await db.ClassQuotas.Where(q => q.CommuneId == f).ToListAsync(ct))
            if (await db.ClassQuotas.FirstOrDefaultAsync(q => q.CommuneId == t && q.ClassId == quota.ClassId, ct) is { } mine)
            {
                mine.Seats += quota.Seats;
                db.ClassQuotas.Remove(quota);
            }
        var servedInto = await db.CenterCommunes.Where(c => c.CommuneId == t).Select(c => c.CenterId).ToListAsync(ct);
        db.CenterCommunes.RemoveRange(await db.CenterCommunes.Where(c => c.CommuneId == f && servedInto.Contains(c.CenterId)).ToListAsync(ct));
        await db.SaveChangesAsync(ct);

        // The old commune's top organisations now stand under the receiving committee.
        await db.Organisations.Where(o => o.CommuneId == f && o.ParentId == f).ExecuteUpdateAsync(u => u.SetProperty(o => o.ParentId, t), ct);
        moved["tổ chức đảng"] = await Move(db.Organisations.Where(o => o.Id != f));
        moved["ấp"] = await Move(db.Hamlets);
        moved["trường học"] = await Move(db.Schools);
        moved["người"] = await Move(db.People);
        moved["đảng viên"] = await Move(db.Members);
        moved["quá trình sinh hoạt chi bộ"] = await Move(db.CellMemberships);
        moved["quần chúng (hồ sơ kết nạp)"] = await Move(db.Candidates);
        moved["phân công phụ trách"] = await Move(db.CellResponsibilities);
        moved["chỉ tiêu chi bộ"] = await Move(db.CellTargets);
        moved["biến động đảng viên"] = await Move(db.MemberExits);
        moved["trung tâm chính trị"] = await Move(db.PoliticalCenters);
        moved["lớp học"] = await Move(db.PartyClasses);
        moved["chỉ tiêu lớp"] = await Move(db.ClassQuotas);
        moved["trung tâm phục vụ"] = await Move(db.CenterCommunes);
        moved["học viên"] = await Move(db.ClassEnrolments);
        moved["buổi tuyên truyền"] = await Move(db.PropagandaSessions);
        moved["người dự tuyên truyền"] = await Move(db.PropagandaAttendees);
        moved["kế hoạch kiểm tra"] = await Move(db.InspectionPlanItems);
        moved["buổi kiểm tra"] = await Move(db.InspectionSessions);
        moved["phát hiện"] = await Move(db.InspectionFindings);
        moved["việc khắc phục"] = await Move(db.CorrectiveActions);
        moved["xếp loại"] = await Move(db.QualityRatings);
        moved["biểu mẫu đã lập"] = await Move(db.IssuedDocuments);
        moved["số văn bản đã cấp"] = await Move(db.NumberedPapers);

        // The bulk moves above write no rows of their own to the trail: the merge is one entry on each commune's chain,
        // with what moved; and both communes' figures change (their data versions).
        await db.RaiseVersionsAsync([f, t], ct);
        var trail = scope.ServiceProvider.GetRequiredService<AccessTrail>();
        var facts = string.Join(", ", moved.Where(m => m.Value > 0).Select(m => $"{m.Value.ToString("N0", Pages.Shared.Lookups.Vietnamese)} {m.Key}"));
        if (facts.Length == 0) facts = "không có hồ sơ nào";
        await trail.MergedAsync(f, from.Name, into.Name, facts, ct);
        await trail.MergedAsync(t, from.Name, into.Name, facts, ct);
        // And on the installation's, beside the communes added, renamed and archived, which the board reads before it
        // chooses a commune (the merge archives one).
        await trail.CommuneChangedAsync(f, AccessTrail.Merged, new() { ["MergedFrom"] = from.Name, ["MergedInto"] = into.Name, ["Moved"] = facts }, ct);
        await transaction.CommitAsync(ct);
        // Bulk writes leave PostgreSQL's planner statistics behind (issue 14): brought up to date at once.
        if (db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true) await db.Database.ExecuteSqlRawAsync("ANALYZE", ct);
        return Outcome<Result>.Done(new Result(from.Name, into.Name, moved, renamed, targetsAdded));

        Task<int> Move<T>(IQueryable<T> set) where T : CommuneEntity =>
            set.Where(e => e.CommuneId == f).ExecuteUpdateAsync(u => u.SetProperty(e => e.CommuneId, t), ct);
    }
}
