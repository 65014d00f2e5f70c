using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace PhatTrienDangVien.Web.Pages.Shared;

/// <summary>
/// Every <c>&lt;input type="date"&gt;</c> of the pages becomes a text box that shows and takes dd/MM/yyyy, whatever the
/// browser's language (an English browser showed mm/dd/yyyy). site.js adds the calendar button beside it; without
/// JavaScript the box still takes a typed date, which <see cref="DateBinderProvider"/> reads (decision 0027).
/// </summary>
[HtmlTargetElement("input", Attributes = "[type=date]")]
public sealed class DateInputTagHelper : TagHelper
{
    public const string Placeholder = "dd/mm/yyyy";

    /// <summary>d/M/yyyy (also with "." or "-"), eight digits (a phone's number pad has no "/"), or yyyy-MM-dd.</summary>
    public const string Pattern = @"\d{1,2}[\/.\-]\d{1,2}[\/.\-]\d{4}|\d{8}|\d{4}-\d{1,2}-\d{1,2}";

    // After the framework's input tag helper (asp-for), which writes the value as yyyy-MM-dd for a date input.
    public override int Order => 1000;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Attributes.SetAttribute("type", "text");
        output.Attributes.SetAttribute("data-date-input", "");
        if (output.Attributes.TryGetAttribute("value", out var value) && Text(value.Value) is { } text
            && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            output.Attributes.SetAttribute("value", Dates.Text(date));
        // The picker keeps the limits a date input had; a text box has no use for them.
        foreach (var limit in new[] { "min", "max" })
            if (output.Attributes.TryGetAttribute(limit, out var a))
            {
                output.Attributes.Remove(a);
                output.Attributes.SetAttribute("data-" + limit, Text(a.Value) ?? "");
            }
        if (!output.Attributes.ContainsName("placeholder")) output.Attributes.SetAttribute("placeholder", Placeholder);
        output.Attributes.SetAttribute("inputmode", "numeric");
        output.Attributes.SetAttribute("autocomplete", "off");
        output.Attributes.SetAttribute("maxlength", "10");
        output.Attributes.SetAttribute("pattern", Pattern);
        if (!output.Attributes.ContainsName("title")) output.Attributes.SetAttribute("title", "Ngày/tháng/năm, ví dụ 25/06/2026");
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        IHtmlContent html => WebUtility.HtmlDecode(Render(html)),
        _ => value.ToString(),
    };

    private static string Render(IHtmlContent html)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        html.WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
        return writer.ToString();
    }
}
