using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PhatTrienDangVien.Web.Tests.Admission;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;
using static PhatTrienDangVien.Web.Tests.Admission.AdmissionHttp;

namespace PhatTrienDangVien.Web.Tests.Classes;

/// <summary>
/// A class with the political centre from the centre to the certificates, by API and by page: the office declares the
/// centre and the class with the commune's seats, the cell proposes (refused people named with their reason, nothing
/// kept), the office approves within the seats, the results record the class step of each pass on the case — all of a
/// sheet or none of it. This class owns its application: the clock moves.
/// </summary>
public abstract class ClassTests<TApp>(TApp app) where TApp : AppFactory
{
    private static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpClient client, HttpMethod method, string url, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        var r = await client.SendAsync(request);
        var text = await r.Content.ReadAsStringAsync();
        return (r.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private static string Errors(JsonElement problem) =>
        problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty("errors", out var e) ? e.ToString() : problem.ToString();

    /// <summary>A candidate of cell A in the pool (and mentored, unless not) on <paramref name="from"/>.</summary>
    private async Task<int> CandidateAsync(HttpClient secretary, string name, string citizenId, DateOnly from, bool mentored = true)
    {
        var id = await NewCandidateAsync(app, app.Data.CellA, name, citizenId, D("2000-05-01"));
        await StepAsync(secretary, id, new { kind = "SourcePool", date = Iso(from) });
        if (mentored) await StepAsync(secretary, id, new { kind = "MentorAssigned", date = Iso(from.AddDays(1)), mentorMemberId = app.Data.MentorMemberA });
        return id;
    }

    private static async Task<JsonElement> ClassAsync(HttpClient client, int classId)
    {
        var (status, body) = await SendAsync(client, HttpMethod.Get, $"/api/classes/{classId}");
        status.ShouldBe(HttpStatusCode.OK, body.ToString());
        return body;
    }

    private static JsonElement Person(JsonElement cls, int candidateId) =>
        cls.GetProperty("people").EnumerateArray().Single(p => p.GetProperty("candidateId").GetInt32() == candidateId);

    [Fact]
    public async Task A_class_runs_from_nomination_to_certificates_and_the_procedure_picks_the_pass_up()
    {
        // The tests of this class share the application and its clock, which only moves forward: dates count from now.
        var t0 = VietnamToday(app);
        string At(int days) => Iso(t0.AddDays(days));
        string Vn(int days, int years = 0) => t0.AddDays(days).AddYears(years).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
        var office = (await Browser.LoginAsync(app, "office")).Client;
        var secretaryBrowser = await Browser.LoginAsync(app, "secretary");
        var secretary = secretaryBrowser.Client;

        var (s, center) = await SendAsync(office, HttpMethod.Post, "/api/political-centers",
            new { input = new { name = "Trung tâm Chính trị xã Thử Nghiệm", directorName = "Lê Văn Giám" }, version = 0 });
        s.ShouldBe(HttpStatusCode.Created, center.ToString());
        var centerId = center.GetProperty("id").GetInt32();
        (s, var created) = await SendAsync(office, HttpMethod.Post, "/api/classes", new
        {
            input = new
            {
                centerId, kind = "Awareness", name = "Lớp bồi dưỡng nhận thức về Đảng khóa I", opensOn = At(17), closesOn = At(21),
                place = "Hội trường Đảng ủy", capacity = 40, resultScale = "Giỏi; Khá; Trung bình",
                quotas = new[] { new { communeId = app.Data.CommuneId, seats = 2 } },
            },
            version = 0,
        });
        s.ShouldBe(HttpStatusCode.Created, created.ToString());
        var classId = created.GetProperty("id").GetInt32();
        // Only the office manages classes.
        (await SendAsync(secretary, HttpMethod.Post, "/api/classes", new { input = new { centerId }, version = 0 })).Status.ShouldBe(HttpStatusCode.Forbidden);

        var an = await CandidateAsync(secretary, "Trần Văn An", "089200000101", t0.AddDays(-60));
        var binh = await CandidateAsync(secretary, "Lê Thị Bình", "089300000102", t0.AddDays(-60));
        var cuong = await CandidateAsync(secretary, "Phạm Văn Cường", "089200000103", t0.AddDays(-60));
        var dung = await CandidateAsync(secretary, "Ngô Văn Dũng", "089200000104", t0.AddDays(-60), mentored: false);
        var em = await CandidateAsync(secretary, "Đỗ Thị Em", "089300000105", t0.AddDays(-60));
        await StepAsync(secretary, em, new { kind = "AwarenessClass", date = At(-30), certificateNumber = "9/CN", certificateDate = At(-30) });

        // The cell's list is all or nothing; each refused person named with the reason; another cell's candidate is not found.
        (s, var refused) = await SendAsync(secretary, HttpMethod.Post, $"/api/classes/{classId}/nominations",
            new { candidateIds = new[] { an, dung, em, app.Data.CandidateB } });
        s.ShouldBe(HttpStatusCode.BadRequest);
        var errors = Errors(refused);
        errors.ShouldContain("Ngô Văn Dũng (Chi bộ");
        errors.ShouldContain("chưa được phân công đảng viên giúp đỡ");
        errors.ShouldContain("Đỗ Thị Em (Chi bộ");
        errors.ShouldContain($"còn giá trị đến {Vn(-30, 5)}");
        errors.ShouldContain("Người thứ 4 không có trong danh sách");
        (await ClassAsync(office, classId)).GetProperty("people").GetArrayLength().ShouldBe(0);

        // The page proposes through the same command: An ticked on the nomination page.
        var page = await secretaryBrowser.PostFormAsync($"/Classes/Nominate/{classId}", new() { ["CandidateIds"] = an.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect, await page.Content.ReadAsStringAsync());
        (s, var nominated) = await SendAsync(secretary, HttpMethod.Post, $"/api/classes/{classId}/nominations", new { candidateIds = new[] { binh, cuong } });
        s.ShouldBe(HttpStatusCode.OK, nominated.ToString());
        (s, var again) = await SendAsync(secretary, HttpMethod.Post, $"/api/classes/{classId}/nominations", new { candidateIds = new[] { an } });
        s.ShouldBe(HttpStatusCode.BadRequest);
        Errors(again).ShouldContain("đã có trong danh sách của lớp này");

        var cls = await ClassAsync(office, classId);
        int Enrolment(int candidate) => Person(cls, candidate).GetProperty("id").GetInt32();
        Person(cls, an).Str("status").ShouldBe("Chờ duyệt");

        // Three within two seats: refused, none approved. A cell secretary does not decide.
        (await SendAsync(secretary, HttpMethod.Post, $"/api/classes/{classId}/decisions", new { approve = new[] { Enrolment(an) } })).Status.ShouldBe(HttpStatusCode.Forbidden);
        (s, var over) = await SendAsync(office, HttpMethod.Post, $"/api/classes/{classId}/decisions", new { approve = new[] { Enrolment(an), Enrolment(binh), Enrolment(cuong) } });
        s.ShouldBe(HttpStatusCode.BadRequest);
        Errors(over).ShouldContain("vượt chỉ tiêu của xã: 2 chỗ, đã duyệt 0, thêm 3");
        (s, var noReason) = await SendAsync(office, HttpMethod.Post, $"/api/classes/{classId}/decisions",
            new { approve = new[] { Enrolment(an), Enrolment(binh) }, refuse = new[] { new { enrolmentId = Enrolment(cuong), reason = "" } } });
        s.ShouldBe(HttpStatusCode.BadRequest);
        Errors(noReason).ShouldContain("Phạm Văn Cường: hãy ghi lý do không duyệt.");
        cls = await ClassAsync(office, classId);
        cls.GetProperty("people").EnumerateArray().ShouldAllBe(p => p.GetProperty("status").GetString() == "Chờ duyệt");
        (s, _) = await SendAsync(office, HttpMethod.Post, $"/api/classes/{classId}/decisions",
            new { approve = new[] { Enrolment(an), Enrolment(binh) }, refuse = new[] { new { enrolmentId = Enrolment(cuong), reason = "Hết chỉ tiêu, cử học khóa sau." } } });
        s.ShouldBe(HttpStatusCode.OK);
        cls = await ClassAsync(secretary, classId);
        Person(cls, an).Str("status").ShouldBe("Đã duyệt");
        Person(cls, cuong).Str("status").ShouldBe("Không duyệt");
        Person(cls, cuong).Str("statusReason").ShouldBe("Hết chỉ tiêu, cử học khóa sau.");

        // Once the class has opened nobody is added.
        // A session does not outlive days of the clock: sign in again after each move.
        Today(app, t0.AddDays(17));
        secretary = (await Browser.LoginAsync(app, "secretary")).Client;
        (s, var late) = await SendAsync(secretary, HttpMethod.Post, $"/api/classes/{classId}/nominations", new { candidateIds = new[] { cuong } });
        s.ShouldBe(HttpStatusCode.BadRequest, late.ToString());
        Errors(late).ShouldContain($"Lớp đã khai giảng ngày {Vn(17)}: chi bộ không đề cử thêm");

        Today(app, t0.AddDays(24));
        office = (await Browser.LoginAsync(app, "office")).Client;
        secretaryBrowser = await Browser.LoginAsync(app, "secretary");
        var anSteps = (await TimelineAsync(office, an)).StepCount();
        object Pass(int enrolment, string number) =>
            new { enrolmentId = enrolment, attendance = "11111", score = 8.5m, result = "Passed", grade = "khá", certificateNumber = number, certificateDate = At(21) };
        // A fail without its reason: the whole sheet is refused, An's pass not recorded either.
        (s, var bad) = await SendAsync(office, HttpMethod.Post, $"/api/classes/{classId}/results", new
        {
            rows = new object[] { Pass(Enrolment(an), "101/CN"), new { enrolmentId = Enrolment(binh), attendance = "11001", result = "Failed" } },
        });
        s.ShouldBe(HttpStatusCode.BadRequest);
        Errors(bad).ShouldContain("Lê Thị Bình: hãy ghi lý do không đạt.");
        (await TimelineAsync(office, an)).StepCount().ShouldBe(anSteps);
        Person(await ClassAsync(office, classId), an).Str("result").ShouldBe("Chưa có kết quả");

        (s, var saved) = await SendAsync(office, HttpMethod.Post, $"/api/classes/{classId}/results", new
        {
            rows = new object[] { Pass(Enrolment(an), "101/CN"), new { enrolmentId = Enrolment(binh), attendance = "11001", result = "Failed", failReason = "Vắng 2 buổi, chưa nộp bài thu hoạch." } },
        });
        s.ShouldBe(HttpStatusCode.OK, saved.ToString());
        saved.GetProperty("stepsRecorded").GetInt32().ShouldBe(1);
        var timeline = await TimelineAsync(office, an);
        timeline.StepCount().ShouldBe(anSteps + 1);
        var step = timeline.LastStep();
        step.Str("kind").ShouldBe("AwarenessClass");
        step.ToString().ShouldContain("101/CN");
        (await TimelineAsync(office, binh)).StepCount().ShouldBe(2);
        cls = await ClassAsync(office, classId);
        Person(cls, an).Str("grade").ShouldBe("Khá");
        Person(cls, an).GetProperty("inProcedure").GetBoolean().ShouldBeTrue();
        Person(cls, binh).Str("result").ShouldBe("Không đạt");

        // The timeline shows the certificate, its class and grade, how long it serves the vote, and the class history.
        var (_, doc) = await secretaryBrowser.GetAsync($"/Candidates/Timeline/{an}");
        var text = doc.Body!.TextContent;
        text.ShouldContain($"Giấy chứng nhận số 101/CN, ngày {Vn(21)}, xếp loại Khá; Lớp bồi dưỡng nhận thức về Đảng khóa I (Trung tâm Chính trị xã Thử Nghiệm)");
        text.ShouldContain($"có giá trị để chi bộ xét đến ngày {Vn(21, 5)}");
        doc.QuerySelector("#class-history")!.TextContent.ShouldContain("Đã duyệt; Đạt, loại Khá");
        (await secretaryBrowser.GetAsync($"/Candidates/Timeline/{binh}")).Document.QuerySelector("#class-history")!.TextContent
            .ShouldContain("Không đạt — Vắng 2 buổi, chưa nộp bài thu hoạch.");

        // Saved again as it is: nothing new; a recorded pass is not changed from the class.
        (s, saved) = await SendAsync(office, HttpMethod.Post, $"/api/classes/{classId}/results", new { rows = new object[] { Pass(Enrolment(an), "101/CN") } });
        s.ShouldBe(HttpStatusCode.OK, saved.ToString());
        saved.GetProperty("stepsRecorded").GetInt32().ShouldBe(0);
        (s, var changed) = await SendAsync(office, HttpMethod.Post, $"/api/classes/{classId}/results", new { rows = new object[] { Pass(Enrolment(an), "102/CN") } });
        s.ShouldBe(HttpStatusCode.BadRequest);
        Errors(changed).ShouldContain("đã ghi vào quá trình kết nạp");
        // A number the centre already gave is refused, in a later sheet too.
        (s, var twice) = await SendAsync(office, HttpMethod.Post, $"/api/classes/{classId}/results", new { rows = new object[] { Pass(Enrolment(binh), "101/cn") } });
        s.ShouldBe(HttpStatusCode.BadRequest);
        Errors(twice).ShouldContain("Lê Thị Bình: số giấy chứng nhận 101/cn trung tâm đã cấp cho Trần Văn An");
        // The mentor follows his candidates' classes.
        var mentor = (await Browser.LoginAsync(app, "mentor")).Client;
        Person(await ClassAsync(mentor, classId), an).Str("result").ShouldBe("Đạt");
    }

    [Fact]
    public async Task A_pass_the_procedure_refuses_leaves_the_whole_sheet_unwritten()
    {
        var t0 = VietnamToday(app);
        string At(int days) => Iso(t0.AddDays(days));
        var office = (await Browser.LoginAsync(app, "office")).Client;
        var secretary = (await Browser.LoginAsync(app, "secretary")).Client;
        var (s, center) = await SendAsync(office, HttpMethod.Post, "/api/political-centers", new { input = new { name = "Trung tâm Chính trị liên xã" }, version = 0 });
        s.ShouldBe(HttpStatusCode.Created, center.ToString());
        (s, var created) = await SendAsync(office, HttpMethod.Post, "/api/classes", new
        {
            input = new
            {
                centerId = center.GetProperty("id").GetInt32(), kind = "Awareness", name = "Lớp nhận thức khóa II", opensOn = At(3), closesOn = At(6),
                capacity = 30, quotas = new[] { new { communeId = app.Data.CommuneId, seats = 5 } },
            },
            version = 0,
        });
        s.ShouldBe(HttpStatusCode.Created, created.ToString());
        var classId = created.GetProperty("id").GetInt32();
        var giang = await CandidateAsync(secretary, "Vũ Thị Giang", "089300000111", t0.AddDays(-90));
        var hung = await CandidateAsync(secretary, "Mai Văn Hùng", "089200000112", t0.AddDays(-90));
        (s, var nominated) = await SendAsync(secretary, HttpMethod.Post, $"/api/classes/{classId}/nominations", new { candidateIds = new[] { giang, hung } });
        s.ShouldBe(HttpStatusCode.OK, nominated.ToString());
        var cls = await ClassAsync(office, classId);
        (await SendAsync(office, HttpMethod.Post, $"/api/classes/{classId}/decisions",
            new { approve = cls.GetProperty("people").EnumerateArray().Select(p => p.GetProperty("id").GetInt32()).ToArray() })).Status.ShouldBe(HttpStatusCode.OK);

        // The mentor writes an assessment the day after the class: a certificate dated the last day comes before the case's last step.
        Today(app, t0.AddDays(8));
        office = (await Browser.LoginAsync(app, "office")).Client;
        secretary = (await Browser.LoginAsync(app, "secretary")).Client;
        await StepAsync(secretary, giang, new { kind = "MentorAssessment", date = At(7), mentorMemberId = app.Data.MentorMemberA, note = "Tiến bộ." });
        var steps = (await TimelineAsync(office, giang)).StepCount();
        var rows = cls.GetProperty("people").EnumerateArray().Select(p => (object)new
        {
            enrolmentId = p.GetProperty("id").GetInt32(), attendance = "1111", result = "Passed", grade = "Khá",
            certificateNumber = "20" + p.GetProperty("candidateId").GetInt32() + "/CN", certificateDate = At(6),
        }).ToArray();
        (s, var refused) = await SendAsync(office, HttpMethod.Post, $"/api/classes/{classId}/results", new { rows });
        s.ShouldBe(HttpStatusCode.BadRequest);
        Errors(refused).ShouldContain("Vũ Thị Giang: chưa ghi được bước “Học lớp bồi dưỡng nhận thức về Đảng” vào quá trình kết nạp");
        (await TimelineAsync(office, giang)).StepCount().ShouldBe(steps);
        (await TimelineAsync(office, hung)).StepCount().ShouldBe(2);
        (await ClassAsync(office, classId)).GetProperty("people").EnumerateArray().ShouldAllBe(p => p.GetProperty("result").GetString() == "Chưa có kết quả");
    }

    [Fact]
    public async Task The_centres_sheet_goes_out_and_comes_back_a_sheet_with_one_bad_row_writes_nothing_and_the_papers_open_in_word()
    {
        var t0 = VietnamToday(app);
        string At(int days) => Iso(t0.AddDays(days));
        string Vn(int days) => t0.AddDays(days).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
        var office = (await Browser.LoginAsync(app, "office")).Client;
        var secretary = (await Browser.LoginAsync(app, "secretary")).Client;
        var (s, center) = await SendAsync(office, HttpMethod.Post, "/api/political-centers",
            new { input = new { name = "Trung tâm Chính trị xã Giao Thoa", directorName = "Trịnh Văn Đốc" }, version = 0 });
        s.ShouldBe(HttpStatusCode.Created, center.ToString());
        (s, var created) = await SendAsync(office, HttpMethod.Post, "/api/classes", new
        {
            input = new
            {
                centerId = center.GetProperty("id").GetInt32(), kind = "Awareness", name = "Lớp nhận thức khóa III", opensOn = At(2), closesOn = At(4),
                place = "Nhà văn hóa xã", capacity = 30, resultScale = "Giỏi; Khá; Trung bình", quotas = new[] { new { communeId = app.Data.CommuneId, seats = 5 } },
            },
            version = 0,
        });
        s.ShouldBe(HttpStatusCode.Created, created.ToString());
        var classId = created.GetProperty("id").GetInt32();
        var ids = new List<int>();
        foreach (var (name, id) in new[] { ("Lý Văn Khoa", "089200000121"), ("Tạ Thị Lan", "089300000122"), ("Hà Văn Minh", "089200000123") })
            ids.Add(await CandidateAsync(secretary, name, id, t0.AddDays(-40)));
        (await SendAsync(secretary, HttpMethod.Post, $"/api/classes/{classId}/nominations", new { candidateIds = ids })).Status.ShouldBe(HttpStatusCode.OK);
        var cls = await ClassAsync(office, classId);
        (await SendAsync(office, HttpMethod.Post, $"/api/classes/{classId}/decisions",
            new { approve = cls.GetProperty("people").EnumerateArray().Select(p => p.GetProperty("id").GetInt32()).ToArray() })).Status.ShouldBe(HttpStatusCode.OK);

        // The approved list, as the centre gets it: .xlsx and the Word letter.
        var sheet = await office.GetAsync($"/api/classes/{classId}/sheet");
        sheet.StatusCode.ShouldBe(HttpStatusCode.OK);
        var file = await sheet.Content.ReadAsByteArrayAsync();
        var tab = Reports.XlsxFile.Read(file).Tabs.Single();
        tab.Header.ShouldContain("Họ và tên");
        tab.Header.ShouldContain("Ngày " + t0.AddDays(2).ToString("dd/MM", System.Globalization.CultureInfo.InvariantCulture));
        tab.Header.ShouldContain("Số giấy chứng nhận");
        tab.Column(1).ShouldContain("Tạ Thị Lan");
        var letter = await office.GetAsync($"/api/classes/{classId}/letter");
        letter.StatusCode.ShouldBe(HttpStatusCode.OK);
        var letterText = Web.Documents.DocxTemplate.PlainText(await letter.Content.ReadAsByteArrayAsync());
        letterText.ShouldContain("Kính gửi: Trung tâm Chính trị xã Giao Thoa.");
        letterText.ShouldContain("gửi danh sách 3 học viên đề nghị dự Lớp nhận thức khóa III");
        letterText.ShouldContain("Hà Văn Minh");
        letterText.ShouldNotContain("{{");

        Today(app, t0.AddDays(6));
        office = (await Browser.LoginAsync(app, "office")).Client;
        var officeBrowser = await Browser.LoginAsync(app, "office");
        var days = Enumerable.Range(2, 3).Select(d => "Ngày " + t0.AddDays(d).ToString("dd/MM", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        (string, string, object?)[] Results(string minhGrade) =>
        [
            .. days.Select(d => ("Lý Văn Khoa", d, (object?)"x")), ("Lý Văn Khoa", "Điểm bài thu hoạch", 8.5), ("Lý Văn Khoa", "Kết quả (Đạt/Không đạt)", "Đạt"),
            ("Lý Văn Khoa", "Xếp loại", "Giỏi"), ("Lý Văn Khoa", "Số giấy chứng nhận", "51/CN"), ("Lý Văn Khoa", "Ngày cấp giấy chứng nhận", Vn(4)),
            ("Tạ Thị Lan", days[0], "x"), ("Tạ Thị Lan", days[1], "vắng"), ("Tạ Thị Lan", "Kết quả (Đạt/Không đạt)", "Không đạt"), ("Tạ Thị Lan", "Lý do không đạt", "Vắng 2 ngày."),
            ("Hà Văn Minh", "Kết quả (Đạt/Không đạt)", "đạt"), ("Hà Văn Minh", "Xếp loại", minhGrade), ("Hà Văn Minh", "Số giấy chứng nhận", "52/CN"),
            ("Hà Văn Minh", "Ngày cấp giấy chứng nhận", Vn(4)),
        ];
        async Task<(HttpStatusCode, JsonElement)> Upload(byte[] content, bool commit)
        {
            using var body = new ByteArrayContent(content);
            body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(Web.Api.ImportApi.XlsxType);
            var r = await office.PostAsync($"/api/classes/{classId}/results-sheet?commit={(commit ? "true" : "false")}", body);
            var text = await r.Content.ReadAsStringAsync();
            return (r.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
        }
        var steps = await Task.WhenAll(ids.Select(async id => (await TimelineAsync(office, id)).StepCount()));

        // One bad row (a grade not on the class's scale): refused by line and name, nothing written.
        var (status, refused) = await Upload(SheetEdit.Set(file, Results("Xuất sắc")), commit: true);
        status.ShouldBe(HttpStatusCode.BadRequest, refused.ToString());
        Errors(refused).ShouldContain("Hà Văn Minh: hãy chọn xếp loại trong thang của lớp (Giỏi, Khá, Trung bình)");
        Errors(refused).ShouldMatch(@".*Dòng \d+, Hà Văn Minh: .*");
        (await ClassAsync(office, classId)).GetProperty("people").EnumerateArray().ShouldAllBe(p => p.GetProperty("result").GetString() == "Chưa có kết quả");
        (await Task.WhenAll(ids.Select(async id => (await TimelineAsync(office, id)).StepCount()))).ShouldBe(steps);
        // A row naming someone not on the list is refused too.
        (status, refused) = await Upload(SheetEdit.Set(file, ("Hà Văn Minh", "Họ và tên", "Hà Văn Mạnh")), commit: false);
        status.ShouldBe(HttpStatusCode.BadRequest, refused.ToString());
        Errors(refused).ShouldContain("Hà Văn Mạnh: không có người này");
        // A mark that says neither present nor absent is not guessed.
        (status, refused) = await Upload(SheetEdit.Set(file, ("Hà Văn Minh", days[0], "nửa buổi")), commit: false);
        status.ShouldBe(HttpStatusCode.BadRequest, refused.ToString());
        Errors(refused).ShouldContain("“nửa buổi” không rõ có mặt hay vắng");

        // The fixed sheet: the page's preview fills the results page and writes nothing; then it is recorded.
        var good = SheetEdit.Set(file, Results("Khá"));
        var token = (await officeBrowser.GetAsync($"/Classes/Results/{classId}")).Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using (var form = new MultipartFormDataContent())
        {
            form.Add(new StringContent(token), "__RequestVerificationToken");
            var part = new ByteArrayContent(good);
            part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(Web.Api.ImportApi.XlsxType);
            form.Add(part, "file", "ket-qua.xlsx");
            var preview = await officeBrowser.Client.PostAsync($"/Classes/Results/{classId}?handler=Sheet", form);
            var html = await preview.Content.ReadAsStringAsync();
            preview.StatusCode.ShouldBe(HttpStatusCode.OK, html);
            html.ShouldContain("Đã đọc 3 dòng từ tệp của trung tâm, không có lỗi.");
            html.ShouldContain("Đạt, loại Giỏi, giấy chứng nhận số 51/CN");
        }
        (await ClassAsync(office, classId)).GetProperty("people").EnumerateArray().ShouldAllBe(p => p.GetProperty("result").GetString() == "Chưa có kết quả");
        (status, var saved) = await Upload(good, commit: true);
        status.ShouldBe(HttpStatusCode.OK, saved.ToString());
        saved.GetProperty("stepsToRecord").GetInt32().ShouldBe(2);
        cls = await ClassAsync(office, classId);
        Person(cls, ids[0]).Str("attendance").ShouldBe("111");
        Person(cls, ids[0]).GetProperty("score").GetDecimal().ShouldBe(8.5m);
        Person(cls, ids[1]).Str("attendance").ShouldBe("100");
        Person(cls, ids[1]).Str("failReason").ShouldBe("Vắng 2 ngày.");
        (await TimelineAsync(office, ids[2])).LastStep().Str("kind").ShouldBe("AwarenessClass");

        // The certificates of the two passes, one page each, from the template.
        var certificates = await office.GetAsync($"/api/classes/{classId}/certificates");
        certificates.StatusCode.ShouldBe(HttpStatusCode.OK);
        var docx = await certificates.Content.ReadAsByteArrayAsync();
        var text = Web.Documents.DocxTemplate.PlainText(docx);
        text.ShouldContain("GIÁM ĐỐC TRUNG TÂM CHÍNH TRỊ XÃ GIAO THOA CHỨNG NHẬN");
        text.ShouldContain("Lý Văn Khoa");
        text.ShouldContain("Hà Văn Minh");
        text.ShouldNotContain("Tạ Thị Lan");
        text.ShouldContain("Là cảm tình Đảng của Chi bộ");
        text.ShouldContain("Trịnh Văn Đốc");
        text.ShouldNotContain("{{");
        using var stream = new MemoryStream(docx);
        using var word = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(stream, false);
        word.MainDocumentPart!.Document!.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.Break>()
            .Count(b => b.Type?.Value == DocumentFormat.OpenXml.Wordprocessing.BreakValues.Page).ShouldBe(1);
    }

    [Fact]
    public async Task Approvals_sent_at_once_never_take_more_than_the_seats()
    {
        var t0 = VietnamToday(app);
        var office = (await Browser.LoginAsync(app, "office")).Client;
        var secretary = (await Browser.LoginAsync(app, "secretary")).Client;
        var (s, center) = await SendAsync(office, HttpMethod.Post, "/api/political-centers", new { input = new { name = "Trung tâm Chính trị xã Đồng Thời" }, version = 0 });
        s.ShouldBe(HttpStatusCode.Created, center.ToString());
        (s, var created) = await SendAsync(office, HttpMethod.Post, "/api/classes", new
        {
            input = new
            {
                centerId = center.GetProperty("id").GetInt32(), kind = "Awareness", name = "Lớp một chỗ", opensOn = Iso(t0.AddDays(30)), closesOn = Iso(t0.AddDays(34)),
                capacity = 10, quotas = new[] { new { communeId = app.Data.CommuneId, seats = 1 } },
            },
            version = 0,
        });
        s.ShouldBe(HttpStatusCode.Created, created.ToString());
        var classId = created.GetProperty("id").GetInt32();
        var ids = new List<int>();
        foreach (var (name, id) in new[] { ("Cao Văn Nhất", "089200000131"), ("Cao Thị Nhì", "089300000132"), ("Cao Văn Ba", "089200000133") })
            ids.Add(await CandidateAsync(secretary, name, id, t0.AddDays(-30)));
        (await SendAsync(secretary, HttpMethod.Post, $"/api/classes/{classId}/nominations", new { candidateIds = ids })).Status.ShouldBe(HttpStatusCode.OK);
        var places = (await ClassAsync(office, classId)).GetProperty("people").EnumerateArray().Select(p => p.GetProperty("id").GetInt32()).ToList();
        var answers = await Task.WhenAll(places.Select(p => SendAsync(office, HttpMethod.Post, $"/api/classes/{classId}/decisions", new { approve = new[] { p } })));
        answers.Count(a => a.Status == HttpStatusCode.OK).ShouldBe(1, string.Join("\n", answers.Select(a => a.Body.ToString())));
        answers.Where(a => a.Status != HttpStatusCode.OK).ShouldAllBe(a => a.Status == HttpStatusCode.BadRequest);
        (await ClassAsync(office, classId)).GetProperty("people").EnumerateArray().Count(p => p.GetProperty("status").GetString() == "Đã duyệt").ShouldBe(1);
    }

    [Fact]
    public async Task Roles_without_the_permission_are_refused_and_the_pages_read_for_every_role_that_reads_records()
    {
        var inspector = (await Browser.LoginAsync(app, "inspector")).Client;
        (await SendAsync(inspector, HttpMethod.Post, "/api/classes/1/nominations", new { candidateIds = new[] { 1 } })).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await SendAsync(inspector, HttpMethod.Post, "/api/classes/1/results", new { rows = Array.Empty<object>() })).Status.ShouldBe(HttpStatusCode.Forbidden);
        var mentor = (await Browser.LoginAsync(app, "mentor")).Client;
        (await SendAsync(mentor, HttpMethod.Post, "/api/political-centers", new { input = new { name = "X" }, version = 0 })).Status.ShouldBe(HttpStatusCode.Forbidden);
        foreach (var user in new[] { "office", "committee", "secretary", "inspector" })
        {
            var b = await Browser.LoginAsync(app, user);
            foreach (var url in new[] { "/Classes", "/Classes/Centers", "/Classes/Needs" })
                (await b.Client.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.OK, $"{user} {url}");
        }
    }
}

public sealed class ClassTests_Sqlite(SqliteApp app) : ClassTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class ClassTests_Postgres(PostgresApp app) : ClassTests<PostgresApp>(app), IClassFixture<PostgresApp>;
