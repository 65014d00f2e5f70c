using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Notifications;

/// <summary>The hosted service on the application's own clock: a new day brings that day's alerts without anyone asking.</summary>
public abstract class BackgroundAlertTests<TApp>(TApp app) where TApp : AppFactory
{
    [Fact]
    public async Task The_background_service_generates_the_alerts_of_a_new_day_on_its_own()
    {
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddHours(7));
        // Added 30 days ago without a mentor: nothing today, an alert tomorrow (day 31).
        var id = await app.WithSystemScopeAsync(async db =>
        {
            var c = new Candidate
            {
                CommuneId = app.Data.CommuneId, CellId = app.Data.CellA, AddedOn = today.AddDays(-30),
                Person = TestData.NewPerson(app.Data.CommuneId, "Lâm Thị Nền", "089300123999", null, 2001, Core.Reference.Gender.Female),
            };
            db.Candidates.Add(c);
            await db.SaveChangesAsync();
            db.AdmissionSteps.Add(new StepRecord { CandidateId = c.Id, Kind = AdmissionStepKind.SourcePool, Date = c.AddedOn, RecordedBy = "test" });
            await db.SaveChangesAsync();
            return c.Id;
        });
        Task<int> CountAsync() => app.WithSystemScopeAsync(db => db.Notifications.CountAsync(n => n.CandidateId == id));
        (await CountAsync()).ShouldBe(0);

        app.Clock.Advance(TimeSpan.FromDays(1));
        var count = 0;
        for (var i = 0; i < 200 && count == 0; i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
            count = await CountAsync();
        }
        count.ShouldBe(2, "the cell secretary and the committee member in charge");
    }
}

public sealed class BackgroundAlertTests_Sqlite(SqliteApp app) : BackgroundAlertTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class BackgroundAlertTests_Postgres(PostgresApp app) : BackgroundAlertTests<PostgresApp>(app), IClassFixture<PostgresApp>;
