using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;

namespace PhatTrienDangVien.Web.Tests.Import;

/// <summary>The import's pages as a clerk drives them (upload, preview, commit), shared by the import test classes.</summary>
internal static class ImportPages
{
    /// <summary>A sheet row; null is an empty cell.</summary>
    public static XCell[] Row(params XCell?[] cells) => [.. cells.Select(c => c ?? new XEmpty())];

    /// <summary>Posts the file on /Import with the page's antiforgery token; the raw answer.</summary>
    public static async Task<HttpResponseMessage> UploadAsync(Browser b, byte[] file, string name = "danh-sach.xlsx", string kind = "Members")
    {
        var (_, doc) = await b.GetAsync("/Import");
        var token = doc.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? "";
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(token), "__RequestVerificationToken");
        content.Add(new StringContent(kind), "Kind");
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        content.Add(part, "file", name);
        return await b.Client.PostAsync("/Import", content);
    }

    /// <summary>Uploads and returns the preview's address.</summary>
    public static async Task<string> PreviewAsync(Browser b, byte[] file, string name = "danh-sach.xlsx", string kind = "Members")
    {
        var r = await UploadAsync(b, file, name, kind);
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await r.Content.ReadAsStringAsync());
        var location = r.Headers.Location!.ToString();
        location.ShouldStartWith("/Import/Preview?token=");
        return location;
    }

    public static Task<HttpResponseMessage> CommitAsync(Browser b, string preview) =>
        b.PostRawAsync(preview + "&handler=Commit", [], preview);

    /// <summary>Commits the preview and returns the batch's id.</summary>
    public static async Task<int> CommitOkAsync(Browser b, string preview)
    {
        var r = await CommitAsync(b, preview);
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await r.Content.ReadAsStringAsync());
        var location = r.Headers.Location!.ToString();
        location.ShouldStartWith("/Import/Batch/");
        return int.Parse(location["/Import/Batch/".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }

    public static string Text(AngleSharp.Dom.IDocument doc, string selector) => doc.QuerySelector(selector)?.TextContent ?? "";

    /// <summary>The members of these names, in the order they were written.</summary>
    public static Task<List<Member>> MembersAsync(AppFactory app, params string[] names) =>
        app.WithSystemScopeAsync(db => db.Members.Include(m => m.Person).Where(m => names.Contains(m.Person.FullName)).OrderBy(m => m.Id).ToListAsync());
}
