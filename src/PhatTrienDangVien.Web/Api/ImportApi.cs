using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Import;

namespace PhatTrienDangVien.Web.Api;

/// <summary>
/// The Excel import for other tools, through the same commands as the pages: upload (the file as the request body,
/// never a form, so that no other site's form can post one), preview, commit, undo. Errors are the pages' Vietnamese
/// messages, naming row and column.
/// </summary>
public static class ImportApi
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public sealed record PreviewDto(string Token, string FileName, string Sha256, int Rows, int Ready, int Duplicates,
        IReadOnlyList<string> Errors, IReadOnlyList<string> AlreadyThere, IReadOnlyList<string> Warnings, IReadOnlyList<string> UnknownCells, bool CanCommit);

    public sealed record BatchDto(int Id, string FileName, string Sha256, int Rows, int Created, int Duplicates, bool Undone);

    public static RouteGroupBuilder MapImportApi(this RouteGroupBuilder api)
    {
        var imports = api.MapGroup("/imports").WithTags("Nhập từ Excel");
        imports.MapPost("/", async (HttpRequest request, string? kind, string? fileName, StageImport stage, PreviewImport previews, CancellationToken ct) =>
        {
            // Read here rather than bound: a bound enum refused "members" with a message about JSON syntax.
            if (!Enum.TryParse<ImportKind>(kind, ignoreCase: true, out var which) || !Enum.IsDefined(which) || !kind!.All(char.IsAsciiLetter))
                return ApiSetup.Problem(StatusCodes.Status400BadRequest, "Dữ liệu không hợp lệ",
                    "Tham số kind phải là Members (danh sách đảng viên) hoặc Candidates (danh sách quần chúng ưu tú).");
            var (bytes, problem) = await ReadXlsxAsync(request, ct);
            if (problem is not null) return problem;
            var staged = await stage.HandleAsync(which, fileName ?? "tep.xlsx", bytes!, ct);
            if (!staged.IsDone) return staged.ToResult(_ => Results.Ok());
            return (await previews.HandleAsync(staged.Value!.Token, ct)).ToResult(p => Results.Created($"/api/imports/{p.Upload.Token}", ToDto(p)));
        }).RequirePermission(Permission.ImportRegister);
        imports.MapGet("/{token}", async (string token, PreviewImport previews, CancellationToken ct) =>
            (await previews.HandleAsync(token, ct)).ToResult(p => Results.Ok(ToDto(p)))).RequirePermission(Permission.ImportRegister);
        imports.MapPost("/{token}/commit", async (string token, CommitImport commit, CancellationToken ct) =>
            (await commit.HandleAsync(token, ct)).ToResult(r => Results.Created($"/api/imports/batches/{r.Batch.Id}", ToDto(r.Batch))))
            .RequirePermission(Permission.ImportRegister);
        imports.MapPost("/batches/{id:int}/undo", async (int id, UndoImport undo, CancellationToken ct) =>
            (await undo.HandleAsync(id, ct)).ToResult(b => Results.Ok(ToDto(b)))).RequirePermission(Permission.ImportRegister);
        return api;
    }

    private static PreviewDto ToDto(ImportPreview p) => new(p.Upload.Token, p.Upload.FileName, p.Upload.FileSha256, p.RowCount, p.Ready.Count,
        p.Duplicates.Count, [.. p.Errors.Take(CommitImport.MaxErrorsShown).Select(e => e.ToString())],
        [.. p.Duplicates.Select(d => d.ToString())], [.. p.Warnings.Select(w => w.ToString())],
        [.. p.UnknownCells.Values.Select(c => c.Name)], p.CanCommit);

    private static BatchDto ToDto(ImportBatch b) =>
        new(b.Id, b.FileName, b.FileSha256, b.RowCount, b.CreatedCount, b.DuplicateCount, b.UndoneAtUtc is not null);

    /// <summary>An .xlsx sent as the request's body (the register import, a class's results sheet), within the size limit.</summary>
    internal static async Task<(byte[]? Bytes, IResult? Problem)> ReadXlsxAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentType?.Split(';')[0].Trim().ToLowerInvariant() is not (XlsxType or "application/octet-stream"))
            return (null, ApiSetup.Problem(StatusCodes.Status415UnsupportedMediaType, "Hãy gửi tệp .xlsx làm nội dung yêu cầu",
                $"Content-Type: {XlsxType} (hoặc application/octet-stream)."));
        if (request.ContentLength > RegisterSheet.MaxBytes) return (null, ApiSetup.Problem(StatusCodes.Status400BadRequest, "Dữ liệu không hợp lệ", RegisterSheet.TooLarge));
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > RegisterSheet.MaxBytes) return (null, ApiSetup.Problem(StatusCodes.Status400BadRequest, "Dữ liệu không hợp lệ", RegisterSheet.TooLarge));
            buffer.Write(chunk, 0, read);
        }
        return (buffer.ToArray(), null);
    }
}
