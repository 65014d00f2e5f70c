using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Demo;

namespace PhatTrienDangVien.Web.Setup;

/// <summary>The one-time token that opens the setup page while the installation has no user.</summary>
public sealed class SetupToken
{
    public string Value { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public bool Matches(string? candidate) =>
        candidate is not null && CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(candidate), System.Text.Encoding.ASCII.GetBytes(Value));
}

public static class FirstRun
{
    public static async Task PrepareAsync(IServiceProvider services, bool demo, TextWriter output, CancellationToken ct = default)
    {
        using var scope = services.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentScope>().Set(DataScope.System);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var config = services.GetRequiredService<IConfiguration>();
        var baseUrl = (config["Urls"] ?? "http://localhost:5080").Split(';')[0].TrimEnd('/');

        if (demo)
        {
            try
            {
                var seeded = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(ct);
                output.WriteLine(seeded
                    ? "Đã tạo dữ liệu mẫu (xã Nhơn Mỹ, dữ liệu hư cấu)."
                    : "Dữ liệu mẫu đã có sẵn; không tạo lại.");
            }
            catch (Core.Common.DomainException e)
            {
                output.WriteLine(e.Message);
            }
            if (await db.Organisations.AnyAsync(o => o.IsDemo, ct))
                DemoSeeder.PrintLogins(output, baseUrl);
            return;
        }
        if (!await db.Users.AnyAsync(ct))
        {
            var token = services.GetRequiredService<SetupToken>();
            output.WriteLine("Chưa có tài khoản nào. Mở liên kết sau (dùng một lần) để khai báo Đảng bộ và quản trị viên đầu tiên:");
            output.WriteLine($"  {baseUrl}/Setup?token={token.Value}");
        }
    }
}
