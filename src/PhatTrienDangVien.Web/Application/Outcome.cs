using PhatTrienDangVien.Core.Common;

namespace PhatTrienDangVien.Web.Application;

public enum OutcomeStatus
{
    Done,
    /// <summary>Some fields are wrong; nothing was saved.</summary>
    Invalid,
    /// <summary>A rule of the procedure forbids it (named, with its citation); nothing was saved.</summary>
    Refused,
    /// <summary>Someone saved the record after the user read it; nothing was overwritten.</summary>
    Conflict,
    NotFound,
    Forbidden,
}

/// <summary>A field's error in Vietnamese; the field is the input's property path ("" for the whole form).</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>One field that differs between what the user submitted and what another user saved meanwhile.</summary>
public sealed record FieldConflict(string Field, string? Yours, string? Theirs);

/// <summary>
/// What a command did. The page turns it into form errors, a conflict table or a redirect
/// (<c>Pages/Shared/Outcomes.cs</c>); the API into its status and RFC 7807 problem details (<c>Api/ApiOutcomes.cs</c>):
/// one result, two translations, so the two cannot decide differently.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1000", Justification = "Outcome<Member>.NotFound() reads as what it is.")]
public sealed class Outcome<T>
{
    private Outcome(OutcomeStatus status) => Status = status;

    public OutcomeStatus Status { get; }
    public bool IsDone => Status == OutcomeStatus.Done;
    /// <summary>The saved record when done; the record as stored now on a conflict.</summary>
    public T? Value { get; private init; }
    public IReadOnlyList<FieldError> Errors { get; private init; } = [];
    public string? Message { get; private init; }
    public string? Rule { get; private init; }
    public string? Citation { get; private init; }
    public IReadOnlyList<FieldConflict> Conflicts { get; private init; } = [];
    /// <summary>Things worth knowing that did not stop the save (e.g. a citizen ID that contradicts the birth year).</summary>
    public IReadOnlyList<string> Warnings { get; private init; } = [];

    public static Outcome<T> Done(T value, IReadOnlyList<string>? warnings = null) =>
        new(OutcomeStatus.Done) { Value = value, Warnings = warnings ?? [] };

    public static Outcome<T> Invalid(IReadOnlyList<FieldError> errors) =>
        new(OutcomeStatus.Invalid) { Errors = errors, Message = string.Join(" ", errors.Select(e => e.Message)) };

    public static Outcome<T> Invalid(string field, string message) => Invalid([new FieldError(field, message)]);

    public static Outcome<T> Refused(DomainException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(OutcomeStatus.Refused) { Message = e.Message, Rule = e.Rule, Citation = e.Citation };
    }

    public static Outcome<T> Conflict(T? current, IReadOnlyList<FieldConflict> conflicts, string message) =>
        new(OutcomeStatus.Conflict) { Value = current, Conflicts = conflicts, Message = message };

    public static Outcome<T> NotFound() => new(OutcomeStatus.NotFound) { Message = "Hồ sơ không tồn tại hoặc nằm ngoài phạm vi được giao." };

    public static Outcome<T> Forbidden(string? message = null) =>
        new(OutcomeStatus.Forbidden) { Message = message ?? "Tài khoản của đồng chí không có quyền làm việc này." };

    /// <summary>The same failure for another result type (a command that calls another).</summary>
    public Outcome<TOther> As<TOther>() => IsDone
        ? throw new InvalidOperationException("Only a failure carries over.")
        : new(Status) { Errors = Errors, Message = Message, Rule = Rule, Citation = Citation, Conflicts = Conflicts, Warnings = Warnings };
}

/// <summary>Collects field errors while a command validates its input.</summary>
public sealed class Errors
{
    private readonly List<FieldError> _list = [];

    public bool Any => _list.Count > 0;
    public IReadOnlyList<FieldError> List => _list;

    // Fields whose message is the general one (a date outside 1900–2199, an undefined choice): a command's own
    // message on the same field says more and replaces it.
    private readonly HashSet<string> _general = [];

    /// <summary>One message per field: the first specific one (a second one repeats it in other words).</summary>
    public void Add(string field, string message)
    {
        if (_general.Remove(field)) _list.RemoveAll(e => e.Field == field);
        if (_list.All(e => e.Field != field)) _list.Add(new FieldError(field, message));
    }

    private void AddGeneral(string field, string message)
    {
        if (_list.Any(e => e.Field == field)) return;
        _list.Add(new FieldError(field, message));
        _general.Add(field);
    }

    public void Require(bool ok, string field, string message)
    {
        if (!ok) Add(field, message);
    }

    /// <summary>
    /// The input's own annotations (required, length, range), checked here as well as by the form's model binding, so
    /// that the API, which binds JSON without them, refuses exactly what the form refuses.
    /// </summary>
    public void Annotations(object input, string prefix) => Annotations(input, prefix, 0);

    private void Annotations(object input, string prefix, int depth)
    {
        ArgumentNullException.ThrowIfNull(input);
        foreach (var (property, label, attributes) in s_properties.GetOrAdd(input.GetType(), Describe))
        {
            var value = property.GetValue(input);
            var field = prefix + property.Name;
            switch (value)
            {
                // Text typed by a person holds nothing that could hide or reorder what a list or a printed form shows, nor
                // anything XML cannot carry (TypedText).
                case string text when TypedText.HasForbidden(text):
                    Add(field, $"{label} {TypedText.ForbiddenMessage}");
                    break;
                // No date a commune records lies outside these years; beyond them date arithmetic overflows.
                case DateOnly date when date.Year is < 1900 or > 2199:
                    AddGeneral(field, $"{label} phải trong khoảng năm 1900–2199.");
                    break;
                // JSON may carry any number for an enum; only the values the procedure names are accepted.
                case Enum e when !IsDefined(e):
                    AddGeneral(field, $"{label} không hợp lệ.");
                    break;
                // Rows of a list (people verified, introducers) are checked the same way, one level down.
                case System.Collections.IEnumerable items when value is not string && depth < 2:
                    var i = 0;
                    foreach (var item in items)
                    {
                        if (item is not null && item.GetType().IsClass && item is not string) Annotations(item, $"{field}[{i}].", depth + 1);
                        i++;
                    }
                    break;
            }
            foreach (var attribute in attributes)
            {
                if (attribute.IsValid(value)) continue;
                var message = attribute.ErrorMessage is null && VietnameseValidation.Template(attribute) is { } template
                    ? string.Format(System.Globalization.CultureInfo.GetCultureInfo("vi-VN"), template, label, Arguments(attribute, 1), Arguments(attribute, 2))
                    : attribute.FormatErrorMessage(label);
                Add(field, message);
            }
        }
    }

    // Read once per type: an import checks the same inputs ten thousand times.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, (System.Reflection.PropertyInfo Property, string Label,
        System.ComponentModel.DataAnnotations.ValidationAttribute[] Attributes)[]> s_properties = new();

    private static (System.Reflection.PropertyInfo, string, System.ComponentModel.DataAnnotations.ValidationAttribute[])[] Describe(Type type) =>
        [.. type.GetProperties().Where(p => p.GetIndexParameters().Length == 0 && p.CanRead).Select(p => (p,
            p.GetCustomAttributes(typeof(System.ComponentModel.DataAnnotations.DisplayAttribute), false)
                .OfType<System.ComponentModel.DataAnnotations.DisplayAttribute>().FirstOrDefault()?.Name ?? p.Name,
            p.GetCustomAttributes(typeof(System.ComponentModel.DataAnnotations.ValidationAttribute), true)
                .OfType<System.ComponentModel.DataAnnotations.ValidationAttribute>().ToArray()))];

    private static bool IsDefined(Enum e)
    {
        var type = e.GetType();
        if (!type.IsDefined(typeof(FlagsAttribute), false)) return Enum.IsDefined(type, e);
        var all = Enum.GetValues(type).Cast<Enum>().Aggregate(0UL, (acc, v) => acc | Convert.ToUInt64(v, System.Globalization.CultureInfo.InvariantCulture));
        return (Convert.ToUInt64(e, System.Globalization.CultureInfo.InvariantCulture) & ~all) == 0;
    }

    private static object? Arguments(System.ComponentModel.DataAnnotations.ValidationAttribute attribute, int index) => (attribute, index) switch
    {
        (System.ComponentModel.DataAnnotations.StringLengthAttribute s, 1) => s.MaximumLength,
        (System.ComponentModel.DataAnnotations.StringLengthAttribute s, _) => s.MinimumLength,
        (System.ComponentModel.DataAnnotations.MaxLengthAttribute m, 1) => m.Length,
        (System.ComponentModel.DataAnnotations.RangeAttribute r, 1) => r.Minimum,
        (System.ComponentModel.DataAnnotations.RangeAttribute r, _) => r.Maximum,
        _ => null,
    };

    /// <summary>Field-length checks the forms and the API share (the database would refuse, or cut, longer text).</summary>
    public void MaxLength(string? value, int max, string field, string label)
    {
        if (value is not null && value.Length > max) Add(field, $"{label} tối đa {max} ký tự.");
    }
}
