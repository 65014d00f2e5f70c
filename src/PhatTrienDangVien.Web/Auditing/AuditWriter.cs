using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using PhatTrienDangVien.Core.Common;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Auditing;

/// <summary>Who is acting, for the audit trail: the signed-in user, or the command line.</summary>
public sealed class AuditContext
{
    public string? UserId { get; set; }
    public string UserName { get; set; } = "hệ thống";
    public TimeProvider Clock { get; set; } = TimeProvider.System;
    /// <summary>Seals the tail of each audit chain (AuditTail); from the key-ring certificate, outside the database. Null: unsealed.</summary>
    public byte[]? SealKey { get; set; }
}

internal static class AuditWriter
{
    // Derived or secret columns: their values are noise or must never be copied anywhere.
    private static readonly HashSet<string> s_skipped =
    [
        nameof(Person.FullNameFolded), nameof(Person.NameSortKey), nameof(CommuneEntity.Version), "NameFolded",
        // File bytes: the audit row names the file, it does not copy it.
        nameof(Core.Admission.StepAttachment.Content),
        "PasswordHash", "SecurityStamp", "ConcurrencyStamp", "NormalizedUserName", "NormalizedEmail", "AccessFailedCount",
    ];

    private static readonly JsonSerializerOptions s_json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    internal sealed record Pending(EntityEntry Entry, AuditEntry Audit);

    public static List<Pending> Collect(AppDbContext db, AuditContext who)
    {
        var now = who.Clock.GetUtcNow().UtcDateTime;
        var list = new List<Pending>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            // Key material (data protection keys, authenticator secrets, recovery codes) must never be copied into the
            // audit trail; enabling a second factor is on the access trail instead.
            if (entry.Entity is AuditEntry or AuditTail or Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey
                or Microsoft.AspNetCore.Identity.IdentityUserToken<string> || entry.State is EntityState.Detached or EntityState.Unchanged) continue;
            var changes = entry.State == EntityState.Added ? AddedChanges(entry.Metadata, p => entry.Property(p).CurrentValue) : ChangedValues(entry);
            if (entry.State == EntityState.Modified && changes.Count == 0) continue;
            list.Add(new Pending(entry, Entry(db, who, now, entry.Metadata, entry.Entity, entry.State,
                entry.State == EntityState.Added ? "" : KeyOf(entry), changes)));
        }
        return list;
    }

    /// <summary>
    /// The audit row of a record written new without the change tracker (<see cref="AppDbContext.InsertNewAsync"/>):
    /// the same row <see cref="Collect"/> makes for an added entry, its key already known.
    /// </summary>
    public static AuditEntry Added(AppDbContext db, AuditContext who, DateTime now, IEntityType type, object entity) =>
        Entry(db, who, now, type, entity, EntityState.Added,
            string.Join(":", type.FindPrimaryKey()!.Properties.Select(k => k.GetGetter().GetClrValueUsingContainingEntity(entity))),
            AddedChanges(type, p => p.GetGetter().GetClrValueUsingContainingEntity(entity)));

    /// <summary>
    /// The audit row of a record deleted without the change tracker (<see cref="AppDbContext.DeleteLoadedAsync"/>): the
    /// same row <see cref="Collect"/> makes for a deleted entry, every stored value but derived and secret ones, as it was.
    /// </summary>
    public static AuditEntry Deleted(AppDbContext db, AuditContext who, DateTime now, IEntityType type, object entity)
    {
        var changes = new Dictionary<string, object?[]>();
        foreach (var p in type.GetProperties())
            if (!s_skipped.Contains(p.Name)) changes[p.Name] = [p.GetGetter().GetClrValueUsingContainingEntity(entity), null];
        return Entry(db, who, now, type, entity, EntityState.Deleted,
            string.Join(":", type.FindPrimaryKey()!.Properties.Select(k => k.GetGetter().GetClrValueUsingContainingEntity(entity))), changes);
    }

    private static Dictionary<string, object?[]> ChangedValues(EntityEntry entry)
    {
        var changes = new Dictionary<string, object?[]>();
        foreach (var p in entry.Properties)
        {
            if (p.Metadata.IsPrimaryKey() && entry.State != EntityState.Deleted || s_skipped.Contains(p.Metadata.Name)) continue;
            if (entry.State == EntityState.Deleted) changes[p.Metadata.Name] = [p.OriginalValue, null];
            else if (p.IsModified && !Equals(p.OriginalValue, p.CurrentValue)) changes[p.Metadata.Name] = [p.OriginalValue, p.CurrentValue];
        }
        return changes;
    }

    // What an added record's row lists: every stored value but its key, derived and secret columns, and nulls.
    private static Dictionary<string, object?[]> AddedChanges(IEntityType type, Func<IProperty, object?> value)
    {
        var changes = new Dictionary<string, object?[]>();
        foreach (var p in type.GetProperties())
        {
            if (p.IsPrimaryKey() || s_skipped.Contains(p.Name)) continue;
            if (value(p) is { } v) changes[p.Name] = [null, v];
        }
        return changes;
    }

    /// <summary>The commune of a case: from the context when it is being saved with it, else from the database.</summary>
    private static int? CommuneOfCase(AppDbContext db, int candidateId) =>
        db.Candidates.Local.FirstOrDefault(c => c.Id == candidateId)?.CommuneId
        // Bypass reviewed: the system writes (no scope to filter by); one column of one row, to label the audit row.
        ?? db.Candidates.IgnoreQueryFilters().Where(c => c.Id == candidateId).Select(c => (int?)c.CommuneId).FirstOrDefault();

    private static AuditEntry Entry(AppDbContext db, AuditContext who, DateTime now, IEntityType type, object entity, EntityState state, string key,
        Dictionary<string, object?[]> changes) => new()
        {
            CommuneId = entity switch
            {
                // 0: a commune's root before its first save gives it its own id (its creation is the installation's: the
                // province's act), or a province board's account.
                CommuneEntity c => c.CommuneId > 0 ? c.CommuneId : null,
                AppUser u => u.CommuneId > 0 ? u.CommuneId : null,
                // A case's parts carry no commune of their own: the case's. Written by the system (the demo, the command
                // line) they would otherwise have none and never show on the commune's audit page.
                Core.Admission.StepRecord step when db.Scope.Unrestricted => CommuneOfCase(db, step.CandidateId),
                Core.People.CandidateSource source when db.Scope.Unrestricted => CommuneOfCase(db, source.CandidateId),
                // The national rules and calendar changed by the province board are the installation's, whatever commune
                // it is looking into.
                _ => db.Scope.Unrestricted || db.Scope.Role == Authorization.Roles.ProvinceBoard || db.Scope.CommuneId <= 0 ? null : db.Scope.CommuneId,
            },
            AtUtc = now,
            UserId = who.UserId,
            UserName = who.UserName,
            EntityType = type.ClrType.Name,
            EntityId = key,
            Action = state switch
            {
                // A record an Excel import created says so; its ImportBatchId names the batch, which names the file.
                EntityState.Added when type.FindProperty("ImportBatchId") is { } batch && changes.ContainsKey(batch.Name) => "Nhập từ Excel",
                EntityState.Added => "Tạo mới",
                EntityState.Deleted => "Xóa",
                _ => "Sửa",
            },
            Changes = JsonSerializer.Serialize(changes, s_json),
        };

    /// <summary>
    /// Fills in the keys, which the database assigns to added rows only during the save — the row's own key and the
    /// keys it points at: a candidate added with its new person held EF's temporary (negative) person key until then.
    /// </summary>
    public static IEnumerable<AuditEntry> Complete(List<Pending> pending) => pending.Select(p =>
    {
        if (p.Audit.EntityId.Length == 0)
        {
            p.Audit.EntityId = KeyOf(p.Entry);
            p.Audit.Changes = JsonSerializer.Serialize(AddedChanges(p.Entry.Metadata, q => p.Entry.Property(q.Name).CurrentValue), s_json);
        }
        return p.Audit;
    });

    private static string KeyOf(EntityEntry entry) =>
        string.Join(":", entry.Metadata.FindPrimaryKey()!.Properties.Select(k => entry.Property(k.Name).CurrentValue));
}
