using System.Globalization;
using Microsoft.AspNetCore.Localization;
using PhatTrienDangVien.Web.Api;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Pages.Shared;

namespace PhatTrienDangVien.Web.Setup;

public static class WebSetup
{
    public static IServiceCollection AddWebUi(this IServiceCollection services)
    {
        services.AddRazorPages(o =>
        {
            o.Conventions.AllowAnonymousToPage("/Account/Login");
            o.Conventions.AllowAnonymousToPage("/Account/LoginTwoFactor");
            o.Conventions.AllowAnonymousToPage("/Account/Denied");
            o.Conventions.AllowAnonymousToPage("/Setup/Index");
            o.Conventions.AllowAnonymousToPage("/Error");
        }).AddMvcOptions(o =>
        {
            VietnameseModelBinding.Configure(o.ModelBindingMessageProvider);
            o.ModelMetadataDetailsProviders.Add(new Application.VietnameseValidation.MetadataProvider());
            o.ModelBinderProviders.Insert(0, new CheckboxBinderProvider());
            o.ModelBinderProviders.Insert(0, new DateBinderProvider());
            o.ModelBinderProviders.Insert(0, new DecimalBinderProvider());
            o.Filters.Add<HandlerPermissionFilter>();
            o.Filters.Add<Province.ProvinceChoiceFilter>();
            o.Filters.Add<InvalidFormStatusFilter>();
            // The record a URL names is the one acted on: a posted field of the same name ("id") never overrides it.
            o.ValueProviderFactories.Insert(0, new Microsoft.AspNetCore.Mvc.ModelBinding.RouteValueProviderFactory());
        });
        services.AddSingleton<SetupToken>();
        // Vietnamese letters are written as they are, not as &#x…; entities: pages stay readable and small.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddScoped<LayoutInfo>();
        services.AddHttpContextAccessor();
        services.AddScoped<Demo.DemoSeeder>();
        // Behind a reverse proxy that terminates HTTPS (nginx, IIS), the request is known as HTTPS, so cookies are
        // marked Secure and HSTS is sent. Only the proxies named here (loopback by default) are believed.
        services.Configure<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto;
        });
        services.AddOptions<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions>().Configure<IConfiguration>((o, config) =>
        {
            foreach (var proxy in config.GetSection("ReverseProxy:KnownProxies").Get<string[]>() ?? [])
                if (System.Net.IPAddress.TryParse(proxy, out var ip)) o.KnownProxies.Add(ip);
        });
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        services.Configure<RequestLocalizationOptions>(o =>
        {
            var vi = new CultureInfo("vi-VN");
            o.DefaultRequestCulture = new RequestCulture(vi);
            o.SupportedCultures = [vi];
            o.SupportedUICultures = [vi];
            o.RequestCultureProviders.Clear();
        });
        return services;
    }

    public static WebApplication UseWebPipeline(this WebApplication app)
    {
        app.UseForwardedHeaders();
        // Set when the response starts, so that error pages and API problem details carry them too.
        app.Use((ctx, next) =>
        {
            ctx.Response.OnStarting(() =>
            {
                var h = ctx.Response.Headers;
                h.XContentTypeOptions = "nosniff";
                h.XFrameOptions = "DENY";
                h["Referrer-Policy"] = "same-origin";
                h.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'";
                // Pages, lists, exports and the API carry personal data: no browser or proxy keeps a copy.
                // The application's own scripts, styles and libraries may be cached.
                if (!IsStaticAsset(ctx.Request.Path)) h.CacheControl = "no-store";
                return Task.CompletedTask;
            });
            return next(ctx);
        });
        // A body in a character set the framework cannot read (utf-7, a made-up name) throws while the form or JSON is
        // read, and again in the error page: refused here, before anything reads it. Browsers send UTF-8.
        app.Use((ctx, next) =>
        {
            if (Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(ctx.Request.ContentType, out var media)
                && media.Charset.HasValue && media.Charset.Value.Trim('"').ToLowerInvariant() is not ("utf-8" or "utf8" or "us-ascii" or "ascii"))
            {
                const string message = "Bảng mã ký tự của dữ liệu gửi lên không được hỗ trợ; hãy gửi theo UTF-8.";
                ctx.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
                if (ctx.Request.Path.StartsWithSegments("/api"))
                    return Results.Problem(title: message, statusCode: StatusCodes.Status415UnsupportedMediaType).ExecuteAsync(ctx);
                ctx.Response.ContentType = "text/plain; charset=utf-8";
                return ctx.Response.WriteAsync(message);
            }
            return next(ctx);
        });
        // Sent on HTTPS requests only (the middleware skips plain HTTP, as the standard requires).
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        // Pages get a Vietnamese error page; the API gets RFC 7807 problem details.
        app.UseWhen(ctx => !ctx.Request.Path.StartsWithSegments("/api"), pages =>
        {
            if (!app.Environment.IsDevelopment()) pages.UseExceptionHandler("/Error");
            pages.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
        });
        app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments("/api"), api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        // Inside the error handlers: a database that does not answer gets its own 503 page, which needs no database.
        app.UseMiddleware<DatabaseOutageMiddleware>();
        app.UseRequestLocalization();
        app.UseStaticFiles();
        app.UseRouting();
        // Sign-in posts per client address (SignInLimits); after the forwarded headers, so the address is the client's.
        app.UseRateLimiter();
        app.UseMiddleware<ReadConnectionMiddleware>();
        app.UseAuthentication();
        app.UseMiddleware<ScopeMiddleware>();
        app.UseMiddleware<Accounts.PasswordChangeGate>();
        app.UseMiddleware<TwoFactorGate>();
        app.UseAuthorization();
        return app;
    }

    private static bool IsStaticAsset(PathString path) =>
        path.StartsWithSegments("/css") || path.StartsWithSegments("/js") || path.StartsWithSegments("/lib") || path.StartsWithSegments("/favicon.svg");

    public static WebApplication MapWebEndpoints(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapApiEndpoints();
        return app;
    }

    /// <summary>
    /// Builds every endpoint once, beside the database's half of the start (Program.cs), and returns how many there are.
    /// The framework builds them again as the host starts (the authorization middleware's list) and at the first request
    /// (the router's); what is costly in that — each API request and response type's JSON contract, the Razor pages'
    /// descriptors — it keeps from the first time, so the later builds are quick.
    /// </summary>
    public static int BuildEndpoints(this WebApplication app) =>
        ((IEndpointRouteBuilder)app).DataSources.Sum(d => d.Endpoints.Count);
}
