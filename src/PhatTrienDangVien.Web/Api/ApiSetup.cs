using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Mvc;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using Microsoft.AspNetCore.Mvc.ModelBinding;

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
        app.MapOpenApi("/api/openapi/{documentName}.json");
        app.MapCalendarApi();
        var api = app.MapGroup("/api").RequireAuthorization();
        api.MapOrganisationApi();
        api.MapPeopleApi();
        api.MapAdmissionApi();
        return app;
    }

    /// <summary>RFC 7807 with the Vietnamese messages, field by field, as the pages show them.</summary>
    public static IResult Invalid(ModelStateDictionary state) => TypedResults.ValidationProblem(
        state.Where(kv => kv.Value!.Errors.Count > 0).ToDictionary(kv => kv.Key, kv => kv.Value!.Errors.Select(e => e.ErrorMessage).ToArray()),
        title: "Dữ liệu không hợp lệ", detail: string.Join(" ", state.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage)));

    public static IResult Problem(int status, string title, string? detail = null, string? rule = null)
    {
        var pd = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (rule is not null) pd.Extensions["rule"] = rule;
        return TypedResults.Problem(pd);
    }

    public static IResult NotFoundProblem() =>
        Problem(StatusCodes.Status404NotFound, "Không tìm thấy", "Hồ sơ không tồn tại hoặc nằm ngoài phạm vi được giao.");
}
