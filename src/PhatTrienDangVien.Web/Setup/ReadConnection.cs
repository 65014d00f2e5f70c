using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Setup;

/// <summary>
/// A signed-in page on SQLite runs a dozen queries; EF opens and closes the pooled connection around each (and SQLite
/// registers its functions at each open). For a GET that carries the sign-in cookie, this opens the request's
/// connection once, before the session check (the request's first query), and EF keeps it until the request's context
/// is disposed; a GET that saves (an export's access trail) saves on it as usual. An idle open connection holds no read
/// transaction, so WAL checkpoints and a restore (SQLite's backup API, from the command line) are not held up. Other
/// methods, anonymous requests and PostgreSQL (whose pool is cheap to take from) keep EF's open-per-query. The price:
/// up to one pooled connection per concurrent GET (RSS after the load unchanged, 330 MB against 332,
/// docs/benchmarks.md).
/// </summary>
public sealed class ReadConnectionMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (HttpMethods.IsGet(context.Request.Method) && context.Request.Cookies.ContainsKey(IdentitySetup.AuthCookieName))
        {
            // The context's type, not Database.IsSqlite(): that reads the provider's assembly name at each call.
            if (context.RequestServices.GetRequiredService<AppDbContext>() is SqliteAppDbContext db)
                await db.Database.OpenConnectionAsync(context.RequestAborted);
        }
        await next(context);
    }
}
