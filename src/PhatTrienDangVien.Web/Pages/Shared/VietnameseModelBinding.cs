using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace PhatTrienDangVien.Web.Pages.Shared;

/// <summary>The framework's own binding messages, in Vietnamese: a malformed date must read as a user's mistake.</summary>
public static class VietnameseModelBinding
{
    public static void Configure(DefaultModelBindingMessageProvider p)
    {
        p.SetAttemptedValueIsInvalidAccessor((value, field) => $"Giá trị “{value}” không hợp lệ cho {field}.");
        p.SetMissingBindRequiredValueAccessor(field => $"Thiếu giá trị cho {field}.");
        p.SetMissingKeyOrValueAccessor(() => "Thiếu giá trị.");
        p.SetMissingRequestBodyRequiredValueAccessor(() => "Thiếu nội dung yêu cầu.");
        p.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"Giá trị “{value}” không hợp lệ.");
        p.SetNonPropertyUnknownValueIsInvalidAccessor(() => "Giá trị không hợp lệ.");
        p.SetNonPropertyValueMustBeANumberAccessor(() => "Phải là một số.");
        p.SetUnknownValueIsInvalidAccessor(field => $"Giá trị của {field} không hợp lệ.");
        p.SetValueIsInvalidAccessor(value => $"Giá trị “{value}” không hợp lệ.");
        p.SetValueMustBeANumberAccessor(field => $"{field} phải là một số.");
        p.SetValueMustNotBeNullAccessor(value => $"Không được để trống “{value}”.");
    }
}
