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
        // The framework's own answers (a body that is not JSON, a field of the wrong type, an unknown choice) come
        // with English titles: every problem a client reads is in Vietnamese.
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            var p = ctx.ProblemDetails;
            (p.Title, p.Detail) = p.Status switch
            {
                // A request without a body failed on its address: naming the JSON body would send the reader looking
                // for one.
                StatusCodes.Status400BadRequest when p.Title is null or "Bad Request" && ctx.HttpContext.Request.ContentLength is null or 0
                    && ctx.HttpContext.Request.ContentType is null =>
                    ("Yêu cầu không hợp lệ", "Một tham số trên địa chỉ (sau dấu ?) có giá trị không đọc được: số phải là số nguyên trong giới hạn, ngày theo dạng YYYY-MM-DD. Xem mô tả API tại /ApiDocs."),
                StatusCodes.Status400BadRequest when p.Title is null or "Bad Request" =>
                    ("Yêu cầu không hợp lệ", "Nội dung gửi lên không đọc được: JSON sai cú pháp, một trường sai kiểu hoặc một lựa chọn không có trong danh sách. Xem mô tả API tại /ApiDocs."),
                StatusCodes.Status401Unauthorized when p.Title is null or "Unauthorized" => ("Chưa đăng nhập", p.Detail),
                StatusCodes.Status403Forbidden when p.Title is null or "Forbidden" => ("Không có quyền", p.Detail),
                StatusCodes.Status404NotFound when p.Title is null or "Not Found" => ("Không tìm thấy", p.Detail),
                StatusCodes.Status405MethodNotAllowed when p.Title is null or "Method Not Allowed" => ("Phương thức không được hỗ trợ", p.Detail),
                StatusCodes.Status415UnsupportedMediaType when p.Title is null or "Unsupported Media Type" => ("Kiểu nội dung không được hỗ trợ; hãy gửi JSON (UTF-8).", p.Detail),
                StatusCodes.Status500InternalServerError when p.Title is null or "An error occurred while processing your request." => ("Đã có lỗi xảy ra", "Dữ liệu đã lưu trước đó không bị ảnh hưởng; hãy thử lại."),
                _ => (p.Title, p.Detail),
            };
        });
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
        api.MapRecognitionApi();
        api.MapClassApi();
        api.MapExitApi();
        api.MapInspectionApi();
        api.MapRatingApi();
        api.MapImportApi();
        api.MapSearchApi();
        api.MapAccountApi();
        api.MapMeApi();
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
