using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Common;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Web.Accounts;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Backups;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Demo;
using PhatTrienDangVien.Web.Setup;

namespace PhatTrienDangVien.Web.Cli;

public static class AdminCommands
{
    private static readonly Dictionary<string, string> s_help = new()
    {
        ["create-admin"] = """
            create-admin --user TÊN --password MẬT_KHẨU [--name "Họ và tên"] [--commune MÃ_SỐ]
              Tạo một tài khoản quản trị cho Đảng bộ xã (mặc định: Đảng bộ đầu tiên trong cơ sở dữ liệu).
            """,
        ["create-province-user"] = """
            create-province-user --user TÊN --password MẬT_KHẨU [--name "Họ và tên"]
              Tạo một tài khoản Ban Tổ chức Tỉnh ủy: xem các Đảng bộ xã cạnh nhau, xem số liệu từng xã (chỉ xem),
              thêm, đổi tên, lưu trữ Đảng bộ xã, sửa quy định kết nạp và lịch nghỉ dùng chung. Phải bật xác thực hai bước.
            """,
        ["reset-password"] = """
            reset-password --user TÊN [--password MẬT_KHẨU] [--reset-2fa]
              Đặt lại mật khẩu và mở khóa tài khoản. Không cho --password thì tạo mật khẩu ngẫu nhiên và in ra;
              người dùng phải đổi mật khẩu đó ở lần đăng nhập sau.
              --reset-2fa: tắt xác thực hai bước, xóa khóa và mã khôi phục (mất điện thoại); quản trị viên và
              Văn phòng Đảng ủy sẽ phải bật lại ở lần đăng nhập sau.
            """,
        ["seed-demo"] = """
            seed-demo
              Tạo Đảng bộ mẫu (xã Nhơn Mỹ, người hư cấu) nếu cơ sở dữ liệu chưa có dữ liệu mẫu, rồi in các tài khoản mẫu.
            """,
        ["backup"] = """
            backup [--output ĐƯỜNG_DẪN]
              Sao lưu nhất quán cơ sở dữ liệu ngay (kể cả khi ứng dụng đang chạy): SQLite bằng VACUUM INTO,
              PostgreSQL bằng pg_dump -Fc. Mặc định vào thư mục Backup:Folder (data/backups), tên ptdv-YYYYMMDD-HHmmss.
              Kết quả được ghi vào lịch sử sao lưu (trang Quản trị › Sao lưu dữ liệu).
            """,
        ["restore"] = """
            restore --input TỆP --yes
              Phục hồi cơ sở dữ liệu đang cấu hình từ một bản sao lưu (SQLite: tệp .db; PostgreSQL: tệp .dump của pg_dump -Fc).
              Kiểm tra tệp trước (mở được, đúng là dữ liệu của ứng dụng, không mới hơn phiên bản đang chạy), sao lưu
              dữ liệu hiện tại vào before-restore-….db/.dump trong thư mục sao lưu, rồi mới thay dữ liệu.
              Nên dừng ứng dụng trước khi phục hồi. Thiếu --yes thì không làm gì.
            """,
        ["verify-audit"] = """
            verify-audit
              Kiểm tra toàn vẹn nhật ký thay đổi: từng chuỗi (mỗi Đảng bộ xã và phần cài đặt chung), dòng bị sửa,
              bị chèn, bị xóa và dòng cuối. Mã thoát khác 0 khi có vấn đề.
            """,
    };

    public static async Task<int> RunAsync(IServiceProvider services, LaunchOptions launch, TextWriter output, CancellationToken ct = default)
    {
        var command = launch.Command!;
        if (command == "help")
        {
            output.WriteLine("Phát triển Đảng viên — dòng lệnh quản trị.");
            output.WriteLine("Chạy ứng dụng: dotnet run --project src/PhatTrienDangVien.Web [-- --demo]");
            output.WriteLine("Các lệnh (thêm --help sau mỗi lệnh để xem chi tiết):");
            foreach (var h in s_help.Values) output.WriteLine(h);
            return 0;
        }
        if (launch.Help)
        {
            output.WriteLine(s_help[command]);
            return 0;
        }
        await DatabaseSetup.MigrateAsync(services, ct);
        using var scope = services.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentScope>().Set(DataScope.System);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        try
        {
            return command switch
            {
                "create-admin" => await CreateAdminAsync(scope.ServiceProvider, db, launch, output, ct),
                "reset-password" => await ResetPasswordAsync(scope.ServiceProvider, db, launch, output, ct),
                "seed-demo" => await SeedDemoAsync(scope.ServiceProvider, output, ct),
                "backup" => await BackupAsync(services.GetRequiredService<BackupService>(), launch, output, ct),
                "create-province-user" => await CreateProvinceUserAsync(scope.ServiceProvider, launch, output, ct),
                "restore" => await RestoreAsync(services.GetRequiredService<RestoreBackup>(), launch, output, ct),
                "verify-audit" => await VerifyAuditAsync(scope.ServiceProvider, output, ct),
                _ => 2,
            };
        }
        catch (DomainException e)
        {
            output.WriteLine("Lỗi: " + e.Message);
            return 1;
        }
    }

    private static async Task<int> CreateAdminAsync(IServiceProvider sp, AppDbContext db, LaunchOptions launch, TextWriter output, CancellationToken ct)
    {
        var user = launch.Option("user");
        var password = launch.Option("password");
        if (user is null || password is null)
        {
            output.WriteLine("Thiếu --user hoặc --password.\n" + s_help["create-admin"]);
            return 2;
        }
        var communes = db.Organisations.Where(o => o.Kind == OrganisationKind.CommuneCommittee);
        var named = launch.Option("commune");
        // A commune named but mistyped is an error, never the first commune instead.
        if (named is not null && (!int.TryParse(named, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var cid)
                || !await communes.AnyAsync(o => o.Id == cid, ct)))
        {
            output.WriteLine($"Không có Đảng bộ xã mã số “{named}”. Mã số của các Đảng bộ xã: trang Danh sách Đảng bộ xã của Ban Tổ chức Tỉnh ủy.");
            return 1;
        }
        var commune = named is not null
            ? await communes.FirstOrDefaultAsync(o => o.Id == int.Parse(named, System.Globalization.CultureInfo.InvariantCulture), ct)
            : await communes.OrderBy(o => o.Id).FirstOrDefaultAsync(ct);
        if (commune is null)
        {
            output.WriteLine("Chưa có Đảng bộ nào. Hãy chạy ứng dụng và dùng trang khai báo ban đầu, hoặc seed-demo.");
            return 1;
        }
        await sp.GetRequiredService<CreateAccount>().CreateAsync(user, password, launch.Option("name") ?? user, Roles.Administrator, commune.Id, ct: ct);
        output.WriteLine($"Đã tạo quản trị viên “{user}” cho {commune.Name}.");
        return 0;
    }

    private static async Task<int> CreateProvinceUserAsync(IServiceProvider sp, LaunchOptions launch, TextWriter output, CancellationToken ct)
    {
        var user = launch.Option("user");
        var password = launch.Option("password");
        if (user is null || password is null)
        {
            output.WriteLine("Thiếu --user hoặc --password.\n" + s_help["create-province-user"]);
            return 2;
        }
        // The province board belongs to no commune: commune 0.
        await sp.GetRequiredService<CreateAccount>().CreateAsync(user, password, launch.Option("name") ?? user, Roles.ProvinceBoard, 0, ct: ct);
        output.WriteLine($"Đã tạo tài khoản Ban Tổ chức Tỉnh ủy “{user}”.");
        return 0;
    }

    private static async Task<int> ResetPasswordAsync(IServiceProvider sp, AppDbContext db, LaunchOptions launch, TextWriter output, CancellationToken ct)
    {
        var name = launch.Option("user");
        if (name is null)
        {
            output.WriteLine("Thiếu --user.\n" + s_help["reset-password"]);
            return 2;
        }
        var normalized = name.ToUpperInvariant();
        var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedUserName == normalized, ct);
        if (user is null)
        {
            output.WriteLine($"Không có tài khoản “{name}”.");
            return 1;
        }
        var reset = await sp.GetRequiredService<ResetPassword>().HandleAsync(user.Id, launch.Option("password"), ct);
        if (!reset.IsDone)
        {
            output.WriteLine("Lỗi: " + reset.Message);
            return 1;
        }
        if (launch.Options.ContainsKey("reset-2fa"))
        {
            // A lost phone: the account goes back to "no second factor"; the gate asks to enrol at the next sign-in.
            var users = sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
            var account = await users.FindByIdAsync(user.Id) ?? user;
            await TwoFactor.ResetAsync(users, account);
            await sp.GetRequiredService<Auditing.AccessTrail>().TwoFactorAsync(account, Auditing.AccessTrail.TwoFactorReset, null, ct, by: "dòng lệnh");
            output.WriteLine($"Đã tắt xác thực hai bước của “{name}”; lần đăng nhập sau sẽ bật lại nếu vai trò bắt buộc.");
        }
        output.WriteLine(launch.Option("password") is null
            ? $"Đã đặt lại mật khẩu của “{name}”. Mật khẩu mới: {reset.Value!.Password}"
            : $"Đã đặt lại mật khẩu của “{name}” và mở khóa tài khoản.");
        return 0;
    }

    private static async Task<int> SeedDemoAsync(IServiceProvider sp, TextWriter output, CancellationToken ct)
    {
        var seeded = await sp.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(ct);
        output.WriteLine(seeded ? "Đã tạo dữ liệu mẫu." : "Dữ liệu mẫu đã có sẵn; không tạo lại.");
        DemoSeeder.PrintLogins(output, "http://localhost:5080");
        return 0;
    }

    private static async Task<int> VerifyAuditAsync(IServiceProvider sp, TextWriter output, CancellationToken ct)
    {
        var reports = await sp.GetRequiredService<Auditing.AuditVerifier>().VerifyAsync(ct);
        Auditing.AuditVerifier.Write(reports, output);
        var bad = reports.Count(r => !r.Ok);
        output.WriteLine(bad == 0
            ? $"Nhật ký toàn vẹn: {reports.Count} chuỗi, {reports.Sum(r => r.Rows)} dòng."
            : $"Nhật ký KHÔNG toàn vẹn: {bad}/{reports.Count} chuỗi có vấn đề.");
        return bad == 0 ? 0 : 1;
    }

    private static async Task<int> BackupAsync(BackupService backups, LaunchOptions launch, TextWriter output, CancellationToken ct)
    {
        var run = await backups.RunNowAsync(BackupKind.Command, null, launch.Option("output"), ct: ct);
        if (!run.Succeeded)
        {
            output.WriteLine("Sao lưu không thành công: " + run.Message);
            return 1;
        }
        output.WriteLine($"Đã sao lưu vào {run.FilePath} ({run.SizeBytes / 1024} KB).");
        return 0;
    }

    private static async Task<int> RestoreAsync(RestoreBackup restore, LaunchOptions launch, TextWriter output, CancellationToken ct)
    {
        var input = launch.Option("input");
        if (input is null)
        {
            output.WriteLine("Thiếu --input.\n" + s_help["restore"]);
            return 2;
        }
        if (!launch.Options.ContainsKey("yes"))
        {
            output.WriteLine($"Phục hồi sẽ thay toàn bộ dữ liệu hiện tại bằng dữ liệu trong {input}. Chạy lại với --yes để xác nhận.");
            return 2;
        }
        var (ok, message) = await restore.RestoreAsync(input, ct);
        output.WriteLine(ok ? message : "Không phục hồi: " + message);
        return ok ? 0 : 1;
    }
}
