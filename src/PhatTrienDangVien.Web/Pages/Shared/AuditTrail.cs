using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Web.Auditing;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Pages.Shared;

public static class AuditTrail
{
    public sealed record Change(string Field, string? Old, string? New);

    public static async Task<List<AuditEntry>> ForAsync(AppDbContext db, CancellationToken ct, params (string Type, int Id)[] records)
    {
        var keys = records.Select(r => r.Type + "#" + r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var entries = new List<AuditEntry>();
        foreach (var (type, id) in records)
        {
            var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            entries.AddRange(await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == type && a.EntityId == key).ToListAsync(ct));
        }
        return entries.OrderByDescending(e => e.AtUtc).ThenByDescending(e => e.Id).ToList();
    }

    public static IEnumerable<Change> Changes(AuditEntry e)
    {
        var map = JsonSerializer.Deserialize<Dictionary<string, JsonElement[]>>(e.Changes) ?? [];
        return map.Select(kv => new Change(kv.Key, Show(kv.Value.ElementAtOrDefault(0)), Show(kv.Value.ElementAtOrDefault(1))));
    }

    private static string? Show(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => v.GetString(),
        _ => v.GetRawText(),
    };

    public static string Local(DateTime utc) =>
        Core.Common.VietnamTime.Local(utc).ToString("dd/MM/yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
