using Microsoft.Extensions.DependencyInjection;
using PhatTrienDangVien.Web.Auditing;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Architecture;

/// <summary>
/// The change history reads in Vietnamese: every audited kind of record has a name and every stored column a label,
/// or is one of the technical columns never shown. A new column fails here until it is given one.
/// </summary>
public abstract class AuditLabelTests<TApp>(TApp app) where TApp : AppFactory
{
    // Not audited (written outside SaveChanges' trail, or the trail itself), or framework tables nobody edits.
    private static readonly HashSet<string> s_notAudited =
    [
        nameof(AuditEntry), nameof(AuditTail), nameof(DataVersion), "DataProtectionKey", "Notification", "BackupRun", nameof(JobClaim), "SignInFailure",
        "IdentityRole", "IdentityUserClaim<string>", "IdentityUserLogin<string>", "IdentityUserRole<string>",
        "IdentityUserToken<string>", "IdentityRoleClaim<string>",
    ];

    [Fact]
    public void Every_audited_record_and_column_reads_in_vietnamese()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var missing = new List<string>();
        foreach (var type in db.Model.GetEntityTypes().Where(t => !t.IsOwned()))
        {
            var name = type.ClrType.Name;
            if (s_notAudited.Contains(type.DisplayName()) || s_notAudited.Contains(name)) continue;
            if (!AuditView.TypeNames.ContainsKey(name)) missing.Add($"{name}: no Vietnamese name");
            foreach (var p in type.GetProperties().Where(p => !p.IsShadowProperty()))
                if (!AuditView.Hidden.Contains(p.Name) && !AuditView.Labels.ContainsKey(p.Name)) missing.Add($"{name}.{p.Name}: no label");
        }
        missing.ShouldBeEmpty();
    }
}

public sealed class AuditLabelTests_Sqlite(SqliteApp app) : AuditLabelTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class AuditLabelTests_Postgres(PostgresApp app) : AuditLabelTests<PostgresApp>(app), IClassFixture<PostgresApp>;
