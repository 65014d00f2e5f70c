using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace PhatTrienDangVien.Web.Setup;

/// <summary>
/// When the database does not answer (PostgreSQL restarting or unreachable, SQLite locked beyond its timeout), every
/// request would fail the same way, and the usual error page itself reads the database (header, menu, session). This
/// middleware answers those requests alone: 503 with a Retry-After, a Vietnamese page for people and a problem
/// document for the API, without touching the database. Nothing is kept between requests, so the application recovers
/// by itself when the database is back (a broken pooled connection is dropped by the driver on first use).
/// </summary>
public sealed partial class DatabaseOutageMiddleware(RequestDelegate next, ILogger<DatabaseOutageMiddleware> log)
{
    public const string Title = "Cơ sở dữ liệu tạm thời không trả lời";
    public const string Detail = "Cơ sở dữ liệu tạm thời không trả lời, có thể đang khởi động lại hoặc bảo trì. Dữ liệu đã lưu trước đó không bị mất. Hãy thử lại sau ít phút.";

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (IsOutage(e) && !context.Response.HasStarted)
        {
            Unavailable(log, e.GetType().FullName);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "30";
            if (context.Request.Path.StartsWithSegments("/api"))
            {
                await Results.Problem(title: Title, detail: Detail, statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context);
                return;
            }
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(Page, context.RequestAborted);
        }
    }

    /// <summary>A failure of the connection or the server, as opposed to a bug or a refused statement.</summary>
    public static bool IsOutage(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg when pg.SqlState.StartsWith("57P", StringComparison.Ordinal) || pg.SqlState.StartsWith("08", StringComparison.Ordinal)
                    || pg.SqlState == "53300":
                    return true;
                case NpgsqlException { IsTransient: true }:
                case SocketException:
                    return true;
                // SQLITE_BUSY, SQLITE_LOCKED (beyond the 30 s timeout), SQLITE_CANTOPEN.
                case SqliteException { SqliteErrorCode: 5 or 6 or 14 }:
                    return true;
            }
        }
        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unavailable: {ExceptionType}; answered 503")]
    private static partial void Unavailable(ILogger logger, string? exceptionType);

    // Self-contained (the style sheet is a static file, served without the database).
    private const string Page = """
        <!DOCTYPE html>
        <html lang="vi">
        <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Cơ sở dữ liệu tạm thời không trả lời — Phát triển Đảng viên</title>
        <link rel="stylesheet" href="/lib/bootstrap/bootstrap.min.css" />
        </head>
        <body>
        <main class="container py-4">
        <h1 class="h4">Cơ sở dữ liệu tạm thời không trả lời</h1>
        <p>Cơ sở dữ liệu tạm thời không trả lời, có thể đang khởi động lại hoặc bảo trì. Dữ liệu đã lưu trước đó không bị mất; thao tác vừa rồi có thể chưa được lưu, hãy kiểm tra lại sau.</p>
        <p>Hãy thử lại sau ít phút. Nếu tình trạng kéo dài, hãy báo quản trị viên.</p>
        <a href="/" class="btn btn-outline-secondary">Thử lại</a>
        </main>
        </body>
        </html>
        """;
}
