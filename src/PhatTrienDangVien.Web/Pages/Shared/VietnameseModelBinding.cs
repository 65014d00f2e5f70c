using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace PhatTrienDangVien.Web.Pages.Shared;

/// <summary>The framework's own binding messages, in Vietnamese: a malformed date must read as a user's mistake.</summary>
public static class VietnameseModelBinding
{
    public static void Configure(DefaultModelBindingMessageProvider p)
    {
        ArgumentNullException.ThrowIfNull(p);
        p.SetAttemptedValueIsInvalidAccessor((value, field) => $"Giá trị “{Cut(value)}” không hợp lệ cho {field}.");
        p.SetMissingBindRequiredValueAccessor(field => $"Thiếu giá trị cho {field}.");
        p.SetMissingKeyOrValueAccessor(() => "Thiếu giá trị.");
        p.SetMissingRequestBodyRequiredValueAccessor(() => "Thiếu nội dung yêu cầu.");
        p.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"Giá trị “{Cut(value)}” không hợp lệ.");
        p.SetNonPropertyUnknownValueIsInvalidAccessor(() => "Giá trị không hợp lệ.");
        p.SetNonPropertyValueMustBeANumberAccessor(() => "Phải là một số.");
        p.SetUnknownValueIsInvalidAccessor(field => $"Giá trị của {field} không hợp lệ.");
        p.SetValueIsInvalidAccessor(value => $"Giá trị “{Cut(value)}” không hợp lệ.");
        p.SetValueMustBeANumberAccessor(field => $"{field} phải là một số.");
        p.SetValueMustNotBeNullAccessor(value => "Hãy nhập giá trị cho trường này.");
    }

    /// <summary>A typed value is quoted back to help, never in full: a 100 KB paste would come back whole.</summary>
    public static string Cut(string? value) => value is null ? "" : value.Length <= 40 ? value : value[..40] + "…";
}

/// <summary>
/// Check boxes accept "true" and "false" only. The framework's own binder fails on anything else and keeps the raw
/// text, and the form then crashes re-rendering the box from it (a 500, with the posted text in the error log): here
/// the value is refused with a Vietnamese message and the box re-renders unticked.
/// </summary>
public sealed class CheckboxBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Metadata.UnderlyingOrModelType == typeof(bool) ? new Binder(context.Metadata.IsReferenceOrNullableType) : null;
    }

    private sealed class Binder(bool nullable) : IModelBinder
    {
        public Task BindModelAsync(ModelBindingContext bindingContext)
        {
            var result = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
            if (result == ValueProviderResult.None) return Task.CompletedTask;
            var text = result.FirstValue?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                bindingContext.ModelState.SetModelValue(bindingContext.ModelName, result);
                bindingContext.Result = ModelBindingResult.Success(nullable ? null : false);
            }
            else if (bool.TryParse(text, out var value))
            {
                bindingContext.ModelState.SetModelValue(bindingContext.ModelName, result);
                bindingContext.Result = ModelBindingResult.Success(value);
            }
            else
            {
                bindingContext.ModelState.SetModelValue(bindingContext.ModelName, new ValueProviderResult("false"));
                var label = bindingContext.ModelMetadata.DisplayName ?? bindingContext.ModelMetadata.Name ?? "ô đánh dấu";
                var message = $"Giá trị của “{label}” không hợp lệ: chỉ có thể đánh dấu hoặc bỏ đánh dấu.";
                bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, message);
                // Check boxes have no message line of their own on the forms: the form's summary says it.
                bindingContext.ModelState.TryAddModelError(string.Empty, message);
                bindingContext.Result = ModelBindingResult.Failed();
            }
            return Task.CompletedTask;
        }
    }
}

/// <summary>
/// Dates on forms and in query strings are read as offices write them (dd/MM/yyyy, also d/M/yyyy with "/", "." or "-")
/// whatever the browser's language, and as yyyy-MM-dd, which the old date inputs, saved links and other programs send.
/// Anything else is refused with a Vietnamese message that shows the expected form, and the typed text is kept on the
/// form so the user can mend it. The JSON API is not bound here: it stays yyyy-MM-dd (decision 0027).
/// </summary>
public sealed class DateBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Metadata.UnderlyingOrModelType == typeof(DateOnly)
            ? new TypedTextBinder(context.Metadata.IsReferenceOrNullableType, t => Parse(t), Message, "ngày") : null;
    }

    private static readonly string[] s_formats =
    [
        "d/M/yyyy", "d.M.yyyy", "d-M-yyyy", "yyyy-M-d",
        // Eight digits: a phone's number pad has no "/".
        "ddMMyyyy",
    ];

    /// <summary>The text as a date, or null when it is not one of the accepted forms or not a day of the calendar.</summary>
    public static DateOnly? Parse(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), s_formats, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None, out var date) ? date : null;

    /// <summary>What a refused date says: the field, the typed text (cut) and the expected form with an example.</summary>
    public static string Message(string? value, string field) =>
        $"Giá trị “{VietnameseModelBinding.Cut(value)}” không hợp lệ cho {field}: hãy nhập ngày theo dạng ngày/tháng/năm (dd/mm/yyyy), ví dụ 25/06/2026.";
}

/// <summary>
/// Decimals typed on a form (a rating's score, the bands and weights of the rating settings, a class mark): "85,5" and
/// "85.5" are both eighty-five and a half, whatever the browser's language. The culture's binder reads the dot as the
/// thousands separator ("9.5" became 95 and a level followed from it), and none of these numbers has thousands.
/// Anything else is refused with a Vietnamese message and the typed text stays on the form. The JSON API is not bound
/// here: its numbers are JSON numbers.
/// </summary>
public sealed partial class DecimalBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Metadata.UnderlyingOrModelType == typeof(decimal)
            ? new TypedTextBinder(context.Metadata.IsReferenceOrNullableType, t => Parse(t), Message, "số") : null;
    }

    /// <summary>The text as a number, with a comma or a dot as its decimal mark, or null when it is not one.</summary>
    public static decimal? Parse(string? text)
    {
        text = text?.Trim();
        // Three digits after the only mark ("1.000", "1,000") read one way in Vietnamese and the other in English:
        // refused rather than guessed (no score, band, weight or mark has three decimals).
        return text is not null && Number().IsMatch(text) && !ThousandsLike().IsMatch(text)
               && decimal.TryParse(text.Replace(',', '.'), System.Globalization.NumberStyles.AllowLeadingSign | System.Globalization.NumberStyles.AllowDecimalPoint,
                   System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value : null;
    }

    public static string Message(string? value, string field) =>
        $"Giá trị “{VietnameseModelBinding.Cut(value)}” không hợp lệ cho {field}: hãy nhập một số, ví dụ 85 hoặc 85,5 (không dùng dấu ngăn hàng nghìn).";

    // A sign, at most nine digits, then one decimal mark and its digits: "1.000,5" (thousands) is refused, not guessed.
    [System.Text.RegularExpressions.GeneratedRegex(@"^[+-]?\d{1,9}([.,]\d+)?$")]
    private static partial System.Text.RegularExpressions.Regex Number();

    [System.Text.RegularExpressions.GeneratedRegex(@"[.,]\d{3}$")]
    private static partial System.Text.RegularExpressions.Regex ThousandsLike();
}

/// <summary>
/// A typed value read by our own rule (a date, a decimal): empty is "not given" (the form's own check says when it is
/// required), a value that does not read is refused with the field's Vietnamese message, and the typed text is kept on
/// the form so the user can mend it.
/// </summary>
internal sealed class TypedTextBinder(bool nullable, Func<string, object?> parse, Func<string?, string, string> message, string fieldWord) : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var result = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
        if (result == ValueProviderResult.None) return Task.CompletedTask;
        bindingContext.ModelState.SetModelValue(bindingContext.ModelName, result);
        var text = result.FirstValue?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (nullable) bindingContext.Result = ModelBindingResult.Success(null);
            else
            {
                bindingContext.ModelState.TryAddModelError(bindingContext.ModelName,
                    bindingContext.ModelMetadata.ModelBindingMessageProvider.ValueMustNotBeNullAccessor(text ?? ""));
                bindingContext.Result = ModelBindingResult.Failed();
            }
        }
        else if (parse(text) is { } value)
        {
            bindingContext.Result = ModelBindingResult.Success(value);
        }
        else
        {
            var field = bindingContext.ModelMetadata.DisplayName ?? bindingContext.ModelMetadata.Name ?? fieldWord;
            bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, message(text, field));
            bindingContext.Result = ModelBindingResult.Failed();
        }
        return Task.CompletedTask;
    }
}
