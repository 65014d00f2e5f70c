using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using PhatTrienDangVien.Web.Setup;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Security;

/// <summary>
/// The data-protection keys in the database are encrypted with a certificate kept outside it: a copy of the database
/// opened with another certificate neither accepts a session cookie nor reads the SMTP password; with the right
/// certificate it does both (so the test can fail).
/// </summary>
public sealed class KeyRingTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private const string SmtpPurpose = "PhatTrienDangVien.Notifications.SmtpPassword";

    [Fact]
    public async Task Stored_keys_carry_no_plaintext_master_key_and_the_certificate_is_outside_the_database()
    {
        await CookieLogin.SignInAsync(app, "admin");
        var keys = await app.WithSystemScopeAsync(db => db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml ?? "").ToListAsync());
        keys.ShouldNotBeEmpty();
        foreach (var xml in keys)
        {
            xml.ShouldContain("encryptedSecret");
            xml.ShouldContain("EncryptedData");
            xml.ShouldNotContain("<masterKey");
            xml.ShouldNotContain("<value>");
        }
        var cert = app.Services.GetRequiredService<KeyRingCertificate>().Path;
        File.Exists(cert).ShouldBeTrue();
        Path.GetFileName(cert).ShouldBe(KeyRingCertificate.FileName);
        Path.GetDirectoryName(cert).ShouldNotBe(Path.GetDirectoryName(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(app.ConnectionString).DataSource));
    }

    [Fact]
    public async Task Keys_stored_in_clear_before_the_upgrade_are_removed_at_start()
    {
        await CookieLogin.SignInAsync(app, "admin");
        var encrypted = await app.WithSystemScopeAsync(db => db.DataProtectionKeys.CountAsync());
        await app.WithSystemScopeAsync(async db =>
        {
            db.DataProtectionKeys.Add(new() { FriendlyName = "key-old", Xml = "<key id=\"00000000-0000-0000-0000-000000000001\" version=\"1\"><descriptor><descriptor><masterKey><value>QUFBQQ==</value></masterKey></descriptor></descriptor></key>" });
            return await db.SaveChangesAsync();
        });
        await DatabaseSetup.MigrateAsync(app.Services);
        var left = await app.WithSystemScopeAsync(db => db.DataProtectionKeys.AsNoTracking().Select(k => k.FriendlyName).ToListAsync());
        left.ShouldNotContain("key-old");
        left.Count.ShouldBe(encrypted, "the encrypted keys stay");
    }

    [Fact]
    public async Task A_copy_of_the_database_with_another_certificate_reads_no_session_and_no_smtp_password()
    {
        var cookie = await CookieLogin.SignInAsync(app, "admin");
        CookieLogin.SignedIn(await CookieLogin.GetWithAsync(app, "/", cookie)).ShouldBeTrue();
        var protectedPassword = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(SmtpPurpose).Protect("mat-khau-smtp");

        var folder = Path.Combine(Path.GetTempPath(), "ptdv_keyring_" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        var copy = Path.Combine(folder, "copy.db");
        try
        {
            await app.WithSystemScopeAsync(db => db.Database.ExecuteSqlAsync($"VACUUM INTO {copy}"));

            // The thief's copy, with a certificate of their own (made next to the copy, as on a first start).
            await using (var stolen = new CopyApp(copy, null, app.Clock))
            {
                CookieLogin.SignedIn(await CookieLogin.GetWithAsync(stolen, "/", cookie)).ShouldBeFalse("a forged or replayed session needs the key ring");
                var protector = stolen.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(SmtpPurpose);
                Should.Throw<CryptographicException>(() => protector.Unprotect(protectedPassword));
            }

            // The same copy with the installation's certificate (a restore with its key backup) reads both.
            await using var restored = new CopyApp(copy, app.Services.GetRequiredService<KeyRingCertificate>().Path, app.Clock);
            CookieLogin.SignedIn(await CookieLogin.GetWithAsync(restored, "/", cookie)).ShouldBeTrue();
            restored.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(SmtpPurpose).Unprotect(protectedPassword).ShouldBe("mat-khau-smtp");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed class CopyApp(string file, string? certificate, FakeTimeProvider clock) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("ConnectionStrings:Default", $"Data Source={file}");
            if (certificate is not null) builder.UseSetting("DataProtection:CertificatePath", certificate);
            builder.ConfigureServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(clock);
            });
        }
    }
}
