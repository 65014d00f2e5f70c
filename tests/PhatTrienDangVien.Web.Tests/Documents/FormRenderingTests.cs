using System.Globalization;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Web.Documents;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;
using static PhatTrienDangVien.Web.Tests.Documents.FormCases;

namespace PhatTrienDangVien.Web.Tests.Documents;

/// <summary>
/// Forms through LibreOffice (headless, .docx → PDF) and poppler, as they are printed: first pages kept as PNG under
/// the test output's screenshots folder, page texts read to prove the fonts rendered and where the pages break.
/// </summary>
public sealed partial class FormRenderingTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task A_form_converts_to_pdf_and_its_first_page_renders_as_an_image()
    {
        var cases = await EnsureAsync(app);
        var b = await Browser.LoginAsync(app, "secretary");
        using var r = new Rendering("ptdv-form-");
        var files = new List<(string, byte[])>();
        foreach (var (form, kind) in new[] { ("6-KND", AdmissionStepKind.CellVote), ("9-KND", AdmissionStepKind.Decision), ("1-KND", AdmissionStepKind.Application) })
            files.Add((form + ".docx", await IssueAsync(form == "9-KND" ? await Browser.LoginAsync(app, "office") : b, cases.A, await StepAsync(app, cases.A, kind), form)));
        var pdfs = await r.ToPdfAsync(files);
        foreach (var pdf in pdfs)
            (await r.ScreenshotAsync(pdf, $"form-{Path.GetFileNameWithoutExtension(pdf)}.png")).Length.ShouldBeGreaterThan(10_000);
        var text = await r.PageTextAsync(pdfs[0], 1);
        text.ShouldContain("ĐẢNG CỘNG SẢN VIỆT NAM");
        text.ShouldContain("NGHỊ QUYẾT");
        text.ShouldContain("Số 1-NQ/CB");
        text.ShouldContain("đạt 100,00%");
        (await r.RunAsync("pdfinfo", pdfs[0])).ShouldContain("A4");
    }

    /// <summary>How the signature block's first printed line begins (pdftotext -layout puts "Nơi nhận:" and "T/M …" on one line).</summary>
    private static readonly string[] s_signatureStarts = ["Nơi nhận", "T/M", "K/T", "NGƯỜI", "BÍ THƯ", "PHÓ BÍ THƯ", "CHỦ TỊCH", "ĐẢNG VIÊN"];

    /// <summary>The pages that hold a signature block ("(Ký, ghi rõ họ tên)") with no line of the body above it.</summary>
    /// <summary>The certificate list's dates and certificate numbers each print on one line (they broke as "05/02/200" over "4").</summary>
    [Fact]
    public async Task The_certificate_list_prints_each_date_and_number_on_one_line()
    {
        await EnsureAsync(app);
        var b = await Browser.LoginAsync(app, "office");
        var file = await (await b.Client.GetAsync("/Documents/Certificates?handler=Download&From=2026-03-01&To=2026-03-31")).Content.ReadAsByteArrayAsync();
        using var r = new Rendering("ptdv-cert-");
        var pdf = await r.ToPdfAsync("DS-GCN.docx", file);
        await r.ScreenshotAsync(pdf, "form-DS-GCN.png");
        var text = await r.PageTextAsync(pdf, 1);
        // Two people: each row's birth date and certificate date whole, no date cut short at a line's end.
        WholeDate().Count(text).ShouldBeGreaterThanOrEqualTo(4, text);
        CutDate().IsMatch(text).ShouldBeFalse(text);
        // The narrow number column's header on one line too (it printed "ST" over "T").
        text.ShouldContain("STT");
    }

    [GeneratedRegex(@"\b\d{2}/\d{2}/\d{4}\b")]
    private static partial Regex WholeDate();

    [GeneratedRegex(@"\b\d{2}/\d{2}/\d{0,3}(?![\d/])|\b\d{2}/\d{1}(?![\d/])")]
    private static partial Regex CutDate();

    private static async Task<List<string>> LonelySignaturesAsync(Rendering r, string pdf)
    {
        var lonely = new List<string>();
        var pages = await r.PagesAsync(pdf);
        for (var page = 1; page <= pages; page++)
        {
            var lines = (await r.PageTextAsync(pdf, page)).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
            if (!lines.Any(l => l.StartsWith("(Ký", StringComparison.Ordinal))) continue;
            if (s_signatureStarts.Any(s => lines[0].StartsWith(s, StringComparison.Ordinal)))
                lonely.Add($"{Path.GetFileNameWithoutExtension(pdf)}: trang {page}/{pages} chỉ có phần ký: “{lines[0]}”");
        }
        return lonely;
    }

    [Fact]
    public async Task No_form_of_a_complete_case_leaves_the_signature_alone_on_its_last_page()
    {
        var cases = await EnsureAsync(app);
        var b = await Browser.LoginAsync(app, "office");
        using var r = new Rendering("ptdv-pages-");
        var forms = FormCatalog.All.Where(f => f.Step is not null && f.Issuer != FormIssuer.TradeUnion).ToList();
        forms.Count.ShouldBeGreaterThan(10);
        var files = new List<(string, byte[])>();
        foreach (var form in forms)
        {
            // Candidate A has every step from the decision on; B has the introductions and the sub-committee's report.
            var candidate = form.Key is "3-KND" or "4-KND" or "7-KND" ? cases.B : cases.A;
            files.Add((form.Key + ".docx", await IssueAsync(b, candidate, await StepAsync(app, candidate, form.Step!.Value), form.Key, form.Key == "3-KND" ? 1 : 0)));
        }
        var lonely = new List<string>();
        foreach (var pdf in await r.ToPdfAsync(files)) lonely.AddRange(await LonelySignaturesAsync(r, pdf));
        lonely.ShouldBeEmpty();
    }

    /// <summary>
    /// A long case (issue 10: 13-KNĐ printed its signature alone on page 2): long names of the person, the cell, the
    /// mentor and the committee, absent members left out of the count, a long place name; what the data cannot hold
    /// (the comments) is dotted as on the real paper.
    /// </summary>
    private static Dictionary<string, string> LongCase()
    {
        var v = Placeholders.Meaning.Keys.ToDictionary(k => k, _ => FormCatalog.Dots);
        v["dia_danh"] = "Vĩnh Thạnh Trung";
        (v["ngay"], v["thang"], v["nam"]) = ("06", "8", "2027");
        v["so"] = "127-NQ/CB";
        v["cap_tren"] = "ĐẢNG BỘ XÃ VĨNH THẠNH TRUNG";
        v["co_quan"] = "CHI BỘ TRƯỜNG TRUNG HỌC CƠ SỞ VÀ TRUNG HỌC PHỔ THÔNG NGUYỄN VĂN CỪ";
        v["ho_ten"] = "Nguyễn Thị Hoàng Phương Thảo Nguyên";
        v["ngay_sinh"] = "15/03/2000";
        v["noi_cu_tru"] = "số 123/45 đường Nguyễn Thị Minh Khai, tổ 12, ấp Vĩnh Thạnh Trung Hạ, xã Vĩnh Thạnh Trung";
        v["nghe_nghiep"] = "Giáo viên trung học phổ thông";
        v["chi_bo"] = "Chi bộ Trường Trung học cơ sở và Trung học phổ thông Nguyễn Văn Cừ";
        v["dang_uy"] = "Đảng ủy xã Vĩnh Thạnh Trung";
        v["dang_uy_bo_phan"] = "Đảng ủy bộ phận Khối Giáo dục và Đào tạo";
        v["co_quan_quyet_dinh"] = "Ban Thường vụ Đảng ủy xã Vĩnh Thạnh Trung";
        v["co_quan_quyet_dinh_in_hoa"] = FormValues.Upper(v["co_quan_quyet_dinh"]);
        v["ky_ho_ten"] = "Trương Nguyễn Hoàng Khánh";
        (v["ky_thay_mat"], v["ky_chuc_vu"], v["ky_ho_ten_dang_uy"]) = ("T/M BAN THƯỜNG VỤ", "K/T BÍ THƯ\nPHÓ BÍ THƯ", "Huỳnh Lê Thanh Tâm");
        v["nguoi_giup_do"] = "Phạm Thị Ngọc Bích Trâm";
        v["nguoi_gioi_thieu"] = "Lê Hoàng Minh Khôi";
        (v["tong_so_dang_vien"], v["so_tinh_bieu_quyet"], v["co_mat"], v["vang_mat"]) = ("42", "37", "37", "5");
        v["khong_tinh_mien_sinh_hoat"] = " (không tính 5 đồng chí miễn sinh hoạt hoặc sinh hoạt tạm thời nơi khác vắng mặt)";
        (v["tan_thanh"], v["khong_tan_thanh"], v["ty_le_tan_thanh"]) = ("35", "2", "94,59%");
        (v["ngay_vao_dang"], v["ngay_ket_nap"], v["so_quyet_dinh_ket_nap"]) = ("05/08/2026", "20/07/2026", "1234-QĐ/ĐU");
        (v["ngay_het_du_bi"], v["ngay_chinh_thuc"]) = ("05/08/2027", "05/08/2027");
        return v;
    }

    /// <summary>
    /// Blank lines of exactly <paramref name="points"/> each, put just before the last lines of the body (the two
    /// paragraphs and the gap above the signature block): they move the end of the body down the page in steps smaller
    /// than a line of text, and what is above them stays where it was, so the page break can be put at each line near
    /// the signature.
    /// </summary>
    private static byte[] WithBlankLines(byte[] docx, int count, int points, bool dropKeepWithNext = false)
    {
        using var stream = new MemoryStream();
        stream.Write(docx);
        using (var doc = WordprocessingDocument.Open(stream, true))
        {
            var body = doc.MainDocumentPart!.Document!.Body!;
            var blocks = body.ChildElements.Where(e => e is Paragraph or Table).ToList();
            var before = blocks[blocks.IndexOf(body.Elements<Table>().Last()) - 3];
            for (var i = 0; i < count; i++)
                before.InsertBeforeSelf(new Paragraph(new ParagraphProperties(new SpacingBetweenLines
                {
                    Before = "0", After = "0", Line = (points * 20).ToString(CultureInfo.InvariantCulture), LineRule = LineSpacingRuleValues.Exact,
                })));
            if (dropKeepWithNext)
                foreach (var keep in body.Descendants<KeepNext>().ToList()) keep.Remove();
            doc.MainDocumentPart.Document.Save();
        }
        return stream.ToArray();
    }

    /// <summary>The room left under the lowest printed word of each page, in points (pdftotext -bbox).</summary>
    private static async Task<List<double>> RoomLeftAsync(Rendering r, string pdf, double foot) =>
        [.. (await r.BoxesAsync(pdf)).Split("<page ").Skip(1)
            .Select(page => foot - WordBottom().Matches(page).Max(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)))];

    [Fact]
    public async Task A_long_case_never_prints_a_signature_alone_on_a_page_whatever_line_the_page_breaks_at()
    {
        using var r = new Rendering("ptdv-long-");
        var forms = FormCatalog.All.Where(f => f.Key != FormCatalog.CertificateListKey).ToList();
        var filled = forms.ToDictionary(f => f.Key, f => DocxTemplate.Fill(f.DefaultTemplate(), LongCase()));
        var first = await r.ToPdfAsync(forms.Select(f => (f.Key + ".docx", filled[f.Key])));
        (await r.ScreenshotAsync(first[forms.FindIndex(f => f.Key == "13-KND")], "form-13-KND-long.png")).Length.ShouldBeGreaterThan(10_000);

        // The body's end is put at the foot of the last page and a little past it, so the break falls at each line
        // near the signature block: were the block not kept with the last lines, one of these would print it alone.
        const int Step = 6;
        const double Foot = 841.9 - 56.7;
        var trials = new List<(string Form, bool Control)>();
        var files = new List<(string, byte[])>();
        for (var i = 0; i < forms.Count; i++)
        {
            // The blank lines fill first what the kept lines left empty at the foot of the page before.
            var room = (await RoomLeftAsync(r, first[i], Foot)).TakeLast(2).Sum();
            var fits = (int)Math.Floor(room / Step);
            foreach (var n in Enumerable.Range(Math.Max(0, fits - 4), 10))
            {
                trials.Add((forms[i].Key, false));
                files.Add(($"{forms[i].Key}+{n}.docx", WithBlankLines(filled[forms[i].Key], n, Step)));
            }
        }
        // The control: 13-KNĐ without keep-with-next, as the reviewer printed it: its last lines end page 1 and the
        // block stands alone on page 2 (pushed a little, in case the long case's lines fall otherwise on this machine).
        foreach (var n in Enumerable.Range(0, 8).Select(x => x * 2))
        {
            trials.Add(("13-KND", true));
            files.Add(($"control-13-KND+{n}.docx", WithBlankLines(filled["13-KND"], n, Step, dropKeepWithNext: true)));
        }
        var pdfs = await r.ToPdfAsync(files);
        var lonely = new List<string>();
        var controlCaught = false;
        var grew = new HashSet<string>();
        var startPages = new Dictionary<string, int>();
        for (var i = 0; i < forms.Count; i++) startPages[forms[i].Key] = await r.PagesAsync(first[i]);
        for (var i = 0; i < trials.Count; i++)
        {
            var found = await LonelySignaturesAsync(r, pdfs[i]);
            if (trials[i].Control) controlCaught |= found.Count > 0;
            else
            {
                lonely.AddRange(found);
                if (await r.PagesAsync(pdfs[i]) > startPages[trials[i].Form]) grew.Add(trials[i].Form);
            }
        }
        controlCaught.ShouldBeTrue("without keep-with-next the check finds 13-KNĐ's signature alone on a page (the check can fail)");
        lonely.ShouldBeEmpty();
        // Every form was pushed over a page break (else the trial proved nothing for it).
        forms.Select(f => f.Key).Except(grew).ShouldBeEmpty();
    }

    [GeneratedRegex("""yMax="([\d.]+)">[^<]*\S[^<]*</word>""")]
    private static partial Regex WordBottom();
}
