using Microsoft.Extensions.DependencyInjection;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Core.Reference;
using PhatTrienDangVien.Core.Text;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Accounts;
using PhatTrienDangVien.Web.Setup;

namespace PhatTrienDangVien.Web.Tests.Infrastructure;

/// <summary>
/// A small commune with two cells, A and B, one record of every kind in each, and one account per role whose
/// scope is cell A (where the role is scoped at all). Tests try to reach cell B's records with these accounts.
/// </summary>
public sealed class TestData
{
    public const string Password = "Test-12345x";

    /// <summary>The authenticator key of the seeded administrator and office accounts, whose role requires a second
    /// factor: <see cref="Browser.LoginAsync"/> computes their code from the stored key (<see cref="Totp"/>).</summary>
    public const string AuthenticatorKey = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    public int CommuneId { get; private set; }
    public int SubCommitteeId { get; private set; }
    public int CellA { get; private set; }
    public int CellB { get; private set; }
    public int HamletA { get; private set; }
    public int MemberA { get; private set; }
    public int MemberB { get; private set; }
    public int CandidateA { get; private set; }
    public int CandidateB { get; private set; }
    public int MentorMemberA { get; private set; }
    public int CommitteeMemberId { get; private set; }
    public int SourceCategoryId { get; private set; }

    public static readonly IReadOnlyDictionary<string, string> UserOfRole = new Dictionary<string, string>
    {
        [Roles.Administrator] = "admin",
        [Roles.CommuneOffice] = "office",
        [Roles.CommitteeMember] = "committee",
        [Roles.CellSecretary] = "secretary",
        [Roles.Mentor] = "mentor",
        [Roles.Inspector] = "inspector",
    };

    public static async Task<TestData> SeedAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentScope>().Set(DataScope.System);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var accounts = scope.ServiceProvider.GetRequiredService<CreateAccount>();
        var d = new TestData();

        var commune = await CommuneSetup.CreateAsync(db, "Đảng bộ xã Thử Nghiệm", 2025, 2030, isDemo: false);
        d.CommuneId = commune.Id;
        var hamlet = new Hamlet { CommuneId = commune.Id, Name = "Ấp Mỹ Lợi", Population = 2000, Households = 500 };
        db.Hamlets.Add(hamlet);
        var sub = Org(commune.Id, "Đảng bộ bộ phận Khối Trường", OrganisationKind.SubCommittee, commune.Id);
        db.Organisations.Add(sub);
        await db.SaveChangesAsync();
        var a = Org(commune.Id, "Chi bộ Ấp Mỹ Lợi", OrganisationKind.Cell, commune.Id, CellKind.Hamlet);
        a.HamletId = hamlet.Id;
        var b = Org(commune.Id, "Chi bộ Trường Tiểu học", OrganisationKind.Cell, sub.Id, CellKind.School);
        db.Organisations.AddRange(a, b);
        await db.SaveChangesAsync();
        d.HamletA = hamlet.Id;
        d.SubCommitteeId = sub.Id;
        d.CellA = a.Id;
        d.CellB = b.Id;

        var memberA = NewMember(commune.Id, a.Id, "Nguyễn Văn Ẩn", "089080000001", hamlet.Id);
        var mentorA = NewMember(commune.Id, a.Id, "Trần Thị Bình", "089180000002", hamlet.Id);
        var committee = NewMember(commune.Id, a.Id, "Lê Văn Cường", "089070000003", hamlet.Id);
        var memberB = NewMember(commune.Id, b.Id, "Phạm Thị Dung", "089185000004", null);
        db.Members.AddRange(memberA, mentorA, committee, memberB);
        await db.SaveChangesAsync();
        d.MemberA = memberA.Id;
        d.MentorMemberA = mentorA.Id;
        d.CommitteeMemberId = committee.Id;
        d.MemberB = memberB.Id;

        var source = db.SourceCategories.First(s => s.CommuneId == commune.Id && s.Code == "DOAN_VIEN");
        d.SourceCategoryId = source.Id;
        var candA = NewCandidate(commune.Id, a.Id, "Võ Minh Đức", "089200000005", source.Id, mentorA.Id);
        var candB = NewCandidate(commune.Id, b.Id, "Huỳnh Ngọc Ánh", "089300000006", source.Id, null);
        db.Candidates.AddRange(candA, candB);
        db.CellResponsibilities.Add(new CellResponsibility { CommuneId = commune.Id, MemberId = committee.Id, CellId = a.Id, From = new DateOnly(2025, 10, 1) });
        await db.SaveChangesAsync();
        d.CandidateA = candA.Id;
        d.CandidateB = candB.Id;

        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
        foreach (var (role, user) in UserOfRole)
        {
            var account = await accounts.CreateAsync(user, Password, "Người dùng " + user, role, commune.Id,
                organisationId: role == Roles.CellSecretary ? a.Id : null,
                memberId: role switch { Roles.CommitteeMember => committee.Id, Roles.Mentor => mentorA.Id, _ => null });
            if (TwoFactor.RequiredFor(role)) await TwoFactor.EnableWithKnownKeyAsync(users, account, AuthenticatorKey);
        }
        return d;
    }

    private static Organisation Org(int communeId, string name, OrganisationKind kind, int parentId, CellKind? cellKind = null) => new()
    {
        CommuneId = communeId, Name = name, Kind = kind, ParentId = parentId, CellKind = cellKind,
    };

    public static Person NewPerson(int communeId, string name, string citizenId, int? hamletId, int birthYear = 1980, Gender gender = Gender.Male) => new()
    {
        CommuneId = communeId, FullName = name,
        Gender = gender, DateOfBirth = new DateOnly(birthYear, 3, 15), CitizenId = citizenId, HamletId = hamletId,
    };

    private static Member NewMember(int communeId, int cellId, string name, string citizenId, int? hamletId) => new()
    {
        CommuneId = communeId, CellId = cellId, Status = MemberStatus.Official, Person = NewPerson(communeId, name, citizenId, hamletId,
            1900 + int.Parse(citizenId.AsSpan(4, 2), System.Globalization.CultureInfo.InvariantCulture), citizenId[3] == '1' ? Gender.Female : Gender.Male),
        CeremonyDate = new DateOnly(2010, 5, 19), OfficialDate = new DateOnly(2011, 5, 19),
    };

    private static Candidate NewCandidate(int communeId, int cellId, string name, string citizenId, int sourceId, int? mentorId) => new()
    {
        CommuneId = communeId, CellId = cellId, AddedOn = new DateOnly(2026, 1, 5), MentorMemberId = mentorId,
        Person = NewPerson(communeId, name, citizenId, null, 2000, citizenId[3] == '3' ? Gender.Female : Gender.Male),
        Sources = [new CandidateSource { SourceCategoryId = sourceId }],
    };
}
