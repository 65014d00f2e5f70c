using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Auditing;
using PhatTrienDangVien.Web.Authorization;

namespace PhatTrienDangVien.Web.People;

/// <summary>
/// Citizen ID and phone numbers, the identifiers that let a list be matched against other registers: masked
/// (<c>0890******16</c>) on every page, list, export and API answer; in full only to a role with
/// <see cref="Permission.ViewPersonalIdentifiers"/> that asks for them, and each time on the access trail
/// (docs/decisions/0017-masked-identifiers.md). The one place that masks and decides; pages, exports and the API call it.
/// </summary>
public sealed class PersonalData(Access access, AccessTrail trail)
{
    public const char MaskChar = '*';

    public const string MaskedCitizenIdMismatch =
        "Số CCCD đang hiện dạng che (có dấu *) không khớp với số đã lưu (có thể vừa được người khác sửa): để thay, hãy nhập đủ 12 chữ số; để giữ số đã lưu, hãy tải lại trang.";

    public const string MaskedPhoneMismatch =
        "Số điện thoại đang hiện dạng che (có dấu *) không khớp với số đã lưu: để thay, hãy nhập đủ 10 chữ số; để giữ số đã lưu, hãy tải lại trang.";

    public const string NotAllowed = "Tài khoản của đồng chí chỉ xem được số CCCD, số điện thoại dạng che; chỉ Văn phòng Đảng ủy và quản trị xem được số đầy đủ.";

    /// <summary>Where the full numbers were shown, as the trail names it.</summary>
    public const string ViaPersonPage = "Trang hồ sơ";

    /// <summary>The first four and the last two characters, stars between: <c>089012345616</c> → <c>0890******16</c>,
    /// <c>0912345678</c> → <c>0912****78</c>. Masking a masked value gives it back unchanged.</summary>
    public static string? Mask(string? value)
    {
        if (string.IsNullOrEmpty(value)) return value;
        if (value.Length <= 6) return new string(MaskChar, value.Length);
        return string.Concat(value.AsSpan(0, 4), new string(MaskChar, value.Length - 6), value.AsSpan(value.Length - 2));
    }

    public static bool IsMasked(string? value) => value?.Contains(MaskChar, StringComparison.Ordinal) == true;

    /// <summary>The stored columns that are identifiers (of a person), for the audit views.</summary>
    public static bool IsIdentifier(string column) => column is nameof(Person.CitizenId) or nameof(Person.Phone);

    /// <summary>The person's fields as anyone may read them: identifiers masked.</summary>
    public static PersonInput Masked(PersonInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.WithIdentifiers(Mask(input.CitizenId), Mask(input.Phone));
    }

    /// <summary>Whether this user may have the full numbers shown (never by default: they ask, and it is recorded).</summary>
    public bool MayReveal => access.Has(Permission.ViewPersonalIdentifiers);

    /// <summary>
    /// Records that the full numbers of these people were shown to the user, then says yes; says no (and records
    /// nothing) to a user without the permission.
    /// </summary>
    public async Task<bool> RevealAsync(IReadOnlyCollection<Person> people, string via, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(people);
        if (!MayReveal) return false;
        var facts = people.Count == 1
            ? new Dictionary<string, object> { ["PersonId"] = people.First().Id, ["Person"] = people.First().FullName, ["Via"] = via }
            : new Dictionary<string, object> { ["List"] = via, ["Rows"] = people.Count };
        await trail.PersonalDataAsync(AccessTrail.ShownIdentifiers, facts, ct);
        return true;
    }

    /// <summary>The person's fields for a reader: full after <see cref="RevealAsync"/> said yes, masked otherwise.</summary>
    public static PersonInput ForReader(Person person, bool revealed)
    {
        var input = PersonInput.From(person);
        return revealed ? input : Masked(input);
    }

    /// <summary>
    /// A form or an API body sends back the masked value it was given: that means "keep the stored number", never
    /// "store the stars". A masked value that is not the stored number's mask is refused (nothing is guessed).
    /// </summary>
    public static void KeepStored(PersonInput input, Person? stored, Errors errors, string prefix)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(errors);
        var citizenId = input.CitizenId?.Trim();
        if (IsMasked(citizenId))
        {
            if (stored?.CitizenId is { } id && Mask(id) == citizenId) input.KeepsStoredCitizenId = true;
            else errors.Add(prefix + nameof(PersonInput.CitizenId), MaskedCitizenIdMismatch);
        }
        var phone = input.Phone?.Trim();
        if (IsMasked(phone))
        {
            if (stored?.Phone is { } p && Mask(p) == phone) input.KeepsStoredPhone = true;
            else errors.Add(prefix + nameof(PersonInput.Phone), MaskedPhoneMismatch);
        }
    }
}
