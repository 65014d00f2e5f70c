using PhatTrienDangVien.Web.Authorization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Mvc;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace PhatTrienDangVien.Web.Api;

public static class ApiSetup
{
    public static IServiceCollection AddApi(this IServiceCollection services)
    {
        services.AddOpenApi();
        services.AddProblemDetails();
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
            o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        });
        return services;
    }

    public static WebApplication MapApiEndpoints(this WebApplication app)
    {
        app.MapOpenApi("/api/openapi/{documentName}.json").RequirePermission(Permission.ReadApiDocs);
        app.MapCalendarApi();
        var api = app.MapGroup("/api").RequireAuthorization();
        api.MapOrganisationApi();
        api.MapPeopleApi();
        api.MapAdmissionApi();
        return app;
    }

    public static IResult Problem(int status, string title, string? detail = null, string? rule = null)
    {
        var pd = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (rule is not null) pd.Extensions["rule"] = rule;
        return TypedResults.Problem(pd);
    }

    public static IResult NotFoundProblem() =>
        Problem(StatusCodes.Status404NotFound, "Không tìm thấy", "Hồ sơ không tồn tại hoặc nằm ngoài phạm vi được giao.");
}
