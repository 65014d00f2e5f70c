using System.Net;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Security;

/// <summary>
/// Every response that carries personal data — person pages, edit forms, timelines, list exports, one person's
/// download, the full numbers shown on request, the API, the audit trail — tells browsers and proxies to keep no copy.
/// </summary>
public sealed class NoStoreTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Every_response_with_personal_data_says_no_store()
    {
        var d = app.Data;
        var b = await Browser.LoginAsync(app, "admin");
        var gets = new[]
        {
            "/Members", "/Members?handler=Export", $"/Members/Details/{d.MemberA}", $"/Members/Edit/{d.MemberA}",
            "/Candidates", "/Candidates?handler=Export", $"/Candidates/Details/{d.CandidateA}", $"/Candidates/Edit/{d.CandidateA}",
            $"/Candidates/Timeline/{d.CandidateA}", "/api/members", $"/api/members/{d.MemberA}", "/api/candidates",
            $"/api/candidates/{d.CandidateA}", $"/api/candidates/{d.CandidateA}?showIdentifiers=true", $"/api/candidates/{d.CandidateA}/timeline",
            "/Admin/Audit", "/Admin/Audit?handler=Export", "/Work", "/Dashboard",
        };
        foreach (var url in gets)
        {
            var r = await b.Client.GetAsync(url);
            r.StatusCode.ShouldBe(HttpStatusCode.OK, url);
            (r.Headers.CacheControl?.NoStore ?? false).ShouldBeTrue(url);
        }
        foreach (var handler in new[] { "Reveal", "ExportPerson" })
        {
            var r = await b.PostRawAsync($"/Members/Details/{d.MemberA}?handler={handler}", [], $"/Members/Details/{d.MemberA}");
            r.StatusCode.ShouldBe(HttpStatusCode.OK, handler);
            (r.Headers.CacheControl?.NoStore ?? false).ShouldBeTrue(handler);
        }
    }
}
