using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace PhatTrienDangVien.Web.Tests.Infrastructure;

// Kept apart from Totp.cs, which the browser tests compile too (they have no fake clock).
public static partial class Totp
{
    /// <summary>The next unused code on the test application's clock (moved on when the fake clock needs it).</summary>
    public static string Next(string base32Key, WebApplicationFactory<Program> app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var clock = app.Services.GetRequiredService<TimeProvider>();
        return Next(base32Key, clock, clock is FakeTimeProvider fake ? fake.Advance : null);
    }
}
