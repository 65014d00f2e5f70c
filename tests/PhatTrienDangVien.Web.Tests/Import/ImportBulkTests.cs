using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Auditing;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Cli;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Import;
using PhatTrienDangVien.Web.People;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Import;

/// <summary>
/// The import writes its records in bulk, beside the change tracker (AppDbContext.InsertNewAsync): what it stores must
/// be what a save through the member form stores — every column, the derived ones, the cell history, the audit rows —
/// and the audit chains must stay whole after thousands of rows. Through the same commands as the page and the API.
/// </summary>
public abstract class ImportBulkTests<TApp>(TApp app) where TApp : AppFactory
{
    private static readonly string[] s_header = ["STT", "Họ và tên", "Ngày, tháng, năm sinh", "Giới tính", "Ngày vào Đảng", "Ngày chính thức", "Số thẻ", "Chi bộ", "Số CCCD", "Dân tộc", "Tôn giáo", "Trình độ"];

    private static byte[] Register(IEnumerable<XCell[]> rows) =>
        Xlsx.Build(new XSheet("Danh sách", [[.. s_header.Select(h => (XCell)h)], .. rows]));

    /// <summary>A request of the commune office: its scope and its name on the audit rows.</summary>
    private IServiceScope Office()
    {
        var s = app.Services.CreateScope();
        int[] cells = [app.Data.CellA, app.Data.CellB];
        s.ServiceProvider.GetRequiredService<CurrentScope>().Set(new DataScope(false, app.Data.CommuneId, true, cells, [app.Data.CommuneId, app.Data.SubCommitteeId, .. cells], null, Roles.CommuneOffice));
        var who = s.ServiceProvider.GetRequiredService<AuditContext>();
        who.UserId = "bulk-test";
        who.UserName = "Văn phòng";
        return s;
    }

    private async Task<ImportReport> ImportAsync(byte[] file, string name)
    {
        string token;
        using (var s = Office())
        {
            var staged = await s.ServiceProvider.GetRequiredService<StageImport>().HandleAsync(ImportKind.Members, name, file, CancellationToken.None);
            staged.IsDone.ShouldBeTrue(string.Join("; ", staged.Errors.Select(e => e.Message)));
            token = staged.Value!.Token;
        }
        using (var s = Office())
        {
            var done = await s.ServiceProvider.GetRequiredService<CommitImport>().HandleAsync(token, CancellationToken.None);
            done.IsDone.ShouldBeTrue(string.Join("; ", done.Errors.Select(e => e.Message)));
            return done.Value!;
        }
    }

    /// <summary>Every stored column of the entity, by name, but those named (keys, links to the batch, what differs by design).</summary>
    private static Dictionary<string, object?> Columns<T>(AppDbContext db, T entity, params string[] except) where T : class =>
        db.Model.FindEntityType(typeof(T))!.GetProperties().Where(p => !except.Contains(p.Name))
            .ToDictionary(p => p.Name, p => p.PropertyInfo!.GetValue(entity));

    private static Dictionary<string, string> Changes(AuditEntry e, params string[] except) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(e.Changes)!.Where(c => !except.Contains(c.Key)).ToDictionary(c => c.Key, c => c.Value.GetRawText());

    [Fact]
    public async Task An_imported_member_is_stored_as_the_member_form_stores_the_same_member()
    {
        // Only this test's audit rows: SQLite hands the ids of records an earlier test undid to new ones.
        var auditBefore = await app.WithSystemScopeAsync(db => db.AuditEntries.MaxAsync(a => (long?)a.Id)) ?? 0;
        // Decomposed diacritics and doubled spaces: the derived name columns are computed from what is stored.
        var report = await ImportAsync(Register([[1, "  Huỳnh   Thị Ngọc  Ánh ".Normalize(System.Text.NormalizationForm.FormD), new XDate(new DateTime(1980, 3, 15)), "Nữ",
            "19/05/2005", new XDate(new DateTime(2006, 5, 19)), 12345670, "Chi bộ Ấp Mỹ Lợi", "001180543210", "Kinh", "Không", "12/12"]]), "mot-nguoi.xlsx");
        report.Batch.CreatedCount.ShouldBe(1);

        var (imported, importedHistory, importedAudit) = await app.WithSystemScopeAsync(async db =>
        {
            var m = await db.Members.AsNoTracking().Include(x => x.Person).SingleAsync(x => x.ImportBatchId == report.Batch.Id);
            var history = await db.CellMemberships.AsNoTracking().SingleAsync(p => p.MemberId == m.Id);
            var audit = await db.AuditEntries.AsNoTracking().Where(a => a.Id > auditBefore && ((a.EntityType == nameof(Person) && a.EntityId == m.PersonId.ToString(CultureInfo.InvariantCulture))
                || (a.EntityType == nameof(Member) && a.EntityId == m.Id.ToString(CultureInfo.InvariantCulture))
                || (a.EntityType == nameof(CellMembership) && a.EntityId == history.Id.ToString(CultureInfo.InvariantCulture)))).ToListAsync();
            return (m, history, audit);
        });

        // The same member through the member form's command; only the citizen ID differs (it must be unique).
        var person = PersonInput.From(imported.Person);
        person.CitizenId = "001180543211";
        int savedId;
        using (var s = Office())
        {
            var saved = await s.ServiceProvider.GetRequiredService<SaveMember>().HandleAsync(null, new MemberWrite(person, MemberInput.From(imported)), CancellationToken.None);
            saved.IsDone.ShouldBeTrue(string.Join("; ", saved.Errors.Select(e => e.Message)));
            savedId = saved.Value!.Id;
        }

        await app.WithSystemScopeAsync(async db =>
        {
            var m = await db.Members.AsNoTracking().Include(x => x.Person).SingleAsync(x => x.Id == savedId);
            var history = await db.CellMemberships.AsNoTracking().SingleAsync(p => p.MemberId == m.Id);
            var audit = await db.AuditEntries.AsNoTracking().Where(a => a.Id > auditBefore && ((a.EntityType == nameof(Person) && a.EntityId == m.PersonId.ToString(CultureInfo.InvariantCulture))
                || (a.EntityType == nameof(Member) && a.EntityId == m.Id.ToString(CultureInfo.InvariantCulture))
                || (a.EntityType == nameof(CellMembership) && a.EntityId == history.Id.ToString(CultureInfo.InvariantCulture)))).ToListAsync();

            imported.Person.FullName.ShouldBe("Huỳnh Thị Ngọc Ánh");
            imported.Person.FullNameFolded.ShouldNotBeNullOrEmpty();
            imported.Person.NameSortKey.ShouldNotBeNullOrEmpty();
            string[] personExcept = [nameof(Person.Id), nameof(Person.CitizenId), nameof(Person.ImportBatchId)];
            Columns(db, imported.Person, personExcept).ShouldBe(Columns(db, m.Person, personExcept));
            string[] memberExcept = [nameof(Member.Id), nameof(Member.PersonId), nameof(Member.ImportBatchId)];
            Columns(db, imported, memberExcept).ShouldBe(Columns(db, m, memberExcept));
            string[] historyExcept = [nameof(CellMembership.Id), nameof(CellMembership.MemberId)];
            Columns(db, importedHistory, historyExcept).ShouldBe(Columns(db, history, historyExcept));
            importedHistory.From.ShouldBe(new DateOnly(2005, 5, 19));

            // One audit row each, the same fields listed with the same values; the imported ones say where they came from.
            foreach (var type in new[] { nameof(Person), nameof(Member), nameof(CellMembership) })
            {
                var mine = importedAudit.Where(a => a.EntityType == type).ShouldHaveSingleItem();
                var theirs = audit.Where(a => a.EntityType == type).ShouldHaveSingleItem();
                string[] except = [nameof(Person.CitizenId), nameof(Person.ImportBatchId), nameof(Member.PersonId), nameof(CellMembership.MemberId)];
                Changes(mine, except).ShouldBe(Changes(theirs, except), type);
                mine.Action.ShouldBe(type == nameof(CellMembership) ? "Tạo mới" : "Nhập từ Excel");
                theirs.Action.ShouldBe("Tạo mới");
                (mine.CommuneId, mine.UserName, mine.UserId).ShouldBe((theirs.CommuneId, theirs.UserName, theirs.UserId));
            }
            importedAudit.Where(a => a.EntityType != nameof(CellMembership))
                .ShouldAllBe(a => a.Changes.Contains($"\"ImportBatchId\":[null,{report.Batch.Id}]"));
            return 0;
        });
    }

    [Fact]
    public async Task After_an_import_of_two_thousand_members_verify_audit_finds_every_chain_whole()
    {
        var rows = Enumerable.Range(0, 2000).Select(i =>
        {
            var born = new DateTime(1960 + i % 30, 1 + i % 12, 1 + i % 28);
            var ceremony = born.AddYears(20 + i % 10);
            return new XCell[]
            {
                i + 1, $"Phạm Văn Khối {Given(i / 60)} {Given(i % 60)}", new XDate(born), i % 2 == 0 ? "Nam" : "Nữ",
                ceremony.ToString("d/M/yyyy", CultureInfo.InvariantCulture), new XDate(ceremony.AddYears(1)), new XEmpty(), i % 3 == 0 ? "Chi bộ Trường Tiểu học" : "Chi bộ Ấp Mỹ Lợi",
                // Every fourth row without a citizen ID; the others unique (province 002, which no other test uses).
                i % 4 == 3 ? new XEmpty() : (XCell)string.Create(CultureInfo.InvariantCulture, $"002{(i % 2 == 0 ? 0 : 1)}{born.Year % 100:00}{i:000000}"), "Kinh", "Không", new XEmpty(),
            };
        });
        var report = await ImportAsync(Register(rows), "hai-nghin.xlsx");
        report.Batch.CreatedCount.ShouldBe(2000);

        await app.WithSystemScopeAsync(async db =>
        {
            var people = await db.People.Where(p => p.ImportBatchId == report.Batch.Id).Select(p => p.Id).ToListAsync();
            people.Count.ShouldBe(2000);
            (await db.Members.CountAsync(m => m.ImportBatchId == report.Batch.Id)).ShouldBe(2000);
            (await db.CellMemberships.CountAsync(p => p.Member.ImportBatchId == report.Batch.Id)).ShouldBe(2000);
            var keys = people.Select(id => id.ToString(CultureInfo.InvariantCulture)).ToHashSet();
            var audited = await db.AuditEntries.Where(a => a.EntityType == nameof(Person) && a.Action == "Nhập từ Excel").Select(a => a.EntityId).ToListAsync();
            keys.IsSubsetOf(audited).ShouldBeTrue("every imported person has its audit row");
            // The tail is the chain's last row: the bulk writer moved it along.
            var chain = app.Data.CommuneId;
            var last = await db.AuditEntries.Where(a => a.Chain == chain).MaxAsync(a => a.Seq);
            (await db.AuditTails.SingleAsync(t => t.Chain == chain)).Seq.ShouldBe(last);
            return 0;
        });

        var output = new StringWriter();
        var code = await AdminCommands.RunAsync(app.Services, LaunchOptions.Parse(["verify-audit"]), output);
        code.ShouldBe(0, output.ToString());
        output.ToString().ShouldNotContain("VẤN ĐỀ");

        // And the undo takes the whole import back, audited in the same chains.
        using (var s = Office())
            (await s.ServiceProvider.GetRequiredService<UndoImport>().HandleAsync(report.Batch.Id, CancellationToken.None)).IsDone.ShouldBeTrue();
        (await app.WithSystemScopeAsync(db => db.People.CountAsync(p => p.ImportBatchId == report.Batch.Id))).ShouldBe(0);
        output = new StringWriter();
        (await AdminCommands.RunAsync(app.Services, LaunchOptions.Parse(["verify-audit"]), output)).ShouldBe(0, output.ToString());
    }

    [Fact]
    public async Task A_bulk_write_that_breaks_a_constraint_fails_as_a_save_does_and_leaves_nothing()
    {
        var commune = app.Data.CommuneId;
        var (people, audit) = await app.WithSystemScopeAsync(async db => (await db.People.CountAsync(), await db.AuditEntries.CountAsync()));
        await Should.ThrowAsync<DbUpdateException>(app.WithSystemScopeAsync(async db =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            // The second has the citizen ID of a member of the test data: the unique index refuses it.
            await db.InsertNewAsync([
                new Person { CommuneId = commune, FullName = "Mai Văn Hợp Lệ", CitizenId = "003080000001" },
                new Person { CommuneId = commune, FullName = "Mai Văn Trùng", CitizenId = "089080000001" },
            ], CancellationToken.None);
            return 0;
        }));
        (await app.WithSystemScopeAsync(db => db.People.CountAsync())).ShouldBe(people);
        (await app.WithSystemScopeAsync(db => db.AuditEntries.CountAsync())).ShouldBe(audit);
    }

    [Fact]
    public async Task An_undone_member_is_audited_as_a_deletion_through_a_save_is()
    {
        var auditBefore = await app.WithSystemScopeAsync(db => db.AuditEntries.MaxAsync(a => (long?)a.Id)) ?? 0;
        var report = await ImportAsync(Register([[1, "Khổng Thị Hoàn Tác", new XDate(new DateTime(1979, 4, 2)), "Nữ",
            "02/09/2004", new XDate(new DateTime(2005, 9, 2)), 23456780, "Chi bộ Ấp Mỹ Lợi", "004179123456", "Kinh", "Không", "12/12"]]), "hoan-tac.xlsx");
        var imported = await app.WithSystemScopeAsync(db => db.Members.AsNoTracking().Include(x => x.Person).SingleAsync(x => x.ImportBatchId == report.Batch.Id));
        using (var s = Office())
        {
            var undone = await s.ServiceProvider.GetRequiredService<UndoImport>().HandleAsync(report.Batch.Id, CancellationToken.None);
            undone.IsDone.ShouldBeTrue(string.Join("; ", undone.Errors.Select(e => e.Message)));
        }

        // The undo's audit rows are told apart from the save's by their place in the trail.
        var auditUndo = await app.WithSystemScopeAsync(db => db.AuditEntries.MaxAsync(a => a.Id));
        // The same member saved through the member form, then deleted through a save.
        var person = PersonInput.From(imported.Person);
        person.CitizenId = "004179123457";
        int savedId;
        using (var s = Office())
        {
            var saved = await s.ServiceProvider.GetRequiredService<SaveMember>().HandleAsync(null, new MemberWrite(person, MemberInput.From(imported)), CancellationToken.None);
            saved.IsDone.ShouldBeTrue(string.Join("; ", saved.Errors.Select(e => e.Message)));
            savedId = saved.Value!.Id;
        }
        var saveDeleted = await app.WithSystemScopeAsync(async db =>
        {
            var m = await db.Members.Include(x => x.Person).SingleAsync(x => x.Id == savedId);
            db.CellMemberships.RemoveRange(await db.CellMemberships.Where(p => p.MemberId == m.Id).ToListAsync());
            db.Members.Remove(m);
            db.People.Remove(m.Person);
            await db.SaveChangesAsync();
            return (m.Id, m.PersonId);
        });

        await app.WithSystemScopeAsync(async db =>
        {
            var deletions = await db.AuditEntries.AsNoTracking().Where(a => a.Id > auditBefore && a.Action == "Xóa").ToListAsync();
            string Key(int id) => id.ToString(CultureInfo.InvariantCulture);
            (await db.People.AnyAsync(p => p.Id == imported.PersonId)).ShouldBeFalse();
            foreach (var type in new[] { nameof(Person), nameof(Member), nameof(CellMembership) })
            {
                var bulk = deletions.Where(a => a.EntityType == type && a.Id <= auditUndo
                    && (type == nameof(Person) ? a.EntityId == Key(imported.PersonId) : type == nameof(Member) ? a.EntityId == Key(imported.Id)
                        : a.Changes.Contains($"\"MemberId\":[{imported.Id},null]"))).ShouldHaveSingleItem(type);
                var saved = deletions.Where(a => a.EntityType == type && a.Id > auditUndo && (type == nameof(Person) ? a.EntityId == Key(saveDeleted.PersonId)
                    : type == nameof(Member) ? a.EntityId == Key(saveDeleted.Id) : a.Changes.Contains($"\"MemberId\":[{saveDeleted.Id},null]"))).ShouldHaveSingleItem(type);
                string[] except = [nameof(Person.Id), nameof(Person.CitizenId), nameof(Person.ImportBatchId), nameof(Member.PersonId), nameof(CellMembership.MemberId)];
                Changes(bulk, except).ShouldBe(Changes(saved, except), type);
                Changes(bulk).Keys.ShouldBe(Changes(saved).Keys, type);
                (bulk.CommuneId, bulk.UserName, bulk.UserId).ShouldBe((saved.CommuneId, "Văn phòng", "bulk-test"));
            }
            return 0;
        });
        var output = new StringWriter();
        (await AdminCommands.RunAsync(app.Services, LaunchOptions.Parse(["verify-audit"]), output)).ShouldBe(0, output.ToString());
    }

    [Fact]
    public async Task The_records_of_an_undone_import_never_lend_their_keys_and_history_to_the_next_import()
    {
        var first = await ImportAsync(Register([[1, "Tạ Văn Trước", new XDate(new DateTime(1970, 1, 1)), "Nam",
            "02/09/2004", "02/09/2005", new XEmpty(), "Chi bộ Ấp Mỹ Lợi", new XEmpty(), "Kinh", "Không", "12/12"]]), "truoc.xlsx");
        var gone = await app.WithSystemScopeAsync(db => db.Members.AsNoTracking().SingleAsync(x => x.ImportBatchId == first.Batch.Id));
        using (var s = Office())
            (await s.ServiceProvider.GetRequiredService<UndoImport>().HandleAsync(first.Batch.Id, CancellationToken.None)).IsDone.ShouldBeTrue();

        var second = await ImportAsync(Register([[1, "Kha Thị Sau", new XDate(new DateTime(1981, 5, 6)), "Nữ",
            "02/09/2010", "02/09/2011", new XEmpty(), "Chi bộ Ấp Mỹ Lợi", new XEmpty(), "Kinh", "Không", "12/12"]]), "sau.xlsx");
        var next = await app.WithSystemScopeAsync(db => db.Members.AsNoTracking().SingleAsync(x => x.ImportBatchId == second.Batch.Id));
        next.Id.ShouldBeGreaterThan(gone.Id, "a member's key is never given again");
        next.PersonId.ShouldBeGreaterThan(gone.PersonId, "nor a person's");
        // Her history is hers alone: nothing of the undone person's rows is filed under her keys.
        var history = await app.WithSystemScopeAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => (a.EntityType == nameof(Person) && a.EntityId == next.PersonId.ToString(CultureInfo.InvariantCulture))
                || (a.EntityType == nameof(Member) && a.EntityId == next.Id.ToString(CultureInfo.InvariantCulture)))
            .Select(a => a.Changes).ToListAsync());
        history.Count.ShouldBe(2);
        history.ShouldAllBe(c => !c.Contains("Tạ Văn Trước") && !c.Contains("1970"));
    }

    [Fact]
    public async Task A_bulk_delete_of_a_record_changed_since_it_was_read_fails_as_a_save_does_and_leaves_nothing()
    {
        var commune = app.Data.CommuneId;
        var id = await app.WithSystemScopeAsync(async db =>
        {
            var p = new Person { CommuneId = commune, FullName = "Mai Văn Đã Sửa" };
            db.People.Add(p);
            await db.SaveChangesAsync();
            return p.Id;
        });
        var read = await app.WithSystemScopeAsync(db => db.People.AsNoTracking().SingleAsync(p => p.Id == id));
        // Edited by someone else after it was read: its version moved.
        await app.WithSystemScopeAsync(async db =>
        {
            var p = await db.People.SingleAsync(p => p.Id == id);
            p.Occupation = "Nông dân";
            return await db.SaveChangesAsync();
        });
        var audit = await app.WithSystemScopeAsync(db => db.AuditEntries.CountAsync());
        await Should.ThrowAsync<DbUpdateConcurrencyException>(app.WithSystemScopeAsync(async db =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await db.DeleteLoadedAsync([read], CancellationToken.None);
            await tx.CommitAsync();
            return 0;
        }));
        (await app.WithSystemScopeAsync(db => db.People.AnyAsync(p => p.Id == id))).ShouldBeTrue();
        (await app.WithSystemScopeAsync(db => db.AuditEntries.CountAsync())).ShouldBe(audit);
    }

    [Fact]
    public async Task The_preview_and_the_commit_of_a_file_read_once_or_read_again_plan_the_same()
    {
        // Merged cells (a cell column merged over its rows), a title row and a footer: every part of the reading.
        var file = Xlsx.Build(new XSheet("Danh sách", [
            ["DANH SÁCH ĐẢNG VIÊN"],
            [.. s_header.Select(h => (XCell)h)],
            [1, "Lưu Văn Đệm", new XDate(new DateTime(1981, 1, 1)), "Nam", "01/06/2010", new XDate(new DateTime(2011, 6, 1)), new XEmpty(), "Chi bộ Ấp Mỹ Lợi", "004081000001", "Kinh", "Không", "12/12"],
            [2, "Lưu Thị Đệm", "02/02/1982", "Nữ", "01/06/2010", new XDate(new DateTime(2011, 6, 1)), new XEmpty(), new XEmpty(), "004182000002", "Kinh", "Không", "12/12"],
            [3, "Lưu Văn Nhớ", "1983", "Nam", "01/06/2012", new XDate(new DateTime(2013, 6, 1)), new XEmpty(), "Chi bộ Trường Tiểu học", new XEmpty(), "Kinh", "Không", "9/12"],
            ["Tổng cộng: 3 đảng viên"]],
            ["A1:L1", "H3:H4"]));
        var sheets = app.Services.GetRequiredService<SheetCache>();
        sheets.Clear();

        async Task<(string Token, ImportReport? Report, string Plan, string Created)> RunAsync(bool cached)
        {
            string token;
            using (var s = Office())
                token = (await s.ServiceProvider.GetRequiredService<StageImport>().HandleAsync(ImportKind.Members, "doc-mot-lan.xlsx", file, CancellationToken.None)).Value!.Token;
            if (!cached) sheets.Clear();
            var before = sheets.Counts;
            string plan;
            using (var s = Office())
                plan = Describe((await s.ServiceProvider.GetRequiredService<PreviewImport>().HandleAsync(token, CancellationToken.None)).Value!);
            if (!cached) sheets.Clear();
            ImportReport report;
            using (var s = Office())
            {
                var done = await s.ServiceProvider.GetRequiredService<CommitImport>().HandleAsync(token, CancellationToken.None);
                done.IsDone.ShouldBeTrue(string.Join("; ", done.Errors.Select(e => e.Message)));
                report = done.Value!;
            }
            // The preview and the commit each read the file when it was not kept, and neither did when it was.
            var after = sheets.Counts;
            (after.Reads - before.Reads).ShouldBe(cached ? 0 : 2);
            (after.Hits - before.Hits).ShouldBe(cached ? 2 : 0);
            var created = await app.WithSystemScopeAsync(async db => string.Join("\n", (await db.Members.AsNoTracking().Include(m => m.Person)
                .Where(m => m.ImportBatchId == report.Batch.Id).OrderBy(m => m.Person.FullName).ToListAsync())
                .Select(m => $"{m.Person.FullName}|{m.Person.DateOfBirth}|{m.Person.DateOfBirthPrecision}|{m.Person.CitizenId}|{m.CellId}|{m.CeremonyDate}|{m.OfficialDate}")));
            using (var s = Office())
                (await s.ServiceProvider.GetRequiredService<UndoImport>().HandleAsync(report.Batch.Id, CancellationToken.None)).IsDone.ShouldBeTrue();
            return (token, report, plan, created);
        }

        var once = await RunAsync(cached: true);
        var again = await RunAsync(cached: false);
        again.Plan.ShouldBe(once.Plan);
        again.Created.ShouldBe(once.Created);
        once.Created.Split('\n').Length.ShouldBe(3);
        // The merged cell column filled the second row.
        once.Created.Split('\n').Single(l => l.StartsWith("Lưu Thị Đệm|", StringComparison.Ordinal)).ShouldContain($"|{app.Data.CellA}|");
        (again.Report!.Batch.CreatedCount, again.Report.Batch.Report).ShouldBe((once.Report!.Batch.CreatedCount, once.Report.Batch.Report));
    }

    /// <summary>Everything a preview says, as text: the sheet found, the columns, every planned row, duplicate, error and warning.</summary>
    private static string Describe(ImportPreview p) => JsonSerializer.Serialize(new
    {
        p.SheetName, p.HeaderRow, p.RowCount, p.FooterRows, p.FooterRow, p.Columns, p.Ready, p.Duplicates,
        Errors = p.Errors.Select(e => e.ToString()), Warnings = p.Warnings.Select(w => w.ToString()), p.UnknownCells.Keys,
    });

    private static readonly string[] s_given = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hiếu", "Hòa", "Khánh", "Lan", "Long", "Mai", "Nam", "Nga",
        "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Trung", "Tuấn", "Uyên", "Vy", "Xuân", "Yến", "Lộc", "Phát", "Tài", "Bảo"];

    /// <summary>Two given names in sixty: unique names without digits, which no name may hold.</summary>
    private static string Given(int i) => s_given[i % 30] + (i >= 30 ? " Minh" : "");
}

public sealed class ImportBulkTests_Sqlite(SqliteApp app) : ImportBulkTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class ImportBulkTests_Postgres(PostgresApp app) : ImportBulkTests<PostgresApp>(app), IClassFixture<PostgresApp>;
