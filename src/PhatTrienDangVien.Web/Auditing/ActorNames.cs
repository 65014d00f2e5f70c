using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Auditing;

/// <summary>
/// Who did something, as colleagues know them: the account's full name, or the name of the member the account is
/// linked to. The trail and the steps keep the login (it never changes meaning); a reader sees the person. The login
/// is shown only for an account without any name, and a name typed at a refused sign-in stays as typed.
/// </summary>
public static class ActorNames
{
    public static async Task<Dictionary<string, string>> OfAsync(AppDbContext db, IEnumerable<(string? UserId, string UserName)> actors, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var list = actors.ToList();
        var ids = list.Where(a => a.UserId is not null).Select(a => a.UserId!).Distinct().ToList();
        var logins = list.Where(a => a.UserId is null && a.UserName.Length > 0).Select(a => a.UserName).Distinct().ToList();
        if (ids.Count == 0 && logins.Count == 0) return [];
        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id) || logins.Contains(u.UserName!))
            .Select(u => new { u.Id, u.UserName, u.FullName, u.MemberId }).ToListAsync(ct);
        var memberIds = users.Where(u => u.FullName.Length == 0 && u.MemberId is not null).Select(u => u.MemberId!.Value).ToList();
        // Bypass reviewed: only the name of the member an account stands for, the way the trail names who acted.
        var members = memberIds.Count == 0 ? [] : await db.Members.WholeCommune().AsNoTracking().Where(m => memberIds.Contains(m.Id))
            .Select(m => new { m.Id, m.Person.FullName }).ToDictionaryAsync(m => m.Id, m => m.FullName, ct);
        var names = new Dictionary<string, string>();
        foreach (var u in users)
        {
            var name = u.FullName.Length > 0 ? u.FullName : u.MemberId is { } m && members.TryGetValue(m, out var member) ? member : null;
            if (name is null) continue;
            names[u.Id] = name;
            if (u.UserName is { } login) names["@" + login] = name;
        }
        return names;
    }

    /// <summary>The name of one actor from <see cref="OfAsync"/>'s answer; the login as it was when no name is known.</summary>
    public static string Of(Dictionary<string, string> names, string? userId, string userName)
    {
        ArgumentNullException.ThrowIfNull(names);
        return userId is not null && names.TryGetValue(userId, out var byId) ? byId
            : names.TryGetValue("@" + userName, out var byLogin) ? byLogin : userName;
    }

    /// <summary>Logins kept on records (a step's "Người ghi") by the names of their accounts.</summary>
    public static async Task<Dictionary<string, string>> OfLoginsAsync(AppDbContext db, IEnumerable<string> logins, CancellationToken ct) =>
        await OfAsync(db, logins.Select(l => ((string?)null, l)), ct);
}
