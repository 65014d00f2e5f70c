using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhatTrienDangVien.Web.Application;

namespace PhatTrienDangVien.Web.Pages.Shared;

/// <summary>A command's outcome on a form: errors beside their fields, the rule's message on top, the conflict table.</summary>
public static class Outcomes
{
    /// <summary>
    /// A paper a command made (Word, Excel) as the download; a refusal goes back to <paramref name="back"/> with its
    /// message on top, as the file's page cannot show a form.
    /// </summary>
    public static IActionResult GiveFile(this PageModel page, Outcome<Web.Documents.Paper> outcome, string back)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(outcome);
        switch (outcome.Status)
        {
            case OutcomeStatus.Done:
                return new FileContentResult(outcome.Value!.Content, outcome.Value.ContentType) { FileDownloadName = outcome.Value.FileName };
            case OutcomeStatus.NotFound:
                return page.NotFound();
            case OutcomeStatus.Forbidden:
                return page.Forbid();
            default:
                page.TempData["Error"] = outcome.Message ?? string.Join(" ", outcome.Errors.Select(e => e.Message));
                return new RedirectResult(back);
        }
    }

    /// <summary>
    /// Null when the command is done (the page redirects); otherwise what the handler returns: the form again with
    /// the errors (400 for wrong fields, as the API; 422 when a rule refused, 409 on a conflict, whose rows go into <paramref name="conflicts"/>), or 404/403.
    /// <paramref name="prefix"/> is the bound property's name ("Form.") that the command's field names sit under.
    /// </summary>
    public static IActionResult? Show<T>(this PageModel page, Outcome<T> outcome, string prefix = "", List<FieldConflict>? conflicts = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(outcome);
        switch (outcome.Status)
        {
            case OutcomeStatus.Done:
                return null;
            case OutcomeStatus.NotFound:
                return page.NotFound();
            case OutcomeStatus.Forbidden:
                return page.Forbid();
            case OutcomeStatus.Invalid:
                foreach (var e in outcome.Errors) page.ModelState.AddModelError(e.Field.Length == 0 ? "" : prefix + e.Field, e.Message);
                page.Response.StatusCode = StatusCodes.Status400BadRequest;
                return new PageResult();
            case OutcomeStatus.Refused:
                page.ModelState.AddModelError("", outcome.Message ?? "");
                page.Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                return new PageResult();
            default:
                conflicts?.AddRange(outcome.Conflicts);
                if (conflicts is null) page.ModelState.AddModelError("", outcome.Message ?? "");
                page.Response.StatusCode = StatusCodes.Status409Conflict;
                return new PageResult();
        }
    }
}

/// <summary>
/// A form posted back with errors answers 400, whether the errors came from model binding (a date that is not a date)
/// or from a command: the same status the API gives for the same input.
/// </summary>
public sealed class InvalidFormStatusFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        // A page that only shows has no handler for a POST: the framework would render it without its data (a 500).
        if (context.HandlerMethod is null && context.ActionDescriptor.ViewEnginePath != "/Error" && !HttpMethods.IsGet(context.HttpContext.Request.Method) && !HttpMethods.IsHead(context.HttpContext.Request.Method))
        {
            context.Result = new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
            return;
        }
        var executed = await next();
        var response = executed.HttpContext.Response;
        if (HttpMethods.IsPost(executed.HttpContext.Request.Method) && executed.Result is PageResult
            && !executed.ModelState.IsValid && response.StatusCode == StatusCodes.Status200OK)
            response.StatusCode = StatusCodes.Status400BadRequest;
    }
}
