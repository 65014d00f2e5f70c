namespace PhatTrienDangVien.Web.Province;

/// <summary>
/// Which commune a province board's user is looking into: kept in a cookie of its own, read by
/// <see cref="Authorization.ScopeMiddleware"/>, which checks that the id is a commune of the installation. The cookie
/// only narrows what the role may see to one commune; it grants nothing the role does not have.
/// </summary>
public static class ProvinceView
{
    public const string Cookie = "ptdv-xa";

    public static int? Chosen(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Cookies.TryGetValue(Cookie, out var text)
            && int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && id > 0
            ? id : null;
    }

    public static void Choose(HttpResponse response, int communeId)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Cookies.Append(Cookie, communeId.ToString(System.Globalization.CultureInfo.InvariantCulture), new CookieOptions
        {
            HttpOnly = true, Secure = response.HttpContext.Request.IsHttps, SameSite = SameSiteMode.Strict, IsEssential = true, Path = "/",
        });
    }

    public static void Leave(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Cookies.Delete(Cookie, new CookieOptions { Path = "/" });
    }
}
