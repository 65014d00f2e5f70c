using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace PhatTrienDangVien.Web.Setup;

/// <summary>
/// Limits the sign-in attempts (password and second-factor forms) of one client address: a sliding window of
/// <c>SignIn:AddressPermitLimit</c> posts (default 60) per <c>SignIn:AddressWindowMinutes</c> (default 10). Beyond
/// it the answer is 429 with a Vietnamese message, for a page and for the API alike. The address is the one the
/// forwarded-headers middleware settled on (only known proxies are believed). This limiter is per server: the
/// per-account delay (Accounts/SignInThrottle) is the one kept in the database.
/// </summary>
public static class SignInLimits
{
    public static readonly string[] Paths = ["/Account/Login", "/Account/LoginTwoFactor"];

    public static IServiceCollection AddSignInLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IConfiguration>((o, config) =>
        {
            // 60: an office behind one address signs ten people in, each with a code and a typing error, well within it.
            var permits = config.GetValue("SignIn:AddressPermitLimit", 60);
            var window = TimeSpan.FromMinutes(config.GetValue("SignIn:AddressWindowMinutes", 10.0));
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(ctx =>
                IsSignInPost(ctx)
                    ? RateLimitPartition.GetSlidingWindowLimiter(ctx.Connection.RemoteIpAddress?.ToString() ?? "?", _ => new SlidingWindowRateLimiterOptions
                    {
                        PermitLimit = permits, Window = window, SegmentsPerWindow = 5, QueueLimit = 0, AutoReplenishment = true,
                    })
                    : RateLimitPartition.GetNoLimiter(""));
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (ctx, ct) => RefuseAsync(ctx.HttpContext, ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : window, ct);
        });
        return services;
    }

    // By the page routing chose, not by the path's text: "/Account/Login/" and "/Account/Login/." reach the same page.
    private static bool IsSignInPost(HttpContext ctx) =>
        HttpMethods.IsPost(ctx.Request.Method)
        && ctx.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>()?.ViewEnginePath is { } page
        && Paths.Contains(page, StringComparer.OrdinalIgnoreCase);

    public static string Message(TimeSpan retryAfter) =>
        $"Quá nhiều lần thử đăng nhập từ địa chỉ này; hãy thử lại sau {Math.Max(1, (int)Math.Ceiling(retryAfter.TotalMinutes))} phút.";

    private static async ValueTask RefuseAsync(HttpContext ctx, TimeSpan retryAfter, CancellationToken ct)
    {
        var message = Message(retryAfter);
        ctx.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        ctx.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        if (ctx.Request.Path.StartsWithSegments("/api") || ctx.Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase))
        {
            await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Quá nhiều lần thử đăng nhập", detail: message).ExecuteAsync(ctx);
            return;
        }
        // A page of its own (the status-code page is not re-executed for a response that has a body). The message is
        // the application's own text and a number: written as it is, Vietnamese letters unescaped.
        ctx.Response.ContentType = "text/html; charset=utf-8";
        await ctx.Response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Quá nhiều lần thử đăng nhập</title><link rel="stylesheet" href="/lib/bootstrap/bootstrap.min.css"></head>
            <body><main class="container py-5"><h1 class="h4">Tạm dừng đăng nhập</h1>
            <div class="alert alert-warning" role="alert" data-rate-limited>{message}</div>
            <a class="btn btn-outline-secondary" href="/Account/Login">Về trang đăng nhập</a></main></body></html>
            """, ct);
    }
}
