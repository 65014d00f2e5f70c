using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace PhatTrienDangVien.Web.Application;

/// <summary>
/// Vietnamese messages for the validation attributes that carry none of their own ("{0}" is the field's Vietnamese
/// label): the framework's defaults are English. One set for the forms (through MVC's metadata) and for the commands
/// (<see cref="Errors.Annotations"/>), so the API reads the same words.
/// </summary>
public static class VietnameseValidation
{
    public static string? Template(ValidationAttribute attribute) => attribute switch
    {
        RequiredAttribute => "Hãy nhập {0}.",
        StringLengthAttribute { MinimumLength: > 0 } => "{0} phải từ {2} đến {1} ký tự.",
        StringLengthAttribute => "{0} tối đa {1} ký tự.",
        MaxLengthAttribute => "{0} tối đa {1} ký tự.",
        RangeAttribute => "{0} phải từ {1} đến {2}.",
        EmailAddressAttribute => "{0} không phải là địa chỉ thư điện tử hợp lệ.",
        UrlAttribute => "{0} không phải là địa chỉ trang web hợp lệ.",
        _ => null,
    };

    /// <summary>Gives every attribute without a message the Vietnamese one, before MVC formats it.</summary>
    public sealed class MetadataProvider : IValidationMetadataProvider
    {
        public void CreateValidationMetadata(ValidationMetadataProviderContext context)
        {
            ArgumentNullException.ThrowIfNull(context);
            foreach (var attribute in context.ValidationMetadata.ValidatorMetadata.OfType<ValidationAttribute>())
                if (attribute.ErrorMessage is null && attribute.ErrorMessageResourceName is null && Template(attribute) is { } template)
                    attribute.ErrorMessage = template;
        }
    }
}
