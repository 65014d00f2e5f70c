using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Core.Reference;
using PhatTrienDangVien.Core.Text;
using PhatTrienDangVien.Web.Accounts;
using PhatTrienDangVien.Web.Admission;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Calendar;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Setup;

namespace PhatTrienDangVien.Web.Demo;

/// <summary>
/// A fictional commune shaped like Nhơn Mỹ: about 1,300 members in 25 cells, 2 sub-committees, 15 hamlets, a term
/// 2025–2030 opened by the congress of <see cref="Congress"/> with 130 to admit (26 a year). Its history is built
/// relative to today (the injected clock), so it reads the same whether seeded in 2026 or in 2029:
/// about 26 ceremonies a year spread over the months, those before <see cref="SoftwareStart"/> typed into the
/// register only (no case), the later ones recorded step by step through <see cref="RecordStep"/>
/// (<see cref="DemoHistories"/>); a pool of about 150 where many wait for years, some stall and about ten a year
/// withdraw; members who die or move away; targets for the term, every year and every cell for each year adopted so far.
/// Deterministic (fixed seed) so that screenshots and tests agree.
/// </summary>
public sealed class DemoSeeder(AppDbContext db, CreateAccount accounts, Microsoft.AspNetCore.Identity.UserManager<AppUser> users, TimeProvider clock, RecordStep recorder, VoterRegister register,
    RuleBookProvider ruleBooks, CalendarService calendars, Inspections.InspectionChecklist inspectionChecklist, Evaluations.CellDevelopment development)
{
    public const string DemoPassword = "NhonMy-2025";

    /// <summary>
    /// The authenticator key of the demo accounts that must use a second factor (quantri, vanphong): printed on start
    /// so a tester adds it to an authenticator app (decision 0016). Demo data only; never on a real account.
    /// </summary>
    public const string DemoAuthenticatorKey = "NHONMYDEMOPTDVKEYTESTTWOFACTOR23";

    /// <summary>The congress that opened the term 2025–2030.</summary>
    public static readonly DateOnly Congress = new(2025, 7, 1);

    /// <summary>The day the office began using the software: admissions before it are in the register without a case.</summary>
    public static readonly DateOnly SoftwareStart = new(2025, 10, 1);

    /// <summary>The previous term's last two years are admitted at the same pace, so probation and recognition run on into this term.</summary>
    private static readonly DateOnly s_flowStart = Congress.AddYears(-2);

    /// <summary>The pace of admissions, as the plan asks (130 over five years).</summary>
    public const int AdmissionsPerYear = 26;

    /// <summary>At most this many ceremonies on one day across the commune (two cells may hold theirs the same evening).</summary>
    public const int MaxCeremoniesPerDay = 2;

    // Ceremonies cluster a little before Tết and around the 3/2, 19/5 and 2/9 anniversaries; the weights average 1.
    private static readonly double[] s_monthWeights = [1.2, 1.3, 0.8, 0.8, 1.2, 0.8, 0.8, 1.0, 1.3, 0.9, 0.9, 1.0];

    public static readonly IReadOnlyList<(string User, string Role, string Description)> Logins =
    [
        ("quantri", Roles.Administrator, "quản trị hệ thống"),
        ("vanphong", Roles.CommuneOffice, "Văn phòng Đảng ủy: toàn bộ dữ liệu"),
        ("capuy", Roles.CommitteeMember, "cấp ủy viên phụ trách các chi bộ được giao"),
        ("bithu", Roles.CellSecretary, "Bí thư Chi bộ ấp Nhơn Hòa"),
        ("giupdo", Roles.Mentor, "đảng viên giúp đỡ quần chúng"),
        ("kiemtra", Roles.Inspector, "Ủy ban Kiểm tra: xem tất cả, ghi kiểm tra, giám sát"),
        ("bantochuc", Roles.ProvinceBoard, "Ban Tổ chức Tỉnh ủy: các xã cạnh nhau, xem từng xã (chỉ xem)"),
    ];

    private static readonly string[] s_hamlets =
    [
        "Nhơn Hòa", "Nhơn Thuận", "Nhơn Lợi", "Nhơn Hiệp", "Nhơn An", "Nhơn Phú", "Nhơn Quới", "Mỹ Thạnh",
        "Mỹ Hòa", "Mỹ Hiệp", "Mỹ Phú", "Mỹ An", "Long Bình", "Long Thạnh", "Thị Tứ",
    ];

    /// <summary>
    /// What differs between generated communes: the demo is <see cref="Demo"/>; the province generator
    /// (bench/province) makes many with their own place name, seed, login prefix and province code of the citizen IDs
    /// (digits 7–9 of which are then the seed, so that no two communes draw the same number).
    /// </summary>
    public sealed record Variant(string Place, int Seed, string LoginPrefix, string ProvinceCode, bool WithProvinceBoard)
    {
        public static readonly Variant Demo = new("Nhơn Mỹ", 0, "", "089", true);
    }

    private Random _random = new(20250701);
    private readonly HashSet<string> _citizenIds = [];
    private Variant _variant = Variant.Demo;

    public async Task<bool> SeedIfEmptyAsync(CancellationToken ct = default)
    {
        if (await db.Organisations.AnyAsync(o => o.IsDemo, ct)) return false;
        var names = Logins.Select(l => l.User.ToUpperInvariant()).ToList();
        var taken = await db.Users.Where(u => names.Contains(u.NormalizedUserName!)).Select(u => u.UserName).ToListAsync(ct);
        if (taken.Count > 0)
            throw new Core.Common.DomainException($"Không tạo dữ liệu mẫu: tên đăng nhập {string.Join(", ", taken)} đã được dùng cho tài khoản thật.");
        await SeedCommuneAsync(Variant.Demo, ct);
        return true;
    }

    /// <summary>One fictional commune as <paramref name="variant"/> says, in one transaction; returns its id.</summary>
    public async Task<int> SeedCommuneAsync(Variant variant, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(variant);
        _variant = variant;
        _random = new Random(20250701 + variant.Seed);
        var place = variant.Place;
        // Today in Vietnam (UTC+7), as the admission engine counts it.
        var today = Core.Common.VietnamTime.Today(clock);
        // The rule book and the working-day calendar read the database on their own connections: load them first.
        var book = await ruleBooks.GetAsync(ct);
        var calendar = await calendars.GetAsync(ct);
        for (var year = today.Year - 12; year <= today.Year + 1; year++) calendar.IsWorkingDay(new DateOnly(year, 1, 1));

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var commune = await CommuneSetup.CreateAsync(db, "Đảng bộ xã " + place, 2025, 2030, isDemo: true, ct);
        var c = commune.Id;
        var center = new PoliticalCenter { CommuneId = c, Name = "Trung tâm Chính trị xã " + place, Address = $"Ấp Nhơn Hòa, xã {place}, tỉnh An Giang", DirectorName = "Huỳnh Văn Lực" };
        db.PoliticalCenters.Add(center);

        var hamlets = s_hamlets.Select(n =>
        {
            var population = _random.Next(1500, 5200);
            return new Hamlet { CommuneId = c, Name = "Ấp " + n, Population = population, Households = population * 10 / 38 };
        }).ToList();
        db.Hamlets.AddRange(hamlets);
        await db.SaveChangesAsync(ct);

        var schools = Org(c, "Đảng bộ bộ phận Khối Giáo dục", OrganisationKind.SubCommittee, null, commune.Id);
        var police = Org(c, "Đảng bộ Công an xã", OrganisationKind.SubCommittee, null, commune.Id);
        await db.SaveChangesAsync(ct);

        // (cell, number of members); the two hamlets with fewest members feed the "gap" views later.
        var cells = new List<(Organisation Cell, int Size)>();
        for (var i = 0; i < hamlets.Count; i++)
            cells.Add((Org(c, "Chi bộ " + hamlets[i].Name, OrganisationKind.Cell, CellKind.Hamlet, commune.Id, hamlets[i].Id), i >= 13 ? 9 : _random.Next(42, 62)));
        cells.Add((Org(c, $"Chi bộ Trường THCS {place}", OrganisationKind.Cell, CellKind.School, schools.Id), 28));
        cells.Add((Org(c, $"Chi bộ Trường Tiểu học {place} A", OrganisationKind.Cell, CellKind.School, schools.Id), 19));
        cells.Add((Org(c, $"Chi bộ Trường Mầm non {place}", OrganisationKind.Cell, CellKind.School, schools.Id), 11));
        cells.Add((Org(c, "Chi bộ Công an xã 1", OrganisationKind.Cell, CellKind.Police, police.Id), 24));
        cells.Add((Org(c, "Chi bộ Công an xã 2", OrganisationKind.Cell, CellKind.Police, police.Id), 21));
        cells.Add((Org(c, "Chi bộ Quân sự xã", OrganisationKind.Cell, CellKind.Military, commune.Id), 26));
        cells.Add((Org(c, "Chi bộ Cơ quan Đảng – Đoàn thể", OrganisationKind.Cell, CellKind.Agency, commune.Id), 47));
        cells.Add((Org(c, "Chi bộ Cơ quan Ủy ban nhân dân xã", OrganisationKind.Cell, CellKind.Agency, commune.Id), 52));
        cells.Add((Org(c, "Chi bộ Trạm Y tế xã", OrganisationKind.Cell, CellKind.Agency, commune.Id), 14));
        cells.Add((Org(c, $"Chi bộ Hợp tác xã Nông nghiệp {place}", OrganisationKind.Cell, CellKind.Enterprise, commune.Id), 12));
        await db.SaveChangesAsync(ct);

        // Scale hamlet cells so that the register holds about 1,300 members with those admitted since s_flowStart
        // (26 a year), whatever the day of seeding.
        var admittedSince = AdmissionsPerYear * (today.DayNumber - s_flowStart.DayNumber) / 365.0;
        var fixedSize = cells.Where(x => x.Cell.CellKind != CellKind.Hamlet || x.Size < 20).Sum(x => x.Size);
        var hamletTotal = cells.Where(x => x.Cell.CellKind == CellKind.Hamlet && x.Size >= 20).Sum(x => x.Size);
        var factor = (1300.0 - admittedSince - fixedSize) / hamletTotal;
        cells = cells.Select(x => x.Cell.CellKind == CellKind.Hamlet && x.Size >= 20 ? (x.Cell, (int)Math.Round(x.Size * factor)) : x).ToList();

        // The sub-committees' committees: the secretary and deputy of each of their cells, and one more in the first.
        var underSub = cells.Where(x => x.Cell.ParentId == schools.Id || x.Cell.ParentId == police.Id).Select(x => x.Cell.Id).ToHashSet();
        var firstUnderSub = cells.Where(x => underSub.Contains(x.Cell.Id)).GroupBy(x => x.Cell.ParentId).Select(g => g.First().Cell.Id).ToHashSet();
        // The register before the recent flow: official members admitted before s_flowStart, spread over the years
        // rather than piled on one day.
        var membersByCell = new Dictionary<int, List<Member>>();
        var latest = s_flowStart.AddDays(-1);
        var oldest = new DateOnly(1978, 1, 1);
        foreach (var (cell, size) in cells)
        {
            var list = new List<Member>();
            for (var i = 0; i < size; i++)
            {
                // Admitted at about the same pace as now since 1978, aged 19–40 then (most under 31); schools, police,
                // the military and the agencies keep people of working age (the retired sit in their hamlet's cell).
                var working = cell.CellKind != CellKind.Hamlet;
                var from = working ? today.AddYears(-28) : oldest;
                var ceremony = from.AddDays(_random.Next(Math.Max(1, latest.DayNumber - from.DayNumber + 1)));
                var person = NewPerson(c, hamlets, cell, today, minAge: 19, maxAge: working ? 32 : 40, youngBias: true, admittedOn: ceremony);
                var member = new Member
                {
                    CommuneId = c,
                    Person = person,
                    CellId = cell.Id,
                    Status = MemberStatus.Official,
                    AdmissionDecisionDate = ceremony.AddDays(-_random.Next(10, 40)),
                    AdmissionDecisionNumber = $"{_random.Next(10, 400)}-QĐ/ĐU",
                    CeremonyDate = ceremony,
                    OfficialDate = ceremony.AddYears(1),
                    StatusDate = ceremony.AddYears(1),
                    PartyCardNumber = $"{_random.Next(10_000_000, 99_999_999)}",
                    Positions = (i == 0 ? CommitteePositions.CellSecretary : i == 1 ? CommitteePositions.CellDeputySecretary : CommitteePositions.None)
                        | (underSub.Contains(cell.Id) && (i < 2 || (i == 2 && firstUnderSub.Contains(cell.Id))) ? CommitteePositions.SubCommitteeMember : CommitteePositions.None),
                    IsExempt = person.DateOfBirth.AddYears(75) < today && _random.NextDouble() < 0.3,
                };
                // Since the flow began, about 1.2% a year die (the old more often) and 0.3% move away; never a cell's officers.
                var years = (today.DayNumber - s_flowStart.DayNumber) / 365.0;
                var old = person.DateOfBirth.AddYears(70) < today;
                if (i >= 3 && _random.NextDouble() < years * (old ? 0.03 : 0.004))
                    Leave(member, old ? MemberStatus.Deceased : MemberStatus.TransferredOut, today);
                else if (i >= 3 && _random.NextDouble() < years * 0.003)
                    Leave(member, MemberStatus.TransferredOut, today);
                list.Add(member);
                db.Members.Add(member);
            }
            membersByCell[cell.Id] = list;
        }

        // Admissions typed into the register without a case: the previous term's last two years and the first months of
        // this one, before the office used the software. Their probation and recognition follow their own dates.
        bool IsGap(Organisation cell) => cell.Name.Contains("Long Thạnh", StringComparison.Ordinal) || cell.CellKind == CellKind.Enterprise;
        var sourced = cells.Where(x => !IsGap(x.Cell)).ToList();
        var recorded = CeremonySchedule(s_flowStart, today);
        // Three probations end within the next month, so that the recognition reminders have something to show: the
        // ceremonies nearest to that window are moved into it (by a few weeks; the year's count stays as it was).
        var probation = book.At(today).ProbationMonths;
        NudgeInto(recorded, today.AddMonths(-probation).AddDays(3), today.AddMonths(-probation).AddDays(28), 3);
        foreach (var ceremony in recorded.Where(d => d < SoftwareStart))
        {
            var cell = PickBySize(sourced);
            var person = NewPerson(c, hamlets, cell, today, minAge: 19, maxAge: 40, youngBias: true, admittedOn: ceremony);
            var end = ceremony.AddMonths(book.At(ceremony).ProbationMonths);
            // Recognised some weeks after the probation ended (the cell's vote, then the committee's decision).
            var recognised = end.AddDays(_random.Next(20, 70)) <= today;
            var member = new Member
            {
                CommuneId = c,
                Person = person,
                CellId = cell.Id,
                Status = recognised ? MemberStatus.Official : MemberStatus.Probationary,
                AdmissionDecisionDate = PreviousWorkingDay(calendar, ceremony.AddDays(-_random.Next(7, 35))),
                AdmissionDecisionNumber = $"{_random.Next(10, 400)}-QĐ/ĐU",
                CeremonyDate = ceremony,
                OfficialDate = recognised ? end : null,
                StatusDate = recognised ? end : ceremony,
                PartyCardNumber = recognised ? $"{_random.Next(10_000_000, 99_999_999)}" : null,
            };
            membersByCell[cell.Id].Add(member);
            db.Members.Add(member);
        }
        await db.SaveChangesAsync(ct);
        foreach (var (cell, _) in cells) cell.SecretaryMemberId = membersByCell[cell.Id][0].Id;

        // Members who moved from one hamlet to another since the flow began (about 1% a year): the cell history says
        // where they sat before, so a vote held before the move counts them in the old cell, not the new one.
        var hamletCells = cells.Where(x => x.Cell.CellKind == CellKind.Hamlet).Select(x => x.Cell).ToList();
        var movers = hamletCells.SelectMany(x => membersByCell[x.Id].Skip(3))
            .Where(m => m.Status == MemberStatus.Official && m.OfficialDate < s_flowStart).ToList();
        var periods = await db.CellMemberships.Where(p => p.CommuneId == c).ToDictionaryAsync(p => p.MemberId, ct);
        var flowYears = Math.Max(0, today.DayNumber - s_flowStart.DayNumber) / 365.0;
        foreach (var m in movers.OrderBy(_ => _random.Next()).Take((int)(movers.Count * 0.01 * flowYears)).ToList())
        {
            var others = hamletCells.Where(x => x.Id != m.CellId).ToList();
            var day = s_flowStart.AddDays(_random.Next(Math.Max(1, today.DayNumber - s_flowStart.DayNumber)));
            var before = periods[m.Id];
            before.CellId = others[_random.Next(others.Count)].Id;
            before.To = day.AddDays(-1);
            db.CellMemberships.Add(new CellMembership { CommuneId = c, MemberId = m.Id, CellId = m.CellId, From = day });
            m.Notes = "Chuyển sinh hoạt từ chi bộ ấp khác trong xã.";
            // Not a mentor or introducer here: they have not lived beside the candidates long enough.
            membersByCell[m.CellId].Remove(m);
        }

        // The commune committee: the secretaries of the agency cells and some hamlet secretaries; each follows cells.
        var committee = cells.Where(x => x.Cell.CellKind is CellKind.Agency or CellKind.Police or CellKind.Military)
            .Select(x => membersByCell[x.Cell.Id][0])
            .Concat(cells.Where(x => x.Cell.CellKind == CellKind.Hamlet).Take(8).Select(x => membersByCell[x.Cell.Id][1]))
            .ToList();
        foreach (var m in committee) m.Positions |= CommitteePositions.CommuneCommitteeMember;
        SeedExits(c, membersByCell, today);
        var termStart = Congress;
        for (var i = 0; i < cells.Count; i++)
            db.CellResponsibilities.Add(new CellResponsibility { CommuneId = c, MemberId = committee[i % committee.Count].Id, CellId = cells[i].Cell.Id, From = termStart });

        // The source pool: about 150 active candidates at every stage, none in two cells (gaps to find); the admissions
        // since the software was used, about ten withdrawals a year, one removal during probation.
        var cases = ActiveCases(sourced, underSub);
        cases.AddRange(AdmittedCases(sourced, underSub, recorded.Where(d => d >= SoftwareStart).ToList(), today, book));
        var withdrawn = (int)Math.Round(10 * Math.Max(0, today.DayNumber - SoftwareStart.DayNumber) / 365.0);
        for (var i = 0; i < Math.Max(2, withdrawn); i++)
        {
            var cell = PickBySize(sourced);
            var from = SoftwareStart < today ? SoftwareStart : today.AddDays(-60);
            cases.Add(new DemoCase(cell, underSub.Contains(cell.Id), DemoTarget.Withdrawn)
            {
                EndDate = from.AddDays(_random.Next(Math.Max(1, today.DayNumber - from.DayNumber + 1))),
            });
        }

        var histories = new DemoHistories(db, recorder, register, book, calendar, _random, today, membersByCell);
        var sources = await db.SourceCategories.Where(s => s.CommuneId == c).ToListAsync(ct);
        foreach (var demoCase in cases)
        {
            histories.Plan(demoCase);
            // Old enough: 18 on the day of the cell vote, 17 when entering the pool.
            var minAge = Math.Max(18, 18 + ((today.DayNumber - demoCase.Steps[0].Date.DayNumber) / 365));
            if (demoCase.CellVoteDate is { } vote) minAge = Math.Max(minAge, 19 + ((today.DayNumber - vote.DayNumber) / 365));
            var person = NewPerson(c, hamlets, demoCase.Cell, today, minAge, maxAge: Math.Max(minAge + 8, 46), youngBias: true);
            var candidate = new Candidate
            {
                CommuneId = c,
                Person = person,
                CellId = demoCase.Cell.Id,
                AddedOn = demoCase.Steps[0].Date,
                Strengths = _random.NextDouble() < 0.5 ? "Tích cực tham gia phong trào thi đua ở địa phương." : null,
            };
            foreach (var s in PickSources(sources, demoCase.Cell, person, today)) candidate.Sources.Add(new CandidateSource { SourceCategoryId = s.Id });
            demoCase.Candidate = candidate;
            db.Candidates.Add(candidate);
        }
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        // The classes of the class steps first, so that each step names its class; their enrolments once the steps exist.
        // A generator of their own: the histories draw as they did before the classes existed.
        var classes = new DemoClasses(db, new Random(12_2025 + variant.Seed), today, c);
        await classes.PlanAsync(cases, center, ct);
        db.ChangeTracker.Clear();
        histories.Classes = classes;
        await histories.RecordAsync(cases, ct);
        await classes.CompleteAsync(cases, center.Id, sources, ct);
        db.ChangeTracker.Clear();
        var candidates = cases.Select(x => x.Candidate).ToList();

        await CreateDemoAccountsAsync(c, cells.Select(x => x.Cell).ToList(), membersByCell, committee, candidates, ct);
        await SeedTargetsAsync(c, cells.Select(x => (x.Cell, x.Size)).ToList(), today, ct);
        await SeedSchoolsAsync(c, cells.Select(x => x.Cell).ToList(), hamlets, ct);
        // The inspections read the recorded steps (the checklist) and the cells' figures, targets included, on each session's day.
        db.ChangeTracker.Clear();
        await new DemoInspections(db, inspectionChecklist, development, await ruleBooks.GetAsync(ct), today, c).SeedAsync([.. cells.Select(x => x.Cell)], ct);
        db.ChangeTracker.Clear();
        await new DemoRatings(db, development, today, c).SeedAsync([.. cells.Select(x => x.Cell)], ct);
        db.ChangeTracker.Clear();
        await tx.CommitAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        return c;
    }

    private async Task CreateDemoAccountsAsync(int communeId, List<Organisation> cells, Dictionary<int, List<Member>> membersByCell,
        List<Member> committee, List<Candidate> candidates, CancellationToken ct)
    {
        var nhonHoa = cells.First(x => x.Name == "Chi bộ Ấp Nhơn Hòa");
        // The committee member in charge of Nhơn Hòa, so that "capuy" and "bithu" see a common cell.
        var inCharge = committee[cells.IndexOf(nhonHoa) % committee.Count];
        var mentor = candidates.Where(x => x.MentorMemberId != null).GroupBy(x => x.MentorMemberId!.Value)
            .OrderByDescending(g => g.Count()).First().Key;
        foreach (var (login, role, _) in Logins)
        {
            // A generated province has one province board, made with its first commune.
            if (role == Roles.ProvinceBoard && !_variant.WithProvinceBoard) continue;
            var user = role == Roles.ProvinceBoard ? login : _variant.LoginPrefix + login;
            var name = role switch
            {
                Roles.CellSecretary => (await db.People.FindAsync([membersByCell[nhonHoa.Id][0].PersonId], ct))!.FullName,
                Roles.CommitteeMember => (await db.People.FindAsync([inCharge.PersonId], ct))!.FullName,
                Roles.Mentor => (await db.Members.Include(m => m.Person).FirstAsync(m => m.Id == mentor, ct)).Person.FullName,
                _ => Roles.DisplayName(role),
            };
            // The province board belongs to no commune (0).
            var account = await accounts.CreateAsync(user, DemoPassword, name, role, role == Roles.ProvinceBoard ? 0 : communeId,
                organisationId: role == Roles.CellSecretary ? nhonHoa.Id : null,
                memberId: role switch { Roles.CommitteeMember => inCharge.Id, Roles.Mentor => mentor, _ => null }, ct: ct);
            if (Accounts.TwoFactor.RequiredFor(role)) await Accounts.TwoFactor.EnableWithKnownKeyAsync(users, account, DemoAuthenticatorKey);
        }
    }

    /// <summary>
    /// One active candidate per (cell, slot), about one for eight members, with the stage each history ends at:
    /// a fixed number in every later stage (the sub-committee ones in cells under a sub-committee, two overdue),
    /// the rest in the source pool or mentored.
    /// </summary>
    private List<DemoCase> ActiveCases(List<(Organisation Cell, int Size)> cells, HashSet<int> underSub)
    {
        var slots = cells.SelectMany(x => Enumerable.Repeat(x.Cell, Math.Max(2, x.Size / 8))).ToList();
        var order = Enumerable.Range(0, slots.Count).OrderBy(_ => _random.Next()).ToList();
        var targets = new DemoTarget?[slots.Count];
        void Take(bool? sub, DemoTarget target, int count)
        {
            foreach (var i in order.Where(i => targets[i] is null && (sub is null || underSub.Contains(slots[i].Id) == sub)).Take(count).ToList())
                targets[i] = target;
        }
        // About as many past the pool as a flow of 26 a year holds (from the application to the ceremony takes some
        // eight months: about 18 people), so that the forecast sees the commune's own pace, not a wave.
        Take(true, DemoTarget.SubCommitteeApproved, 1);
        Take(true, DemoTarget.CellApproved, 1);
        Take(true, DemoTarget.Decided, 1);
        Take(false, DemoTarget.CellApprovedOverdue, 1);
        Take(false, DemoTarget.DecidedOverdue, 1);
        Take(false, DemoTarget.CellApproved, 2);
        Take(false, DemoTarget.Decided, 1);
        Take(null, DemoTarget.OpinionsCollected, 3);
        Take(null, DemoTarget.Introduced, 3);
        Take(null, DemoTarget.HistoryVerified, 3);
        Take(null, DemoTarget.Applied, 4);
        Take(null, DemoTarget.ClassPassed, 6);
        return [.. slots.Select((cell, i) => new DemoCase(cell, underSub.Contains(cell.Id),
            targets[i] ?? (_random.NextDouble() < 0.35 ? DemoTarget.Mentored : DemoTarget.SourcePool)))];
    }

    /// <summary>
    /// The admissions recorded through the software, one case per ceremony of the schedule, in cells picked by size;
    /// one probationary member is removed two thirds into a probation far from over.
    /// </summary>
    private List<DemoCase> AdmittedCases(List<(Organisation Cell, int Size)> cells, HashSet<int> underSub, List<DateOnly> ceremonies, DateOnly today, RuleBook book)
    {
        var cases = ceremonies.Select(date =>
        {
            var cell = PickBySize(cells);
            return new DemoCase(cell, underSub.Contains(cell.Id), DemoTarget.Admitted) { CeremonyDate = date };
        }).ToList();

        var removed = cases.LastOrDefault(x => x.CeremonyDate <= today.AddDays(-150) && x.CeremonyDate!.Value.AddMonths(book.At(x.CeremonyDate!.Value).ProbationMonths) > today.AddDays(60))
            ?? cases.LastOrDefault(x => x.CeremonyDate < today.AddDays(-10) && x.CeremonyDate!.Value.AddMonths(12) > today);
        if (removed is not null)
        {
            var ceremony = removed.CeremonyDate!.Value;
            removed.RemovalDate = ceremony.AddDays((today.DayNumber - ceremony.DayNumber) * 2 / 3);
        }
        // One file an inspection should find: the commune decided this admission past its 60 working days. The first
        // ceremony a quarter after the software came in, so that a later line of that year's plan reads it (DemoInspections).
        var late = cases.FirstOrDefault(x => x != removed && !x.UnderSubCommittee && x.CeremonyDate >= SoftwareStart.AddMonths(4) && x.CeremonyDate < today.AddMonths(-6));
        if (late is not null) late.LateDecision = true;
        return cases;
    }

    /// <summary>
    /// Ceremony dates from <paramref name="from"/> to <paramref name="to"/>: about <see cref="AdmissionsPerYear"/> a year,
    /// a little more or less from year to year and month to month, never more than <see cref="MaxCeremoniesPerDay"/> on one day.
    /// </summary>
    private List<DateOnly> CeremonySchedule(DateOnly from, DateOnly to)
    {
        var dates = new List<DateOnly>();
        var perDay = new Dictionary<DateOnly, int>();
        var carry = 0.0;
        var yearFactor = 1.0;
        for (var month = new DateOnly(from.Year, from.Month, 1); month <= to; month = month.AddMonths(1))
        {
            if (month.Month == 1 || month == new DateOnly(from.Year, from.Month, 1)) yearFactor = 0.92 + (0.16 * _random.NextDouble());
            var first = month < from ? from : month;
            var last = month.AddMonths(1).AddDays(-1);
            if (last > to) last = to;
            var days = last.DayNumber - first.DayNumber + 1;
            carry += AdmissionsPerYear / 12.0 * yearFactor * s_monthWeights[month.Month - 1] * days / DateTime.DaysInMonth(month.Year, month.Month);
            // Rounded at random, the remainder carried: the months vary, the years keep the pace.
            var count = (int)Math.Floor(carry + _random.NextDouble());
            for (var i = 0; i < count; i++)
            {
                for (var attempt = 0; attempt < 20; attempt++)
                {
                    var day = first.AddDays(_random.Next(days));
                    if (perDay.GetValueOrDefault(day) >= MaxCeremoniesPerDay) continue;
                    perDay[day] = perDay.GetValueOrDefault(day) + 1;
                    dates.Add(day);
                    carry--;
                    break;
                }
            }
        }
        dates.Sort();
        return dates;
    }

    /// <summary>Moves the dates nearest to [<paramref name="from"/>, <paramref name="to"/>] into it until it holds <paramref name="count"/>.</summary>
    private void NudgeInto(List<DateOnly> dates, DateOnly from, DateOnly to, int count)
    {
        while (dates.Count(d => d >= from && d <= to) < count)
        {
            var outside = dates.Where(d => d < from || d > to).ToList();
            if (outside.Count == 0) return;
            var nearest = outside.MinBy(d => Math.Min(Math.Abs(d.DayNumber - from.DayNumber), Math.Abs(d.DayNumber - to.DayNumber)));
            var free = Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(from.AddDays)
                .Where(d => dates.Count(x => x == d) < MaxCeremoniesPerDay).ToList();
            if (free.Count == 0) return;
            dates.Remove(nearest);
            dates.Add(free[_random.Next(free.Count)]);
        }
        dates.Sort();
    }

    private Organisation PickBySize(List<(Organisation Cell, int Size)> cells)
    {
        var pick = _random.Next(cells.Sum(x => x.Size));
        return cells.First(x => (pick -= x.Size) < 0).Cell;
    }

    private static DateOnly PreviousWorkingDay(Core.Calendar.WorkingDayCalendar calendar, DateOnly date)
    {
        while (!calendar.IsWorkingDay(date)) date = date.AddDays(-1);
        return date;
    }

    /// <summary>A member who left the register (died or moved away) on a day since the recent flow began.</summary>
    private void Leave(Member member, MemberStatus status, DateOnly today)
    {
        var from = member.OfficialDate!.Value > s_flowStart ? member.OfficialDate!.Value : s_flowStart;
        member.Status = status;
        member.StatusDate = from.AddDays(_random.Next(Math.Max(1, today.DayNumber - from.DayNumber)));
        member.Notes = status == MemberStatus.Deceased ? "Từ trần." : "Chuyển sinh hoạt đảng chính thức đến đảng bộ khác.";
        // The exit behind the status, as the office records it (no draw from the generator: the rest of the demo is unchanged).
        db.MemberExits.Add(new MemberExit
        {
            CommuneId = member.CommuneId, Member = member, Kind = status == MemberStatus.Deceased ? ExitKind.Deceased : ExitKind.TransferredOut,
            Status = ExitStatus.Decided, DecidedOn = member.StatusDate, EffectiveOn = member.StatusDate, PreviousStatus = MemberStatus.Official,
            PreviousStatusDate = member.OfficialDate, IsDemo = true,
            DecisionNumber = status == MemberStatus.TransferredOut ? $"{member.StatusDate!.Value.DayOfYear}-GGT/ĐU" : null,
            DecidingBody = status == MemberStatus.TransferredOut ? "Văn phòng Đảng ủy xã" : null,
            Destination = status == MemberStatus.TransferredOut ? (member.StatusDate!.Value.Day % 3) switch
            {
                0 => "Đảng bộ phường Long Xuyên, tỉnh An Giang",
                1 => "Đảng bộ xã Bình Hòa, tỉnh An Giang",
                _ => "Đảng bộ phường Tân Định, Thành phố Hồ Chí Minh",
            } : null,
        });
    }

    /// <summary>
    /// Screening (plan point P10): a few xóa tên a year (about 0.2% of the roll, what communes report), one proposal of
    /// a cell awaiting the committee's decision and one the committee did not approve. Members who hold no office, drawn
    /// before the cases are, so that no case takes a removed member as mentor or introducer; a generator of their own.
    /// </summary>
    private void SeedExits(int communeId, Dictionary<int, List<Member>> membersByCell, DateOnly today)
    {
        var random = new Random(13_2025 + _variant.Seed);
        var pool = membersByCell.Values.SelectMany(l => l.Skip(3))
            .Where(m => m.Status == MemberStatus.Official && m.Positions == CommitteePositions.None && m.OfficialDate < s_flowStart
                && m.Person.DateOfBirth.AddYears(60) > today)
            .OrderBy(m => m.Id).ToList();
        MemberExit Pick(DateOnly proposed)
        {
            var m = pool[random.Next(pool.Count)];
            pool.Remove(m);
            var ground = random.NextDouble() < 0.7 ? RemovalGround.AbsentOrUnpaidDues : RemovalGround.NoProgressAfterHelp;
            return new MemberExit
            {
                CommuneId = communeId, Member = m, Kind = ExitKind.RemovedFromRoll, Ground = ground, IsDemo = true, ProposedOn = proposed,
                ProposalNumber = $"{random.Next(2, 20):00}-NQ/CB",
                Reason = ground == RemovalGround.AbsentOrUnpaidDues
                    ? $"Không sinh hoạt chi bộ và không đóng đảng phí các tháng {proposed.AddMonths(-5).Month}, {proposed.AddMonths(-4).Month}, {proposed.AddMonths(-3).Month} năm {proposed.AddMonths(-3).Year}; chi bộ đã gặp gỡ, nhắc nhở hai lần."
                    : "Chi bộ đã giúp đỡ 12 tháng nhưng không tiến bộ, không làm nhiệm vụ đảng viên.",
                BarsReadmission = ground == RemovalGround.AbsentOrUnpaidDues,
            };
        }
        for (var day = s_flowStart.AddDays(random.Next(60, 200)); day < today.AddDays(-60); day = day.AddDays(random.Next(120, 240)))
        {
            var e = Pick(day);
            var decided = day.AddDays(random.Next(20, 45));
            e.Status = ExitStatus.Decided;
            e.DecidedOn = e.EffectiveOn = decided;
            e.DecisionNumber = $"{random.Next(100, 999)}-QĐ/ĐU";
            e.DecidingBody = "Ban Thường vụ Đảng ủy xã";
            e.PreviousStatus = MemberStatus.Official;
            e.PreviousStatusDate = e.Member.StatusDate;
            e.Member.Status = MemberStatus.Removed;
            e.Member.StatusDate = decided;
            // Off the cell's lists the cases draw mentors and introducers from, as a member who moved is.
            membersByCell[e.Member.CellId].Remove(e.Member);
            db.MemberExits.Add(e);
        }
        var refused = Pick(today.AddMonths(-8));
        refused.Status = ExitStatus.NotApproved;
        refused.DecidedOn = refused.ProposedOn!.Value.AddDays(30);
        refused.DecisionNumber = $"{random.Next(100, 999)}-TB/ĐU";
        refused.DecidingBody = "Ban Thường vụ Đảng ủy xã";
        refused.Reason += " Ban Thường vụ đề nghị chi bộ tiếp tục giúp đỡ thêm 6 tháng.";
        db.MemberExits.Add(refused);
        db.MemberExits.Add(Pick(today.AddDays(-12)));
    }

    /// <summary>Four schools; one has no party cell yet (a gap the plan asks to close).</summary>
    private async Task SeedSchoolsAsync(int communeId, List<Organisation> cells, List<Hamlet> hamlets, CancellationToken ct)
    {
        School S(string name, SchoolLevel level, int teachers, string? cell, int hamlet) => new()
        {
            CommuneId = communeId, Name = name, Level = level, Teachers = teachers,
            CellId = cell is null ? null : cells.First(x => x.Name == cell).Id, HamletId = hamlets[hamlet].Id,
        };
        db.Schools.AddRange(
            S($"Trường THCS {_variant.Place}", SchoolLevel.LowerSecondary, 42, $"Chi bộ Trường THCS {_variant.Place}", 0),
            S($"Trường Tiểu học {_variant.Place} A", SchoolLevel.Primary, 31, $"Chi bộ Trường Tiểu học {_variant.Place} A", 2),
            S($"Trường Mầm non {_variant.Place}", SchoolLevel.Preschool, 18, $"Chi bộ Trường Mầm non {_variant.Place}", 4),
            S($"Trường Tiểu học {_variant.Place} B", SchoolLevel.Primary, 16, null, 12));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The seed plan's figures: 130 for the term (the congress resolution), 26 for each year of it (the programme of
    /// action that followed), and each year's 26 shared among the cells by size, adopted at the year-end conference
    /// before it (the first year's after the programme): every year allocated so far, the next one too once adopted.
    /// </summary>
    private async Task SeedTargetsAsync(int communeId, List<(Organisation Cell, int Size)> cells, DateOnly today, CancellationToken ct)
    {
        var term = await db.Terms.SingleAsync(t => t.CommuneId == communeId, ct);
        term.StartDate = Congress;
        db.TermTargets.Add(new Core.Targets.TermTarget
        {
            CommuneId = communeId, TermId = term.Id, Count = 130, ResolutionNumber = "01-NQ/ĐH", ResolutionDate = new DateOnly(2025, 7, 2),
            ResolutionIssuer = "Đại hội Đảng bộ xã",
        });
        var years = Core.Targets.TargetSums.DefaultSpread(130, Core.Targets.TargetSums.TermYears(term.StartYear, term.EndYear));
        foreach (var (year, count) in years)
            db.YearTargets.Add(new Core.Targets.YearTarget
            {
                CommuneId = communeId, TermId = term.Id, Year = year, Count = count, ResolutionNumber = "02-CTr/ĐU",
                ResolutionDate = s_programme, ResolutionIssuer = "Ban Chấp hành Đảng bộ xã",
            });
        var total = cells.Sum(c => c.Size);
        foreach (var (year, count) in years.Where(y => AllocationAdopted(y.Year) <= today))
        {
            // Largest-remainder shares of the year's target by cell size, so the allocation adds up to it.
            var shares = cells.Select(c => (c.Cell, Exact: (double)count * c.Size / total)).ToList();
            var given = shares.ToDictionary(x => x.Cell.Id, x => (int)Math.Floor(x.Exact));
            foreach (var x in shares.OrderByDescending(x => x.Exact - Math.Floor(x.Exact)).Take(count - given.Values.Sum()))
                given[x.Cell.Id]++;
            foreach (var (cell, _) in cells)
                db.CellTargets.Add(new Core.Targets.CellTarget
                {
                    CommuneId = communeId, CellId = cell.Id, Year = year, Count = given[cell.Id],
                    ResolutionNumber = $"{year % 100:00}-KH/ĐU", ResolutionDate = AllocationAdopted(year), ResolutionIssuer = "Ban Thường vụ Đảng ủy xã",
                });
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The programme of action that spread the term's target over its years.</summary>
    private static readonly DateOnly s_programme = new(2025, 9, 15);

    /// <summary>When a year's allocation to cells is adopted: the first year's after the programme, the others at the year-end conference before.</summary>
    public static DateOnly AllocationAdopted(int year) => year <= Congress.Year ? s_programme.AddDays(5) : new DateOnly(year - 1, 12, 20);

    public static void PrintLogins(TextWriter output, string baseUrl)
    {
        output.WriteLine($"Tài khoản mẫu (mật khẩu chung: {DemoPassword}) — mở {baseUrl}");
        foreach (var (user, role, description) in Logins)
            output.WriteLine($"  {user,-10} {description}{(Accounts.TwoFactor.RequiredFor(role) ? " (xác thực hai bước)" : "")}");
        var twoFactor = Logins.Where(l => Accounts.TwoFactor.RequiredFor(l.Role)).Select(l => l.User).ToList();
        output.WriteLine($"Xác thực hai bước của {string.Join(", ", twoFactor[..^1])} và {twoFactor[^1]}: thêm khóa {Accounts.TwoFactor.Grouped(DemoAuthenticatorKey)} vào ứng dụng xác thực");
        output.WriteLine($"  (hoặc {Accounts.TwoFactor.AuthenticatorUri("demo", DemoAuthenticatorKey)}), rồi nhập mã 6 chữ số sau mật khẩu.");
    }

    private Organisation Org(int communeId, string name, OrganisationKind kind, CellKind? cellKind, int parentId, int? hamletId = null)
    {
        var o = new Organisation
        {
            CommuneId = communeId, Name = name, Kind = kind, CellKind = cellKind,
            ParentId = parentId, HamletId = hamletId, IsDemo = true, EstablishedOn = new DateOnly(1990 + _random.Next(0, 30), 1 + _random.Next(12), 1),
        };
        db.Organisations.Add(o);
        return o;
    }

    /// <summary>A person aged <paramref name="minAge"/>–<paramref name="maxAge"/> today, or at <paramref name="admittedOn"/> when given.</summary>
    private Person NewPerson(int communeId, List<Hamlet> hamlets, Organisation cell, DateOnly today, int minAge, int maxAge, bool youngBias = false,
        DateOnly? admittedOn = null)
    {
        var female = cell.CellKind switch
        {
            CellKind.School => _random.NextDouble() < 0.7,
            CellKind.Police or CellKind.Military => _random.NextDouble() < 0.12,
            _ => _random.NextDouble() < 0.4,
        };
        var name = DemoNames.Next(_random, female);
        var age = youngBias && minAge < 30 && _random.NextDouble() < 0.7 ? _random.Next(minAge, 31) : _random.Next(minAge, maxAge + 1);
        var dob = (admittedOn ?? today).AddYears(-age).AddDays(-_random.Next(0, 365));
        age = Age.FullYears(dob, today);
        var ethnicity = _random.NextDouble() switch { < 0.03 => "Khmer", < 0.045 => "Hoa", < 0.05 => "Chăm", _ => "Kinh" };
        var religion = _random.NextDouble() switch { < 0.22 => "Phật giáo Hòa Hảo", < 0.3 => "Phật giáo", < 0.33 => "Công giáo", < 0.34 => "Cao Đài", _ => null };
        var hamlet = cell.HamletId ?? hamlets[_random.Next(hamlets.Count)].Id;
        var grade = age < 45 || cell.CellKind is not CellKind.Hamlet ? 12 : _random.Next(5, 13);
        string? professional = cell.CellKind switch
        {
            CellKind.School => _random.NextDouble() < 0.85 ? "Đại học" : "Cao đẳng",
            CellKind.Agency or CellKind.Police => _random.NextDouble() < 0.7 ? "Đại học" : "Trung cấp",
            _ => _random.NextDouble() switch { < 0.15 => "Đại học", < 0.25 => "Trung cấp", < 0.3 => "Cao đẳng", _ => null },
        };
        return new Person
        {
            CommuneId = communeId,
            FullName = name,
            Gender = female ? Gender.Female : Gender.Male,
            DateOfBirth = dob,
            EthnicityCode = Ethnicities.FindByName(ethnicity)?.Code ?? Ethnicities.KinhCode,
            ReligionCode = religion is null ? Religions.NoneCode : Religions.All.FindName(religion)?.Code ?? Religions.NoneCode,
            GeneralEducationGrade = grade,
            ProfessionalEducationCode = professional is null ? null : ProfessionalEducationLevels.All.FindName(professional)?.Code,
            Occupation = cell.CellKind switch
            {
                CellKind.School => "Giáo viên",
                CellKind.Police => "Công an",
                CellKind.Military => "Quân nhân",
                CellKind.Agency => "Cán bộ, công chức",
                CellKind.Enterprise => "Xã viên hợp tác xã",
                _ => age > 62 ? "Hưu trí" : _random.NextDouble() < 0.6 ? "Nông dân" : "Buôn bán",
            },
            HamletId = hamlet,
            CitizenId = NewCitizenId(dob.Year, female),
            Phone = _random.NextDouble() < 0.8 ? "09" + _random.Next(10_000_000, 99_999_999) : null,
            IsYouthUnionMember = age <= 30 && _random.NextDouble() < 0.8,
            IsTradeUnionMember = cell.CellKind is CellKind.School or CellKind.Agency or CellKind.Enterprise,
            IsDemo = true,
        };
    }

    private string NewCitizenId(int birthYear, bool female)
    {
        // 089 = An Giang; digit 4 = gender and century; digits 5–6 = birth year. Unique within the demo and the province.
        var centuryDigit = (birthYear >= 2000 ? 2 : 0) + (female ? 1 : 0);
        while (true)
        {
            // A generated commune's numbers carry its seed, so that no two communes of a province draw the same one.
            var serial = _variant.Seed == 0 ? _random.Next(0, 1_000_000) : _variant.Seed % 1000 * 1000 + _random.Next(0, 1000);
            var id = $"{_variant.ProvinceCode}{centuryDigit}{birthYear % 100:00}{serial:000000}";
            if (_citizenIds.Add(id)) return id;
        }
    }

    private IEnumerable<SourceCategory> PickSources(List<SourceCategory> all, Organisation cell, Person person, DateOnly today)
    {
        var age = today.Year - person.DateOfBirth.Year;
        var picked = new List<string>();
        if (cell.CellKind == CellKind.School) picked.Add("GIAO_VIEN");
        else if (cell.CellKind is CellKind.Police) picked.Add("AN_NINH_CO_SO");
        else if (cell.CellKind is CellKind.Military) picked.Add(_random.NextDouble() < 0.5 ? "DAN_QUAN" : "NGHIA_VU_QS");
        else picked.Add(_random.NextDouble() switch
        {
            < 0.25 => "HOI_VIEN", < 0.4 => "HOAT_DONG_AP", < 0.55 => "KINH_TE_GIOI", < 0.65 => "UY_TIN", < 0.75 => "XUAT_NGU", _ => "HOI_VIEN",
        });
        if (age <= 30) picked.Add("DOAN_VIEN");
        return all.Where(s => picked.Contains(s.Code));
    }
}
