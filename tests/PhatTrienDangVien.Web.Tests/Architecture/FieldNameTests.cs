using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Architecture;

/// <summary>
/// A validation message names its field by the label on the form ("Hãy nhập {0}."): a field bound from a form that is
/// checked — by a validation attribute without its own message, or as a non-nullable text, which the framework treats
/// as required — must carry a Vietnamese [Display] name, or a user reads "Hãy nhập Name." or "“”".
/// </summary>
public sealed class FieldNameTests
{
    private static readonly NullabilityInfoContext s_nullability = new();

    [Fact]
    public void Every_checked_form_field_has_a_vietnamese_name()
    {
        var missing = new List<string>();
        var seen = new HashSet<Type>();
        foreach (var page in typeof(Program).Assembly.GetTypes().Where(t => typeof(PageModel).IsAssignableFrom(t) && !t.IsAbstract))
        {
            var bindAll = page.GetCustomAttribute<BindPropertiesAttribute>() is not null;
            foreach (var p in page.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
                if (bindAll || p.GetCustomAttribute<BindPropertyAttribute>() is not null) Check(p, $"{page.Name}.{p.Name}", missing, seen, 0);
        }
        missing.ShouldBeEmpty();
    }

    private static void Check(PropertyInfo p, string path, List<string> missing, HashSet<Type> seen, int depth)
    {
        var type = Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
        // A list of rows (List<RowInput>, RowInput[]): each row's fields.
        if (type != typeof(string) && (type.IsArray ? type.GetElementType() : type.IsGenericType ? type.GetGenericArguments().LastOrDefault() : null) is { } element
            && IsInputModel(element))
            type = element;
        if (IsInputModel(type))
        {
            if (depth < 3 && seen.Add(type))
                foreach (var inner in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(i => i.CanWrite))
                    Check(inner, $"{type.Name}.{inner.Name}", missing, seen, depth + 1);
            return;
        }
        var checkedBy = p.GetCustomAttributes<ValidationAttribute>(true).Where(a => a.ErrorMessage is null && a.ErrorMessageResourceName is null)
            .Select(a => a.GetType().Name).ToList();
        if (type == typeof(string) && p.CanWrite && s_nullability.Create(p).WriteState == NullabilityState.NotNull
            && !p.GetCustomAttributes<RequiredAttribute>().Any(a => a.ErrorMessage is not null))
            checkedBy.Add("non-nullable string (implicitly required)");
        if (checkedBy.Count == 0) return;
        var name = p.GetCustomAttribute<DisplayAttribute>()?.GetName() ?? p.GetCustomAttribute<DisplayNameAttribute>()?.DisplayName;
        if (string.IsNullOrWhiteSpace(name) || name == p.Name) missing.Add($"{path}: {string.Join(", ", checkedBy)} but no [Display] name");
    }

    private static bool IsInputModel(Type type) =>
        type.IsClass && type != typeof(string) && type.Assembly == typeof(Program).Assembly && !typeof(System.Collections.IEnumerable).IsAssignableFrom(type);
}
