using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Authorization;

namespace PhatTrienDangVien.Web.Pages.Organisations;

[RequirePermission(Permission.ReadRecords)]
public class IndexModel(AppDbContext db) : PageModel
{
    public sealed class Node
    {
        public required Organisation Org { get; init; }
        public List<Node> Children { get; } = [];
        public int Official { get; set; }
        public int Probationary { get; set; }
        public int Candidates { get; set; }
        public string? Secretary { get; set; }
    }

    public List<Node> Roots { get; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var orgs = await db.Organisations.AsNoTracking().Include(o => o.Hamlet).ToListAsync(ct);
        var members = await db.Members.Where(m => m.Status == MemberStatus.Official || m.Status == MemberStatus.Probationary)
            .GroupBy(m => new { m.CellId, m.Status }).Select(g => new { g.Key.CellId, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        var candidates = await db.Candidates.Where(c => c.Status == CandidateStatus.Active)
            .GroupBy(c => c.CellId).Select(g => new { CellId = g.Key, Count = g.Count() }).ToListAsync(ct);
        var secretaryIds = orgs.Where(o => o.SecretaryMemberId != null).Select(o => o.SecretaryMemberId!.Value).ToList();
        // A visible cell's secretary is named even when the user's role does not cover the cell they sit in.
        var secretaries = await db.Members.WholeCommune().Where(m => secretaryIds.Contains(m.Id))
            .Select(m => new { m.Id, m.Person.FullName }).ToDictionaryAsync(m => m.Id, m => m.FullName, ct);

        var nodes = orgs.ToDictionary(o => o.Id, o => new Node
        {
            Org = o,
            Official = members.Where(m => m.CellId == o.Id && m.Status == MemberStatus.Official).Sum(m => m.Count),
            Probationary = members.Where(m => m.CellId == o.Id && m.Status == MemberStatus.Probationary).Sum(m => m.Count),
            Candidates = candidates.Where(c => c.CellId == o.Id).Sum(c => c.Count),
            Secretary = o.SecretaryMemberId is { } s && secretaries.TryGetValue(s, out var n) ? n : null,
        });
        var collator = StringComparer.Create(new System.Globalization.CultureInfo("vi-VN"), true);
        foreach (var node in nodes.Values.OrderBy(n => n.Org.Kind).ThenBy(n => n.Org.Name, collator))
        {
            // A user scoped to some cells sees those cells as roots: their parents are outside the scope.
            if (node.Org.ParentId is { } p && nodes.TryGetValue(p, out var parent)) parent.Children.Add(node);
            else Roots.Add(node);
        }
        foreach (var root in Roots) Total(root);
    }

    private static void Total(Node n)
    {
        foreach (var c in n.Children)
        {
            Total(c);
            n.Official += c.Official;
            n.Probationary += c.Probationary;
            n.Candidates += c.Candidates;
        }
    }
}
