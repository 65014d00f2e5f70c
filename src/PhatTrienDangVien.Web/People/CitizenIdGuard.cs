using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Auditing;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.People;

/// <summary>
/// A citizen ID is unique in the installation, so "already in the system" tells whoever types a number whether it
/// belongs to someone: with the mask (first four, last two digits) and the birth year a user can read, about 10,000
/// guesses find anyone's number. So the uniqueness check comes last, after every other field has passed (a wrong guess
/// saves the record, on the audit trail, instead of being a free question); each number found taken is on the access
/// trail; and a user who may not see the numbers (<see cref="Permission.ViewPersonalIdentifiers"/>) sets at most
/// <see cref="DailyLimit"/> numbers in 24 hours — a cell's new candidates of a day, not a search.
/// </summary>
public sealed class CitizenIdGuard(AppDbContext db, Access access, AuditContext who, AccessTrail trail, TimeProvider clock)
{
    public const int DailyLimit = 30;

    public static string LimitMessage => $"Trong 24 giờ qua tài khoản này đã nhập {DailyLimit} số CCCD; số tiếp theo hãy nhờ Văn phòng Đảng ủy nhập.";

    /// <summary>Call after every other check of the save, with its errors: adds the citizen ID's, if any.</summary>
    public async Task CheckAsync(PersonInput input, Person? stored, Errors errors, string prefix, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Any || !input.SetsCitizenId(stored)) return;
        if (!access.Has(Permission.ViewPersonalIdentifiers))
        {
            var since = clock.GetUtcNow().UtcDateTime.AddHours(-24);
            var used = await db.AuditEntries.CountAsync(a => a.UserId == who.UserId && a.AtUtc >= since
                && (a.Action == AccessTrail.CitizenIdTaken || (a.EntityType == nameof(Person) && a.Changes.Contains("\"CitizenId\""))), ct);
            if (used >= DailyLimit)
            {
                errors.Add(prefix + nameof(PersonInput.CitizenId), LimitMessage);
                return;
            }
        }
        if (await input.CitizenIdTakenAsync(errors, prefix, db, stored?.Id, ct)) await trail.CitizenIdTakenAsync(stored?.Id, ct);
    }
}
