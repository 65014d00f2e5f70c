using System.Collections;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Tests.Security;

/// <summary>
/// Reads every row of every table (and the JSON details of every step) and lists the values no form should ever have
/// let in: text with control characters or longer than its column, blank names, dates outside 1900–2199, enum values
/// that are not defined, a school grade outside 0–12, negative counts. Used after a fuzz run: it must find nothing.
/// </summary>
public static class StoredValueScan
{
    private static readonly DateOnly s_first = new(1900, 1, 1);
    private static readonly DateOnly s_last = new(2199, 12, 31);

    public static async Task<List<string>> RunAsync(AppDbContext db)
    {
        var found = new List<string>();
        foreach (var type in db.Model.GetEntityTypes().Where(t => !t.IsOwned() && t.ClrType != typeof(Dictionary<string, object>) && t.FindPrimaryKey() is not null))
        {
            var rows = await (Task<List<object>>)typeof(StoredValueScan).GetMethod(nameof(LoadAsync), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(type.ClrType).Invoke(null, [db])!;
            foreach (var row in rows)
            {
                var key = string.Join(":", type.FindPrimaryKey()!.Properties.Select(p => p.PropertyInfo?.GetValue(row)));
                foreach (var p in type.GetProperties().Where(p => p.PropertyInfo is not null))
                    Check($"{type.ClrType.Name}#{key}.{p.Name}", p.PropertyInfo!.GetValue(row), p, found);
                if (row is StepRecord step && step.Details is not null && StepDetailTypes.Of(step.Kind) is { } detailType)
                {
                    object? details;
                    try
                    {
                        details = System.Text.Json.JsonSerializer.Deserialize(step.Details, detailType, StepDetailsJson.Options);
                    }
                    catch (System.Text.Json.JsonException e)
                    {
                        found.Add($"StepRecord#{key}.Details: unreadable ({e.Message})");
                        continue;
                    }
                    Walk($"StepRecord#{key}.Details", details, found, 0);
                }
            }
        }
        return found;
    }

    private static async Task<List<object>> LoadAsync<T>(AppDbContext db) where T : class =>
        (await db.Set<T>().IgnoreQueryFilters().AsNoTracking().ToListAsync()).Cast<object>().ToList();

    private static void Check(string where, object? value, IProperty p, List<string> found)
    {
        switch (value)
        {
            case string s:
                if (s.Any(c => char.IsControl(c) && c is not ('\r' or '\n' or '\t'))) found.Add($"{where}: control character");
                if (p.GetMaxLength() is { } max && s.Length > max) found.Add($"{where}: {s.Length} characters > {max}");
                if (!p.IsNullable && p.Name.EndsWith("Name", StringComparison.Ordinal) && string.IsNullOrWhiteSpace(s)) found.Add($"{where}: blank");
                break;
            default:
                Value(where, value, found);
                if (p.Name == "GeneralEducationGrade" && value is int grade && grade is < 0 or > 12) found.Add($"{where}: grade {grade}");
                break;
        }
    }

    private static void Walk(string where, object? value, List<string> found, int depth)
    {
        if (value is null || depth > 4) return;
        if (value is string s)
        {
            if (s.Any(c => char.IsControl(c) && c is not ('\r' or '\n' or '\t'))) found.Add($"{where}: control character");
            if (s.Length > 4000) found.Add($"{where}: {s.Length} characters");
            return;
        }
        if (value is IEnumerable list)
        {
            var i = 0;
            foreach (var item in list) Walk($"{where}[{i++}]", item, found, depth + 1);
            return;
        }
        var type = value.GetType();
        if (type.IsPrimitive || type.IsEnum || value is DateOnly or DateTime or decimal)
        {
            Value(where, value, found);
            return;
        }
        foreach (var prop in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
            Walk($"{where}.{prop.Name}", prop.GetValue(value), found, depth + 1);
    }

    private static void Value(string where, object? value, List<string> found)
    {
        switch (value)
        {
            case DateOnly d when d < s_first || d > s_last:
                found.Add($"{where}: date {d:yyyy-MM-dd}");
                break;
            case DateTime t when t.Year is < 1900 or > 2199:
                found.Add($"{where}: time {t:O}");
                break;
            case Enum e when !Defined(e):
                found.Add($"{where}: undefined {e.GetType().Name} {Convert.ToInt64(e, System.Globalization.CultureInfo.InvariantCulture)}");
                break;
        }
    }

    private static bool Defined(Enum e)
    {
        var type = e.GetType();
        if (type.GetCustomAttribute<FlagsAttribute>() is null) return Enum.IsDefined(type, e);
        var all = Enum.GetValues(type).Cast<Enum>().Aggregate(0L, (acc, v) => acc | Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture));
        var bits = Convert.ToInt64(e, System.Globalization.CultureInfo.InvariantCulture);
        return (bits & ~all) == 0;
    }
}
