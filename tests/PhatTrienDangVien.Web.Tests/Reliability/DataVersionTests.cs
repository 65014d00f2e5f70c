using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Reliability;

/// <summary>
/// Every write raises its commune's data version in the same transaction (decision 0012), whatever the scope it runs
/// under: a cached figure is keyed by it, so a write that forgets to raise it would leave every server showing stale figures.
/// </summary>
public abstract class DataVersionTests<TApp>(TApp app) where TApp : AppFactory
{
    private Task<Dictionary<int, long>> VersionsAsync() => app.WithSystemScopeAsync(db => DataVersions.AllAsync(db, default));

    [Fact]
    public async Task A_user_s_change_raises_its_commune_s_version_only()
    {
        var other = await app.WithSystemScopeAsync(db => Setup.CommuneSetup.CreateAsync(db, "Đảng bộ xã Phiên Bản", 2025, 2030, isDemo: false));
        var before = await VersionsAsync();
        var office = await Browser.LoginAsync(app, "office");
        (await office.PostFormAsync("/Hamlets/Edit", new() { ["Input.Name"] = "Ấp Phiên Bản", ["Input.Population"] = "10", ["Input.Households"] = "3" }))
            .StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect);
        var after = await VersionsAsync();
        after[app.Data.CommuneId].ShouldBeGreaterThan(before[app.Data.CommuneId]);
        after.GetValueOrDefault(other.Id).ShouldBe(before.GetValueOrDefault(other.Id));
    }

    [Fact]
    public async Task Adding_a_commune_raises_its_own_version_and_not_the_installations()
    {
        // The installation's version is in every commune's key: raised by an added commune, it would send every
        // commune's forecast back to "đang tính lại".
        var before = await VersionsAsync();
        var added = await app.WithSystemScopeAsync(db => Setup.CommuneSetup.CreateAsync(db, "Đảng bộ xã Mới Thêm", 2025, 2030, isDemo: false));
        var after = await VersionsAsync();
        after.GetValueOrDefault(DataVersions.Installation).ShouldBe(before.GetValueOrDefault(DataVersions.Installation));
        after[app.Data.CommuneId].ShouldBe(before[app.Data.CommuneId]);
        after.ShouldContainKey(added.Id);
    }

    [Fact]
    public async Task Steps_and_scans_written_without_a_commune_in_scope_raise_their_candidate_s_commune()
    {
        var d = app.Data;
        // Seeding, the command line and a generator write under the system scope, one row at a time or in bulk.
        var before = await VersionsAsync();
        var stepId = await app.WithSystemScopeAsync(async db =>
        {
            var step = new StepRecord { CandidateId = d.CandidateB, Kind = AdmissionStepKind.SourcePool, Date = new(2026, 1, 5), RecordedBy = "test" };
            db.AdmissionSteps.Add(step);
            await db.SaveChangesAsync();
            return step.Id;
        });
        var afterStep = await VersionsAsync();
        afterStep[d.CommuneId].ShouldBe(before[d.CommuneId] + 1);

        await app.WithSystemScopeAsync(async db =>
        {
            db.StepAttachments.Add(new StepAttachment
            {
                StepId = stepId, FileName = "bien-ban.pdf", ContentType = "application/pdf", Content = "%PDF-1.4"u8.ToArray(), Length = 8,
                UploadedAtUtc = DateTime.UtcNow, UploadedBy = "test",
            });
            return await db.SaveChangesAsync();
        });
        var afterScan = await VersionsAsync();
        afterScan[d.CommuneId].ShouldBe(afterStep[d.CommuneId] + 1);

        await app.WithSystemScopeAsync(async db =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await db.InsertNewAsync([new StepRecord { CandidateId = d.CandidateB, Kind = AdmissionStepKind.MentorAssigned, Date = new(2026, 1, 9), RecordedBy = "test" }], default);
            await tx.CommitAsync();
            return 0;
        });
        (await VersionsAsync())[d.CommuneId].ShouldBe(afterScan[d.CommuneId] + 1);
    }

    [Fact]
    public async Task A_change_of_a_candidate_s_sources_alone_raises_the_candidate_s_commune()
    {
        var d = app.Data;
        // The sources have no commune column (their category has): the candidate list keeps its rows, sources shown,
        // under this version, so a source added or taken away with nothing else must raise it. Under the system scope
        // the commune is the candidate's, read after the write.
        var before = await VersionsAsync();
        var otherSource = await app.WithSystemScopeAsync(async db =>
        {
            var other = await db.SourceCategories.Where(s => s.CommuneId == d.CommuneId && s.Id != d.SourceCategoryId).Select(s => s.Id).FirstAsync();
            db.CandidateSources.Add(new Core.People.CandidateSource { CandidateId = d.CandidateB, SourceCategoryId = other });
            await db.SaveChangesAsync();
            return other;
        });
        var afterAdd = await VersionsAsync();
        afterAdd[d.CommuneId].ShouldBe(before[d.CommuneId] + 1);

        // Under a commune user's scope (the office's), the commune is the scope's: taken away again.
        using (var scope = app.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<Web.Authorization.CurrentScope>().Set(
                new Web.Authorization.DataScope(false, d.CommuneId, true, [d.CellA, d.CellB], [], null, Web.Authorization.Roles.CommuneOffice));
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.CandidateSources.Remove(await db.CandidateSources.SingleAsync(s => s.CandidateId == d.CandidateB && s.SourceCategoryId == otherSource));
            await db.SaveChangesAsync();
        }
        (await VersionsAsync())[d.CommuneId].ShouldBe(afterAdd[d.CommuneId] + 1);
    }

    [Fact]
    public async Task The_sync_save_and_a_delete_raise_the_version_and_a_save_without_a_scope_raises_no_stray_row()
    {
        var d = app.Data;
        var before = await VersionsAsync();
        // The sync save (SaveChanges) takes its own path through the same raise.
        var stepId = await app.WithSystemScopeAsync(db =>
        {
            var step = new StepRecord { CandidateId = d.CandidateB, Kind = AdmissionStepKind.SourcePool, Date = new(2026, 1, 6), RecordedBy = "test" };
            db.AdmissionSteps.Add(step);
            db.SaveChanges();
            return Task.FromResult(step.Id);
        });
        var afterAdd = await VersionsAsync();
        afterAdd[d.CommuneId].ShouldBe(before[d.CommuneId] + 1);

        await app.WithSystemScopeAsync(async db =>
        {
            db.AdmissionSteps.Remove(await db.AdmissionSteps.SingleAsync(s => s.Id == stepId));
            return await db.SaveChangesAsync();
        });
        var afterDelete = await VersionsAsync();
        afterDelete[d.CommuneId].ShouldBe(afterAdd[d.CommuneId] + 1);

        // A context nobody set a scope on (DataScope.Nothing) still raises the step's own commune, never a row −1.
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.AdmissionSteps.Add(new StepRecord { CandidateId = d.CandidateB, Kind = AdmissionStepKind.SourcePool, Date = new(2026, 1, 7), RecordedBy = "test" });
            await db.SaveChangesAsync();
        }
        var afterUnscoped = await VersionsAsync();
        afterUnscoped[d.CommuneId].ShouldBe(afterDelete[d.CommuneId] + 1);
        afterUnscoped.Keys.ShouldAllBe(k => k >= 0);
    }

    [Fact]
    public async Task A_restore_moves_every_version_past_any_value_the_replaced_data_reached_even_after_it_was_read()
    {
        var d = app.Data;
        var gone = 987_654; // a commune of the replaced data that the backup does not have
        var after = await app.WithSystemScopeAsync(async db =>
        {
            // The restore read 7 for the commune; a write after that read raised it to 8, which a server may have cached.
            var before = new Dictionary<int, long> { [d.CommuneId] = 7, [gone] = 40 };
            // The backup put 5 back.
            await db.Database.ExecuteSqlAsync($"""UPDATE "DataVersions" SET "Value" = 5 WHERE "CommuneId" = {d.CommuneId}""");
            await DataVersions.MovePastAsync(db, before, app.Clock, default);
            return await DataVersions.AllAsync(db, default);
        });
        after[d.CommuneId].ShouldBeGreaterThan(8);
        after[d.CommuneId].ShouldBeGreaterThanOrEqualTo(DataVersions.Floor(app.Clock));
        after[gone].ShouldBeGreaterThan(40);
        // A commune's first version starts at the floor too: an id used again never starts where a server cached.
        var other = await app.WithSystemScopeAsync(db => Setup.CommuneSetup.CreateAsync(db, "Đảng bộ xã Mốc Thời Gian", 2025, 2030, isDemo: false));
        (await VersionsAsync())[other.Id].ShouldBeGreaterThanOrEqualTo(DataVersions.Floor(app.Clock));
        await app.WithSystemScopeAsync(db => db.Database.ExecuteSqlAsync($"""DELETE FROM "DataVersions" WHERE "CommuneId" = {gone}"""));
    }
}

public sealed class DataVersionTests_Sqlite(SqliteApp app) : DataVersionTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class DataVersionTests_Postgres(PostgresApp app) : DataVersionTests<PostgresApp>(app), IClassFixture<PostgresApp>;
