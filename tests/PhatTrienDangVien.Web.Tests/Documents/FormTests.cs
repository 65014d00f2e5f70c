using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;
using static PhatTrienDangVien.Web.Tests.Documents.FormCases;
using Docs = PhatTrienDangVien.Web.Documents;

namespace PhatTrienDangVien.Web.Tests.Documents;

/// <summary>
/// Every form of the procedure filled for the seeded cases, issued from the timeline as a user does, opened with the
/// OpenXml SDK and read back: the values in their places, the numbers, nothing left unreplaced.
/// </summary>
public abstract class FormTests<TApp>(TApp app) where TApp : AppFactory
{
    private static void NoPlaceholderLeft(byte[] docx, string form) =>
        Docs.DocxTemplate.PlainText(docx).ShouldNotContain("{{", customMessage: form);

    private static string Body(byte[] docx) => Docs.DocxTemplate.PlainText(docx);

    [Fact]
    public async Task Every_form_of_a_case_is_filled_from_the_record_with_its_number()
    {
        var cases = await EnsureAsync(app);
        var b = await Browser.LoginAsync(app, "secretary");
        // The committee's papers are issued by the office, which keeps the committee's register of numbers.
        var committeeOffice = await Browser.LoginAsync(app, "office");
        async Task<byte[]> Issue(AdmissionStepKind kind, string form, int variant = 0)
        {
            var by = kind is AdmissionStepKind.Decision or AdmissionStepKind.RecognitionDecision ? committeeOffice : b;
            var file = await IssueAsync(by, cases.A, await StepAsync(app, cases.A, kind), form, variant);
            NoPlaceholderLeft(file, form);
            return file;
        }

        var f1 = await Issue(AdmissionStepKind.Application, "1-KND");
        var t1 = Body(f1);
        t1.ShouldContain("Thử Nghiệm, ngày 01 tháng 4 năm 2026");
        t1.ShouldContain("Tôi là: Võ Minh Đức, sinh ngày 15/03/2000; giới tính: Nam.");
        t1.ShouldContain("giấy chứng nhận số 1/CN ngày 06/03/2026");
        t1.ShouldContain("Kính gửi: Chi ủy Chi bộ Ấp Mỹ Lợi, Đảng ủy xã Thử Nghiệm.");
        t1.ShouldContain("Nơi sinh: ………………; quê quán: ………………", customMessage: "what the data does not hold stays dotted");

        var f3a = Body(await Issue(AdmissionStepKind.Introduction, "3-KND", 1));
        f3a.ShouldContain("Tôi là: Nguyễn Văn Ẩn, đảng viên chính thức của Chi bộ Ấp Mỹ Lợi; vào Đảng ngày 19/05/2010, chính thức ngày 19/05/2011.");
        // 1/1/2020 to 1/6/2026: 77 months together.
        f3a.ShouldContain("Võ Minh Đức, sinh ngày 15/03/2000, nơi cư trú ………………, trong 77 tháng.");
        Body(await Issue(AdmissionStepKind.Introduction, "3-KND", 2)).ShouldContain("Tôi là: Lê Văn Cường");

        Body(await Issue(AdmissionStepKind.Opinions, "5-KND")).ShouldContain("(tổng hợp ngày 15/06/2026)");

        var f6 = await Issue(AdmissionStepKind.CellVote, "6-KND");
        var (left6, right6) = Header(f6);
        left6.ShouldBe(["ĐẢNG BỘ XÃ THỬ NGHIỆM", "CHI BỘ ẤP MỸ LỢI", "*", "Số 1-NQ/CB"]);
        right6[^1].ShouldBe("Thử Nghiệm, ngày 01 tháng 7 năm 2026");
        var p6 = Paragraphs(f6);
        p6.ShouldContain("Ngày 01/07/2026, Chi bộ Ấp Mỹ Lợi đã họp để xét, đề nghị kết nạp quần chúng Võ Minh Đức, sinh ngày 15/03/2000, nơi cư trú ………………, vào Đảng Cộng sản Việt Nam.");
        // None excluded: the "(không tính 0 đồng chí miễn sinh hoạt…)" clause is left out.
        p6.ShouldContain("Tổng số đảng viên chính thức: 3 đồng chí; số được tính để biểu quyết: 3 đồng chí.");
        p6.ShouldContain(p => p.StartsWith("Có mặt: 3 đồng chí; vắng mặt: 0 đồng chí.", StringComparison.Ordinal));
        p6.ShouldContain("3. Đối chiếu với tiêu chuẩn, điều kiện kết nạp đảng viên, chi bộ biểu quyết: 3 đồng chí tán thành, đạt 100,00% so với số đảng viên chính thức được tính; 0 đồng chí không tán thành.");
        p6.ShouldContain("Chi bộ đề nghị Ban Thường vụ Đảng ủy xã Thử Nghiệm xem xét, kết nạp quần chúng Võ Minh Đức vào Đảng Cộng sản Việt Nam.");
        // The secretary of the cell signs.
        p6.ShouldContain("Lê Văn Cường");

        var f8 = await Issue(AdmissionStepKind.Decision, "8-KND");
        Header(f8).Left.ShouldBe(["ĐẢNG BỘ ………………", "ĐẢNG ỦY XÃ THỬ NGHIỆM", "*", "Số 1-NQ/ĐU"]);
        Body(f8).ShouldContain("Căn cứ Nghị quyết số 1-NQ/CB ngày 01/07/2026 của Chi bộ Ấp Mỹ Lợi đề nghị kết nạp quần chúng Võ Minh Đức vào Đảng (chi bộ biểu quyết 3/3 đồng chí tán thành, đạt 100,00%);");
        Body(f8).ShouldContain("T/M BAN THƯỜNG VỤ");

        var f9 = await Issue(AdmissionStepKind.Decision, "9-KND");
        Header(f9).Left[^1].ShouldBe("Số 1-QĐ/ĐU");
        var t9 = Body(f9);
        t9.ShouldContain("BAN THƯỜNG VỤ ĐẢNG ỦY XÃ THỬ NGHIỆM");
        t9.ShouldContain("Điều 1. Kết nạp quần chúng Võ Minh Đức, sinh ngày 15/03/2000");
        // 30 working days from the cell's receipt on 22/7/2026, as the timeline computes them.
        t9.ShouldMatch(@"chậm nhất ngày \d\d/0[89]/2026");

        var f10 = Body(await Issue(AdmissionStepKind.RecognitionVote, "10-KND"));
        f10.ShouldContain("được kết nạp vào Đảng ngày 05/08/2026 theo Quyết định số 1-QĐ/ĐU ngày 20/07/2026; hết thời gian dự bị ngày 05/08/2027; được đồng chí Trần Thị Bình giúp đỡ.", customMessage: "ngày vào Đảng is the ceremony, as in the register");
        Body(await Issue(AdmissionStepKind.RecognitionVote, "11-KND")).ShouldContain("Tôi là: Trần Thị Bình, đảng viên chính thức, được chi bộ phân công giúp đỡ đảng viên dự bị Võ Minh Đức");
        Body(await Issue(AdmissionStepKind.RecognitionVote, "12-KND")).ShouldContain("hết thời gian dự bị ngày 05/08/2027");

        var f13 = await Issue(AdmissionStepKind.RecognitionVote, "13-KND");
        Header(f13).Left[^1].ShouldBe("Số 2-NQ/CB", "the cell's second resolution of the term");
        Header(f13).Right[^1].ShouldBe("Thử Nghiệm, ngày 06 tháng 8 năm 2027");
        Body(f13).ShouldContain("chi bộ biểu quyết: 3 đồng chí tán thành công nhận, đạt 100,00%");
        Body(f13).ShouldContain("công nhận đồng chí Võ Minh Đức là đảng viên chính thức kể từ ngày 05/08/2027.");

        var f15 = await Issue(AdmissionStepKind.RecognitionDecision, "15-KND");
        Header(f15).Left[^1].ShouldBe("Số 2-NQ/ĐU");
        Body(f15).ShouldContain("Căn cứ Nghị quyết số 2-NQ/CB ngày 06/08/2027 của Chi bộ Ấp Mỹ Lợi đề nghị công nhận đảng viên chính thức (chi bộ biểu quyết 3/3 đồng chí tán thành, đạt 100,00%);");
        var fq = await Issue(AdmissionStepKind.RecognitionDecision, "QD-CNCT");
        Header(fq).Left[^1].ShouldBe("Số 2-QĐ/ĐU");
        Body(fq).ShouldContain("Điều 1. Công nhận đồng chí Võ Minh Đức, sinh ngày 15/03/2000, kết nạp vào Đảng ngày 05/08/2026 tại Chi bộ Ấp Mỹ Lợi, là đảng viên chính thức kể từ ngày 05/08/2027. Tuổi đảng của đồng chí tính từ ngày 20/07/2026");

        // Candidate B: the Youth Union's resolution and the sub-committee's report (the office reaches cell B).
        var office = await Browser.LoginAsync(app, "office");
        var f4 = await IssueAsync(office, cases.B, await StepAsync(app, cases.B, AdmissionStepKind.Introduction), "4-KND");
        NoPlaceholderLeft(f4, "4-KND");
        // The commune's Youth Union heads it; "đạt …… %" keeps the dots and the "%" on one line.
        Header(f4).Left.ShouldBe(["ĐOÀN TNCS HỒ CHÍ MINH XÃ THỬ NGHIỆM", "BCH ĐOÀN XÃ THỬ NGHIỆM", "***", "Số 15-NQ/ĐTN"]);
        Body(f4).ShouldContain("Ban Chấp hành Đoàn xã Thử Nghiệm đã họp xét");
        Body(f4).ShouldContain("đạt ……\u00A0%");
        Body(f4).ShouldNotContain("đạt ……%");
        Body(f4).ShouldContain("giới thiệu đoàn viên Huỳnh Ngọc Ánh");
        var f7 = await IssueAsync(office, cases.B, await StepAsync(app, cases.B, AdmissionStepKind.SubCommitteeVote), "7-KND");
        NoPlaceholderLeft(f7, "7-KND");
        Header(f7).Left.ShouldBe(["ĐẢNG BỘ XÃ THỬ NGHIỆM", "ĐẢNG ỦY BỘ PHẬN KHỐI TRƯỜNG", "*", "Số 1-BC/ĐU"]);
        // The cell's resolution: its number once the software issued it (another test may have), else dotted.
        Body(f7).ShouldMatch("Nghị quyết số (………………|1-NQ/CB) ngày 01/07/2026 của Chi bộ Trường Tiểu học");
        Body(f7).ShouldContain("Số cấp ủy viên tán thành đề nghị kết nạp: 1 đồng chí, đạt 100,00%; không tán thành: 0 đồng chí.");
        // A step offers only its path's papers: no Trade Union resolution on the Youth Union's path, no second introducer.
        var none = await office.PostRawAsync($"/Candidates/Timeline/{cases.B}?handler=Issue",
            [new("stepId", (await StepAsync(app, cases.B, AdmissionStepKind.Introduction)).ToString(System.Globalization.CultureInfo.InvariantCulture)), new("form", "4A-KND"), new("variant", "0")],
            $"/Candidates/Timeline/{cases.B}");
        none.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        Body(await IssueAsync(office, cases.B, await StepAsync(app, cases.B, AdmissionStepKind.Introduction), "3-KND", 1)).ShouldContain("Tôi là: Phạm Thị Dung");
    }

    [Fact]
    public async Task Numbers_restart_each_term_and_are_counted_per_issuing_body_and_type()
    {
        var cases = await EnsureAsync(app);
        var secretary = await Browser.LoginAsync(app, "secretary");
        var office = await Browser.LoginAsync(app, "office");
        async Task<string> NumberOf(Browser b, int candidate, AdmissionStepKind kind, string form) =>
            Header(await IssueAsync(b, candidate, await StepAsync(app, candidate, kind), form)).Left[^1];

        (await NumberOf(secretary, cases.A, AdmissionStepKind.CellVote, "6-KND")).ShouldBe("Số 1-NQ/CB");
        (await NumberOf(secretary, cases.A, AdmissionStepKind.RecognitionVote, "13-KND")).ShouldBe("Số 2-NQ/CB");
        // Voted on 25/6/2025: the term 2020–2025 has its own count.
        (await NumberOf(secretary, cases.C, AdmissionStepKind.CellVote, "6-KND")).ShouldBe("Số 1-NQ/CB");
        // Cell B numbers its own resolutions; the committee numbers its resolutions and decisions apart.
        (await NumberOf(office, cases.B, AdmissionStepKind.CellVote, "6-KND")).ShouldBe("Số 1-NQ/CB");
        (await NumberOf(office, cases.A, AdmissionStepKind.Decision, "8-KND")).ShouldBe("Số 1-NQ/ĐU");
        (await NumberOf(office, cases.A, AdmissionStepKind.Decision, "9-KND")).ShouldBe("Số 1-QĐ/ĐU");

        var counters = await app.WithSystemScopeAsync(db => db.DocumentCounters.AsNoTracking()
            .Where(c => c.OrganisationId == app.Data.CellA && c.DocumentType == "NQ/CB").Select(c => new { c.TermId, c.LastNumber }).ToListAsync());
        counters.Count.ShouldBe(2);
        counters.Select(c => c.LastNumber).Order().ShouldBe([1, 2]);
    }

    [Fact]
    public async Task An_issued_paper_is_kept_with_its_step_and_issuing_again_keeps_the_earlier_file_and_number()
    {
        var cases = await EnsureAsync(app);
        var b = await Browser.LoginAsync(app, "secretary");
        var step = await StepAsync(app, cases.A, AdmissionStepKind.CellVote);
        var first = await IssueAsync(b, cases.A, step, "6-KND");
        var second = await IssueAsync(b, cases.A, step, "6-KND");
        Header(second).Left[^1].ShouldBe(Header(first).Left[^1]);

        var kept = await app.WithSystemScopeAsync(db => db.IssuedDocuments.AsNoTracking().Where(d => d.StepId == step && d.FormCode == "6-KND").OrderBy(d => d.Id).ToListAsync());
        kept.Count.ShouldBeGreaterThanOrEqualTo(2);
        kept.Select(d => d.Number).Distinct().ShouldBe(["1-NQ/CB"]);
        kept[^1].Content.ShouldBe(second);
        kept[^1].Sha256.ShouldBe(Docs.DocxTemplate.Sha256(second));
        kept[^1].IssuedBy.ShouldBe("secretary");

        // The timeline lists the papers and hands back the exact bytes of each.
        var (_, timeline) = await b.GetAsync($"/Candidates/Timeline/{cases.A}");
        var links = timeline.QuerySelectorAll($".forms[data-step='{step}'] a").Select(a => a.GetAttribute("href")!).ToList();
        links.Count.ShouldBe(kept.Count);
        foreach (var doc in kept)
        {
            var r = await b.Client.GetAsync($"/Candidates/Timeline/{cases.A}?handler=Document&documentId={doc.Id}");
            r.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await r.Content.ReadAsByteArrayAsync()).ShouldBe(doc.Content);
        }
        // Each download is on the trail as a form, not as a scan.
        (await app.WithSystemScopeAsync(db => db.AuditEntries.CountAsync(a => a.Action == Auditing.AccessTrail.DocumentDownloaded))).ShouldBe(kept.Count);
        (await app.WithSystemScopeAsync(db => db.AuditEntries.CountAsync(a => a.Action == Auditing.AccessTrail.Downloaded))).ShouldBe(0);
        // Cell B's secretary? None: a user outside the case's cell does not reach its papers.
        var other = await IssueAsync(await Browser.LoginAsync(app, "office"), cases.B, await StepAsync(app, cases.B, AdmissionStepKind.CellVote), "6-KND");
        other.Length.ShouldBeGreaterThan(0);
        var bDoc = await app.WithSystemScopeAsync(db => db.IssuedDocuments.Where(d => d.CandidateId == cases.B).Select(d => d.Id).FirstAsync());
        (await b.Client.GetAsync($"/Candidates/Timeline/{cases.B}?handler=Document&documentId={bDoc}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // A mentor reads the case but records no step: no paper is issued.
        var mentor = await Browser.LoginAsync(app, "mentor");
        var refused = await mentor.PostRawAsync($"/Candidates/Timeline/{cases.A}?handler=Issue",
            [new("stepId", step.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("form", "6-KND"), new("variant", "0")], "/");
        (refused.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect).ShouldBeTrue();
        (await app.WithSystemScopeAsync(db => db.IssuedDocuments.CountAsync(d => d.StepId == step))).ShouldBe(kept.Count);
    }

    [Fact]
    public async Task The_default_form_has_the_party_layout()
    {
        var cases = await EnsureAsync(app);
        var b = await Browser.LoginAsync(app, "secretary");
        var file = await IssueAsync(b, cases.A, await StepAsync(app, cases.A, AdmissionStepKind.CellVote), "6-KND");
        using var doc = WordprocessingDocument.Open(new MemoryStream(file), false);
        var body = doc.MainDocumentPart!.Document!.Body!;
        var section = body.GetFirstChild<SectionProperties>()!;
        section.GetFirstChild<PageSize>()!.Width!.Value.ShouldBe(11906u, "A4");
        section.GetFirstChild<PageSize>()!.Height!.Value.ShouldBe(16838u);
        section.GetFirstChild<PageMargin>()!.Left!.Value.ShouldBe(1701u, "30 mm on the left");
        foreach (var run in body.Descendants<Run>())
        {
            run.RunProperties!.RunFonts!.Ascii!.Value.ShouldBe("Times New Roman");
            run.RunProperties.RunFonts.HighAnsi!.Value.ShouldBe("Times New Roman");
        }

        var header = body.Elements<Table>().First();
        var borders = header.GetFirstChild<TableProperties>()!.GetFirstChild<TableBorders>()!;
        borders.ChildElements.OfType<BorderType>().All(x => x.Val!.Value == BorderValues.None).ShouldBeTrue("the header table has no borders");
        var cells = header.Descendants<TableCell>().ToList();
        cells.Count.ShouldBe(2);
        static (string Text, double Size, bool Bold, bool Italic, bool Underline) Look(Paragraph p)
        {
            var rp = p.Descendants<Run>().First().RunProperties!;
            return (p.InnerText, double.Parse(rp.FontSize!.Val!.Value!, System.Globalization.CultureInfo.InvariantCulture) / 2,
                rp.Bold is not null, rp.Italic is not null, rp.Underline?.Val?.Value == UnderlineValues.Single);
        }
        var left = cells[0].Elements<Paragraph>().Select(Look).ToList();
        left[0].ShouldBe(("ĐẢNG BỘ XÃ THỬ NGHIỆM", 14, false, false, false));
        left[1].ShouldBe(("CHI BỘ ẤP MỸ LỢI", 14, true, false, false));
        left[2].ShouldBe(("*", 14, false, false, false));
        left[3].ShouldBe(("Số 1-NQ/CB", 14, false, false, false));
        var right = cells[1].Elements<Paragraph>().Where(p => p.InnerText.Length > 0).Select(Look).ToList();
        right[0].ShouldBe(("ĐẢNG CỘNG SẢN VIỆT NAM", 15, true, false, true));
        right[1].ShouldBe(("Thử Nghiệm, ngày 01 tháng 7 năm 2026", 14, false, true, false));

        var after = body.Elements<Paragraph>().Where(p => p.InnerText.Length > 0).Select(Look).ToList();
        after[0].ShouldBe(("NGHỊ QUYẾT", 16, true, false, false));
        after[1].ShouldBe(("đề nghị kết nạp đảng viên", 14, true, false, false));
        after.Skip(3).Where(p => !p.Text.StartsWith('-')).All(p => p.Size == 14).ShouldBeTrue("the body is in 14 points");
        body.Descendants<Paragraph>().Where(p => p.ParagraphProperties?.Justification?.Val?.Value == JustificationValues.Both).Count().ShouldBeGreaterThan(5);

        var signature = body.Elements<Table>().Last().Descendants<TableCell>().ToList();
        signature[0].InnerText.ShouldStartWith("Nơi nhận:");
        signature[1].Elements<Paragraph>().Select(p => p.InnerText).Where(t => t.Length > 0).ShouldBe(["T/M CHI BỘ", "BÍ THƯ", "(Ký, ghi rõ họ tên)", "Lê Văn Cường"]);
    }

    [Fact]
    public async Task The_certificate_list_has_the_candidates_whose_class_falls_in_the_period()
    {
        await EnsureAsync(app);
        var b = await Browser.LoginAsync(app, "office");
        var (page, html) = await b.GetAsync("/Documents/Certificates?From=2026-03-01&To=2026-03-31");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.QuerySelectorAll("#certificates tbody tr").Length.ShouldBe(2);
        var r = await b.Client.GetAsync("/Documents/Certificates?handler=Download&From=2026-03-01&To=2026-03-31");
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        var file = await r.Content.ReadAsByteArrayAsync();
        NoPlaceholderLeft(file, "DS-GCN");
        using var doc = WordprocessingDocument.Open(new MemoryStream(file), false);
        var list = doc.MainDocumentPart!.Document!.Body!.Elements<Table>().ElementAt(1);
        var rows = list.Elements<TableRow>().Select(row => row.Elements<TableCell>().Select(c => c.InnerText).ToList()).ToList();
        rows.Count.ShouldBe(3);
        rows[1].ShouldBe(["1", "Huỳnh Ngọc Ánh", "15/03/2000", "Chi bộ Trường Tiểu học", "2/CN", "06/03/2026"]);
        rows[2].ShouldBe(["2", "Võ Minh Đức", "15/03/2000", "Chi bộ Ấp Mỹ Lợi", "1/CN", "06/03/2026"]);
        Body(file).ShouldContain("(lớp học từ ngày 01/03/2026 đến ngày 31/03/2026)");
        Body(file).ShouldContain("Danh sách gồm 2 người.");
        // The secretary of cell A lists only their own cell's candidates.
        var secretary = await Browser.LoginAsync(app, "secretary");
        var (_, own) = await secretary.GetAsync("/Documents/Certificates?From=2026-03-01&To=2026-03-31");
        own.QuerySelectorAll("#certificates tbody tr").Length.ShouldBe(1);
        // A period without a class: a message, no file.
        var empty = await b.Client.GetAsync("/Documents/Certificates?handler=Download&From=2026-10-01&To=2026-10-31");
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await empty.Content.ReadAsStringAsync()).ShouldContain("Không có quần chúng nào");
    }

    /// <summary>The signer's name: the last line of the signature block (the document's last table).</summary>
    private static string SignerName(byte[] docx)
    {
        using var doc = WordprocessingDocument.Open(new MemoryStream(docx), false);
        return doc.MainDocumentPart!.Document!.Body!.Elements<Table>().Last().Descendants<TableCell>().Last().Elements<Paragraph>().Last().InnerText;
    }

    [Fact]
    public async Task The_sub_committees_report_is_signed_by_the_secretary_the_organisation_page_names()
    {
        var cases = await EnsureAsync(app);
        var office = await Browser.LoginAsync(app, "office");
        var d = app.Data;
        static string S(int i) => i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var step = await StepAsync(app, cases.B, AdmissionStepKind.SubCommitteeVote);
        await app.WithSystemScopeAsync(async db =>
        {
            (await db.Organisations.SingleAsync(o => o.Id == d.SubCommitteeId)).SecretaryMemberId = null;
            return await db.SaveChangesAsync();
        });
        // Unknown: dotted, to be written by hand.
        SignerName(await IssueAsync(office, cases.B, step, "7-KND")).ShouldBe(Docs.FormCatalog.Dots);

        // A member of a cell outside the sub-committee is refused, with the reason.
        var refused = await office.PostFormAsync($"/Organisations/Edit/{S(d.SubCommitteeId)}", new() { ["Input.SecretaryMemberId"] = S(d.MemberA) });
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("Bí thư đảng ủy bộ phận phải là đảng viên chính thức của một chi bộ trực thuộc.");
        // Chosen on the organisation page among the official members of its cells (cell B's member).
        var (_, page) = await office.GetAsync($"/Organisations/Edit/{S(d.SubCommitteeId)}");
        page.QuerySelectorAll("#Input_SecretaryMemberId option").Select(o => o.TextContent).ShouldContain("Phạm Thị Dung");
        var saved = await office.PostFormAsync($"/Organisations/Edit/{S(d.SubCommitteeId)}", new() { ["Input.SecretaryMemberId"] = S(d.MemberB) });
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());

        var f7 = await IssueAsync(office, cases.B, step, "7-KND");
        SignerName(f7).ShouldBe("Phạm Thị Dung");
        Paragraphs(f7).ShouldContain("T/M ĐẢNG ỦY");
    }

    [Fact]
    public async Task Every_paper_dates_joining_the_party_by_the_ceremony_and_the_decision_by_its_signing()
    {
        var cases = await EnsureAsync(app);
        var office = await Browser.LoginAsync(app, "office");
        // Candidate A: decision signed 20/07/2026, ceremony held 05/08/2026; the introducers joined on 19/05/2010.
        const string Ceremony = "05/08/2026", Decision = "20/07/2026", IntroducerJoined = "19/05/2010";
        var papers = new List<(string Form, string Text)>();
        foreach (var form in Docs.FormCatalog.All.Where(f => f.Step is not null && f.Key is not ("4-KND" or "4A-KND" or "7-KND")))
        {
            var step = await StepAsync(app, cases.A, form.Step!.Value);
            foreach (var variant in form.Key == "3-KND" ? new[] { 1, 2 } : [0])
                papers.Add((form.Code, Body(await IssueAsync(office, cases.A, step, form.Key, variant))));
        }
        var joined = 0;
        var decided = 0;
        foreach (var (form, text) in papers)
        {
            foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(text, @"vào Đảng ngày (\S+?)[,;.)\s]"))
            {
                joined++;
                // 3-KNĐ's "vào Đảng ngày" is the introducer's own.
                m.Groups[1].Value.ShouldBe(form == "3-KNĐ" ? IntroducerJoined : Ceremony, $"{form}: “{m.Value}”");
            }
            foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(text, @"(Quyết định( kết nạp)? số \S+ ngày|Tuổi đảng của đồng chí tính từ ngày) (\S+?)[,;.)\s]"))
            {
                decided++;
                m.Groups[3].Value.ShouldBe(Decision, $"{form}: “{m.Value}”");
            }
        }
        // 10, 11, 12, 13, 15-KNĐ, the recognition decision and the two introducers' papers; the decision's number and date
        // on 10 and 13-KNĐ, party age on the recognition decision.
        joined.ShouldBeGreaterThanOrEqualTo(8);
        decided.ShouldBeGreaterThanOrEqualTo(3);
    }
}

public sealed class FormTests_Sqlite(SqliteApp app) : FormTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class FormTests_Postgres(PostgresApp app) : FormTests<PostgresApp>(app), IClassFixture<PostgresApp>;
