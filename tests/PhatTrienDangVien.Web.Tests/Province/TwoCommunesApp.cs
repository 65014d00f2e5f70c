using Microsoft.Extensions.DependencyInjection;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Tests.Demo;
using PhatTrienDangVien.Web.Tests.Infrastructure;

namespace PhatTrienDangVien.Web.Tests.Province;

/// <summary>
/// One installation holding two communes: the demo commune (every kind of record, years of history) and the small
/// test commune of <see cref="TestData"/> with its accounts. Each commune's users are tried against the other's records.
/// </summary>
public abstract class TwoCommunesApp(Engine engine) : DemoAppFactory(engine)
{
    public TestData Data { get; private set; } = null!;

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // A province installation names its province: the board's reports are headed by its committee.
        builder.UseSetting("Province:Committee", "An Giang");
    }

    protected override async Task SeededAsync()
    {
        Data = await TestData.SeedAsync(Services);
        // The demo records no scans and raises its alerts only when the daily run comes: one file on a demo step, and
        // the day's alerts, so that files and notifications are there to be hidden too.
        await WithSystemScopeAsync(async (db, services) =>
        {
            var step = db.AdmissionSteps.Where(s => db.Candidates.Any(c => c.Id == s.CandidateId && c.CommuneId != Data.CommuneId)).OrderBy(s => s.Id).First();
            db.StepAttachments.Add(new Core.Admission.StepAttachment
            {
                StepId = step.Id, FileName = "bien-ban-hop-chi-bo.pdf", ContentType = "application/pdf", Content = "%PDF-1.4 demo"u8.ToArray(), Length = 13,
                UploadedAtUtc = Clock.GetUtcNow().UtcDateTime, UploadedBy = "vanphong",
            });
            await db.SaveChangesAsync();
            await services.GetRequiredService<Web.Notifications.AlertGenerator>().RunAsync(DemoAppFactory.Today);
            return 0;
        });
    }

    /// <summary>A signed-in user of <paramref name="communeId"/> who reads the whole commune (the office's scope).</summary>
    public static DataScope OfficeOf(int communeId) => new(false, communeId, true, [], [], null, Roles.CommuneOffice);
}

public sealed class TwoCommunesSqliteApp() : TwoCommunesApp(Engine.Sqlite);

public sealed class TwoCommunesPostgresApp() : TwoCommunesApp(Engine.Postgres);
