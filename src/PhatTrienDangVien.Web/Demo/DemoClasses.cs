using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Classes;
using PhatTrienDangVien.Core.Education;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Data;
using T = PhatTrienDangVien.Core.Admission.AdmissionStepKind;

namespace PhatTrienDangVien.Web.Demo;

/// <summary>
/// The demo commune's classes with its political centre and its propaganda log, consistent with the histories: every
/// class step planned for a case belongs to a class of that month whose last day is on or before the certificate's date
/// (the step's), with its enrolment (approved, passed, graded, the step's certificate); some mentored candidates failed
/// a class last year; an awareness class and a new-member class open in the coming weeks with proposals from the cells;
/// propaganda sessions by the cells and the mass organisations over the term, attended by people who entered the pool
/// from them.
/// </summary>
internal sealed class DemoClasses(AppDbContext db, Random random, DateOnly today, int communeId)
{
    private static readonly string[] s_grades = ["Giỏi", "Khá", "Khá", "Khá", "Trung bình"];
    private readonly Dictionary<(DemoCase, DateOnly), (PartyClass Class, string Number, string Grade)> _placed = [];
    private readonly List<PartyClass> _classes = [];

    /// <summary>The class, certificate number and grade of a planned class step (null when it has none).</summary>
    public (string Number, string ClassName, string Grade)? Of(DemoCase c, PlannedStep step) =>
        _placed.TryGetValue((c, step.Date), out var x) ? (x.Number, $"{x.Class.Name} ({CenterName})", x.Grade) : null;

    private string CenterName { get; set; } = "";

    /// <summary>Makes the past classes from the planned steps (before they are recorded, so the steps name them).</summary>
    public async Task PlanAsync(IReadOnlyList<DemoCase> cases, PhatTrienDangVien.Core.Organisations.PoliticalCenter center, CancellationToken ct)
    {
        CenterName = center.Name;
        var steps = cases.SelectMany(c => c.Steps.Where(s => s.Kind is T.AwarenessClass or T.NewMemberClass).Select(s => (Case: c, Step: s))).ToList();
        foreach (var kindGroup in steps.GroupBy(x => x.Step.Kind))
        {
            var kind = kindGroup.Key == T.AwarenessClass ? ClassKind.Awareness : ClassKind.NewMember;
            foreach (var year in kindGroup.GroupBy(x => x.Step.Date.Year).OrderBy(g => g.Key))
            {
                var number = 0;
                // The centre numbers its certificates through the year, each kind in its own series: a number is
                // never given twice (the results page refuses a number the centre has already given).
                var serial = kind == ClassKind.Awareness ? 0 : 500;
                foreach (var month in year.GroupBy(x => x.Step.Date.Month).OrderBy(g => g.Key))
                {
                    var closes = month.Min(x => x.Step.Date);
                    var cls = NewClass(center.Id, kind, ++number, year.Key, closes.AddDays(kind == ClassKind.Awareness ? -4 : -6), closes, month.Count());
                    // Drawn as before, so that the rest of the demo stays as it was; the series leaves a gap between classes.
                    serial += random.Next(10, 60) % 5;
                    foreach (var (c, s) in month.OrderBy(x => x.Step.Date))
                        _placed[(c, s.Date)] = (cls, $"{++serial}/{year.Key}/CN-TTCT", s_grades[random.Next(s_grades.Length)]);
                }
            }
        }
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
    }

    private PartyClass NewClass(int centerId, ClassKind kind, int number, int year, DateOnly opens, DateOnly closes, int people)
    {
        var cls = new PartyClass
        {
            CommuneId = communeId, CenterId = centerId, Kind = kind, IsDemo = true,
            Name = (kind == ClassKind.Awareness ? "Lớp bồi dưỡng nhận thức về Đảng" : "Lớp bồi dưỡng lý luận chính trị cho đảng viên mới") + $" khóa {ToRoman(number)} năm {year}",
            OpensOn = opens, ClosesOn = closes, Place = "Hội trường Trung tâm Chính trị", Capacity = Math.Max(40, people + 20),
            Topics = kind == ClassKind.Awareness
                ? "Chủ nghĩa Mác - Lênin, tư tưởng Hồ Chí Minh; Đảng Cộng sản Việt Nam; Cương lĩnh, Điều lệ Đảng; đường lối đổi mới; phấn đấu trở thành đảng viên; chuyên đề lịch sử Đảng bộ xã. Bài thu hoạch cuối khóa."
                : "Những vấn đề cơ bản về Đảng; nhiệm vụ, quyền hạn đảng viên; nâng cao bản lĩnh chính trị, đạo đức của đảng viên. Bài thu hoạch cuối khóa.",
            Lecturers = "Giảng viên Trung tâm Chính trị, báo cáo viên Đảng ủy xã",
        };
        cls.Quotas.Add(new ClassQuota { CommuneId = communeId, Seats = Math.Max(people + 5, 25) });
        db.PartyClasses.Add(cls);
        _classes.Add(cls);
        return cls;
    }

    private static string ToRoman(int n) => n switch { 1 => "I", 2 => "II", 3 => "III", 4 => "IV", 5 => "V", 6 => "VI", 7 => "VII", 8 => "VIII", 9 => "IX", 10 => "X", 11 => "XI", _ => "XII" };

    /// <summary>After the steps are recorded: the enrolments of the past classes, the failures, the coming classes and the propaganda log.</summary>
    public async Task CompleteAsync(IReadOnlyList<DemoCase> cases, int centerId, IReadOnlyList<SourceCategory> sources, CancellationToken ct)
    {
        var ids = cases.Select(c => c.Candidate.Id).ToList();
        var steps = await db.AdmissionSteps.AsNoTracking()
            .Where(s => ids.Contains(s.CandidateId) && (s.Kind == T.AwarenessClass || s.Kind == T.NewMemberClass))
            .Select(s => new { s.Id, s.CandidateId, s.Date }).ToListAsync(ct);
        var stepOf = steps.ToDictionary(s => (s.CandidateId, s.Date), s => s.Id);
        foreach (var ((c, date), (cls, number, grade)) in _placed)
        {
            if (!stepOf.TryGetValue((c.Candidate.Id, date), out var stepId)) continue;
            var e = Enrolment(cls, c, EnrolmentStatus.Approved);
            db.ClassEnrolments.Add(e);
            e.Result = ClassResult.Passed;
            e.Grade = grade;
            e.Score = grade switch { "Giỏi" => 9m, "Khá" => 8m, _ => 6.5m } + random.Next(0, 4) * 0.25m;
            e.CertificateNumber = number;
            e.CertificateDate = date;
            e.StepId = stepId;
            e.Attendance = Attendance(cls.Days, random.NextDouble() < 0.1 ? 1 : 0);
        }

        // Some mentored candidates without a certificate failed last year's classes: they stay in the pool.
        var mentored = cases.Where(c => c.Target == DemoTarget.Mentored).ToList();
        var pastAwareness = _classes.Where(x => x.Kind == ClassKind.Awareness && x.ClosesOn < today && x.ClosesOn >= today.AddYears(-1)).ToList();
        foreach (var c in mentored.Where(_ => random.NextDouble() < 0.15))
        {
            var mentorOn = c.Steps.First(s => s.Kind == T.MentorAssigned).Date;
            if (pastAwareness.Where(x => x.OpensOn > mentorOn).OrderBy(_ => random.Next()).FirstOrDefault() is not { } cls) continue;
            var e = Enrolment(cls, c, EnrolmentStatus.Approved);
            e.Result = ClassResult.Failed;
            e.Attendance = Attendance(cls.Days, 2);
            e.FailReason = random.NextDouble() < 0.5 ? "Vắng 2 buổi, chưa nộp bài thu hoạch." : "Vắng 2 buổi vì đi làm ăn xa; hẹn học khóa sau.";
            db.ClassEnrolments.Add(e);
        }

        // The coming classes: an awareness class in two weeks with the cells' proposals, half approved; a new-member class in a month.
        var opens = today.AddDays(14);
        while (opens.DayOfWeek != DayOfWeek.Monday) opens = opens.AddDays(1);
        var year = opens.Year;
        var awareness = NewClass(centerId, ClassKind.Awareness, _classes.Count(x => x.Kind == ClassKind.Awareness && x.OpensOn.Year == year) + 1, year, opens, opens.AddDays(4), 30);
        var failed = db.ChangeTracker.Entries<ClassEnrolment>().Where(x => x.Entity.Result == ClassResult.Failed).Select(x => x.Entity.CandidateId).ToHashSet();
        var waiting = mentored.Where(c => !failed.Contains(c.Candidate.Id)).OrderBy(_ => random.Next()).Take(12).ToList();
        for (var i = 0; i < waiting.Count; i++)
            db.ClassEnrolments.Add(Enrolment(awareness, waiting[i], i % 2 == 0 ? EnrolmentStatus.Approved : EnrolmentStatus.Proposed));
        var later = opens.AddDays(21);
        var newMember = NewClass(centerId, ClassKind.NewMember, _classes.Count(x => x.Kind == ClassKind.NewMember && x.OpensOn.Year == later.Year) + 1, later.Year, later, later.AddDays(6), 10);
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
        var probation = (await db.AdmissionSteps.AsNoTracking().Where(s => ids.Contains(s.CandidateId)).ToListAsync(ct))
            .GroupBy(s => s.CandidateId).Where(g =>
            {
                var a = new AdmissionCase(g.Key, default, g);
                return a.CurrentStage == AdmissionStage.Probation && !a.HasNewMemberClass;
            }).Select(g => g.Key).ToHashSet();
        foreach (var c in cases.Where(c => probation.Contains(c.Candidate.Id)).Take(4))
            db.ClassEnrolments.Add(Enrolment(newMember, c, EnrolmentStatus.Proposed));

        SeedPropaganda(cases, sources);
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
    }

    private ClassEnrolment Enrolment(PartyClass cls, DemoCase c, EnrolmentStatus status)
    {
        var proposed = cls.OpensOn.AddDays(-random.Next(12, 25));
        if (proposed > today) proposed = today;
        var e = new ClassEnrolment
        {
            CommuneId = communeId, CandidateId = c.Candidate.Id, CellId = c.Candidate.CellId, Status = status,
            ProposedBy = DemoHistories.Actor, ProposedAtUtc = proposed.ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc), IsDemo = true,
        };
        // A class saved before has its key; a class of this run is saved with its enrolments.
        if (cls.Id != 0) e.ClassId = cls.Id;
        else e.Class = cls;
        if (status == EnrolmentStatus.Approved)
        {
            e.DecidedBy = DemoHistories.Actor;
            e.DecidedAtUtc = (proposed.AddDays(5) > today ? today : proposed.AddDays(5)).ToDateTime(new TimeOnly(3, 0), DateTimeKind.Utc);
        }
        return e;
    }

    private string Attendance(int days, int absent)
    {
        var marks = Enumerable.Repeat('1', days).ToArray();
        for (var i = 0; i < absent; i++) marks[random.Next(days)] = '0';
        return new string(marks);
    }

    private static readonly (Organiser Organiser, string? Name, string Code, string Topic, string Audience)[] s_sessions =
    [
        (Organiser.YouthUnion, "Đoàn xã", "DOAN_VIEN", "Thanh niên học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", "đoàn viên, thanh niên các chi đoàn"),
        (Organiser.Militia, "Ban Chỉ huy quân sự xã", "DAN_QUAN", "Truyền thống Quân đội nhân dân, trách nhiệm người đảng viên", "dân quân tự vệ"),
        (Organiser.School, "Trường THCS Nhơn Mỹ", "GIAO_VIEN", "Nghị quyết của Đảng về đổi mới giáo dục", "giáo viên, nhân viên nhà trường"),
        (Organiser.VeteransUnion, "Hội Cựu chiến binh xã", "XUAT_NGU", "Phát huy phẩm chất bộ đội Cụ Hồ sau khi xuất ngũ", "thanh niên hoàn thành nghĩa vụ quân sự"),
        (Organiser.WomenUnion, "Hội Liên hiệp Phụ nữ xã", "HOI_VIEN", "Phụ nữ tham gia xây dựng Đảng, chính quyền", "hội viên phụ nữ"),
        (Organiser.FarmersUnion, "Hội Nông dân xã", "KINH_TE_GIOI", "Nông dân sản xuất giỏi với phong trào xây dựng nông thôn mới", "hội viên nông dân sản xuất giỏi"),
    ];

    private void SeedPropaganda(IReadOnlyList<DemoCase> cases, IReadOnlyList<SourceCategory> sources)
    {
        var cells = cases.Select(c => c.Cell).DistinctBy(c => c.Id).ToList();
        var start = DemoSeeder.SoftwareStart.AddMonths(-9);
        for (var month = new DateOnly(start.Year, start.Month, 1); month <= today; month = month.AddMonths(1))
        {
            for (var n = random.Next(2, 5); n > 0; n--)
            {
                var date = month.AddDays(random.Next(0, 27));
                if (date > today) continue;
                var byCell = random.NextDouble() < 0.45;
                var plan = s_sessions[random.Next(s_sessions.Length)];
                var category = sources.FirstOrDefault(s => s.Code == plan.Code) ?? sources[random.Next(sources.Count)];
                var cell = cells[random.Next(cells.Count)];
                var session = new PropagandaSession
                {
                    CommuneId = communeId, Date = date, IsDemo = true,
                    Organiser = byCell ? Organiser.Cell : plan.Organiser, CellId = byCell ? cell.Id : null, OrganiserName = byCell ? null : plan.Name,
                    Topic = byCell ? "Sinh hoạt chuyên đề: " + plan.Topic.ToLower(Documents.FormValues.Vietnamese) : plan.Topic,
                    AudienceCategoryId = category.Id, Audience = plan.Audience, Headcount = random.Next(15, 70),
                };
                // Who came of the pool: people of that source who entered the pool within three months after it (and were in the cell's hamlet, for a cell's session).
                var came = cases.Where(c => c.Candidate.Sources.Any(s => s.SourceCategoryId == category.Id)
                        && c.Candidate.AddedOn >= date && c.Candidate.AddedOn <= date.AddDays(90) && (!byCell || c.Cell.Id == cell.Id))
                    .OrderBy(_ => random.Next()).Take(Math.Min(6, session.Headcount)).ToList();
                foreach (var c in came) session.Attendees.Add(new PropagandaAttendee { CommuneId = communeId, CandidateId = c.Candidate.Id });
                db.PropagandaSessions.Add(session);
            }
        }
    }
}
