using System.Text.RegularExpressions;
using PhatTrienDangVien.Core.Classes;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Classes;

/// <summary>
/// The results sheet the centre returns (<see cref="ClassSheet"/>): read, matched to the approved people, then checked by
/// <see cref="RecordClassResults"/> — as a preview (everything checked, the class steps included, then rolled back) or
/// for real. A sheet with any problem writes nothing; each problem names its line and person.
/// </summary>
public sealed partial class ImportClassResults(AppDbContext db, Access access, RecordClassResults record, TimeProvider clock)
{
    /// <param name="Line">The sheet's row.</param>
    /// <param name="Summary">What will be written, in words.</param>
    public sealed record Line(int Number, string FullName, string Summary, ResultInput? Input);

    public sealed record Preview(IReadOnlyList<Line> Lines, int StepsToRecord, bool Written);

    public async Task<Outcome<Preview>> HandleAsync(int classId, byte[]? content, bool commit, CancellationToken ct)
    {
        if (!access.Has(Permission.ManageClasses)) return Outcome<Preview>.Forbidden();
        var cls = await db.VisibleAsync(classId, ct);
        if (cls is null) return Outcome<Preview>.NotFound();
        var people = await ClassSheet.PeopleAsync(db, classId, ct);
        var (rows, error) = ClassSheet.Read(content ?? [], cls, people, Core.Common.VietnamTime.Today(clock));
        if (error is not null) return Outcome<Preview>.Invalid("File", error);
        var problems = rows.Where(r => r.Problems.Count > 0).Select(r => new FieldError("File", $"Dòng {r.Line}, {r.FullName}: {string.Join("; ", r.Problems)}.")).ToList();
        if (problems.Count > 0) return Outcome<Preview>.Invalid(problems);

        var inputs = rows.Select(r => r.Input!).ToList();
        var outcome = await record.HandleAsync(classId, inputs, dryRun: !commit, ct);
        if (outcome.Status != OutcomeStatus.Done && outcome.Status != OutcomeStatus.Invalid) return outcome.As<Preview>();
        if (!outcome.IsDone)
            return Outcome<Preview>.Invalid([.. outcome.Errors.Select(e => RowIndex().Match(e.Field) is { Success: true } m && int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) is var i && i < rows.Count
                ? new FieldError("File", $"Dòng {rows[i].Line}, {e.Message}")
                : new FieldError("File", e.Message))]);
        return Outcome<Preview>.Done(new Preview([.. rows.Select(r => new Line(r.Line, r.FullName, Summary(r.Input!, cls.Days), r.Input))], outcome.Value!.StepsRecorded, commit));
    }

    private static string Summary(ResultInput r, int days) =>
        (r.Attendance is { Length: > 0 } a ? $"có mặt {a.Count(c => c == '1')}/{days} ngày; " : "")
        + (r.Score is { } s ? $"điểm {s.ToString("0.##", Pages.Shared.Lookups.Vietnamese)}; " : "")
        + r.Result switch
        {
            ClassResult.Passed => $"Đạt, loại {r.Grade}, giấy chứng nhận số {r.CertificateNumber} ngày {r.CertificateDate:dd/MM/yyyy}",
            ClassResult.Failed => $"Không đạt: {r.FailReason}",
            _ => "chưa có kết quả",
        };

    [GeneratedRegex(@"^Rows\[(\d+)\]")]
    private static partial Regex RowIndex();
}
