using PhatTrienDangVien.Core.People;

namespace PhatTrienDangVien.Web.Pages.Shared;

/// <summary>
/// The person block of a member's or candidate's page: <paramref name="Full"/> after the user asked to see the numbers
/// and <see cref="People.PersonalData.RevealAsync"/> recorded it; <paramref name="MayReveal"/> shows the "Hiện số" button.
/// </summary>
public sealed record PersonCard(Person Person, bool Full, bool MayReveal);
