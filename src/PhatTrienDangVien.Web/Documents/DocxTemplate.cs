using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace PhatTrienDangVien.Web.Documents;

/// <summary>
/// Reads and fills the <c>{{placeholders}}</c> of a .docx. Word splits a paragraph's text into runs wherever the
/// formatting, spelling marks or editing history change, so one placeholder may lie across several runs: a
/// paragraph's runs' text is read as one string to find the placeholders, and each is then replaced across the runs it
/// spans (see <see cref="Replace"/>), so the rest of the paragraph keeps its bold and italics.
/// </summary>
public static partial class DocxTemplate
{
    [GeneratedRegex(@"\{\{\s*([^{}]*?)\s*\}\}")]
    private static partial Regex PlaceholderPattern();

    public sealed class NotADocxException(string message) : Exception(message);

    /// <summary>A package refused by <see cref="DocxPackage.Problem"/>; the message says why, in Vietnamese.</summary>
    public sealed class UnsafeTemplateException(string message) : Exception(message);

    /// <summary>
    /// The most placeholders (each use counted) a template may hold. The largest default form has a few dozen; every
    /// use costs a value written on each issue, so thousands are only a way to make issuing slow.
    /// </summary>
    public const int MaxPlaceholderUses = 1000;

    /// <summary>The placeholders of a file, in order of first appearance, and how many times they are used in all.</summary>
    public sealed record Reading(IReadOnlyList<string> Names, int Uses);

    /// <summary>The placeholders of a file, in order of first appearance; throws <see cref="NotADocxException"/> for a file that is not a Word document.</summary>
    public static IReadOnlyList<string> Placeholders(byte[] docx) => Read(docx).Names;

    /// <inheritdoc cref="Placeholders"/>
    public static Reading Read(byte[] docx)
    {
        var found = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var uses = 0;
        WithBody(docx, false, body =>
        {
            foreach (var p in body.Descendants<Paragraph>())
            {
                var text = TextOf(p);
                foreach (Match m in PlaceholderPattern().Matches(text))
                {
                    uses++;
                    if (seen.Add(m.Groups[1].Value)) found.Add(m.Groups[1].Value);
                }
                // A "{{" left without its "}}" is a placeholder broken in editing: reported as it stands.
                var rest = PlaceholderPattern().Replace(text, "");
                var open = rest.IndexOf("{{", StringComparison.Ordinal);
                if (open >= 0 && rest[open..Math.Min(rest.Length, open + 30)].Trim() is var broken && seen.Add(broken)) found.Add(broken);
            }
        });
        return new Reading(found, uses);
    }

    /// <summary>
    /// Fills the placeholders with <paramref name="values"/>. The table row holding <paramref name="rowKey"/> is
    /// repeated once per item of <paramref name="rows"/>, each filled with its own values over the document's.
    /// </summary>
    public static byte[] Fill(byte[] docx, IReadOnlyDictionary<string, string> values,
        string? rowKey = null, IReadOnlyList<IReadOnlyDictionary<string, string>>? rows = null)
    {
        return WithBody(docx, true, body =>
        {
            if (rowKey is not null && rows is not null)
            {
                foreach (var row in body.Descendants<TableRow>().Where(r => r.Descendants<Paragraph>().Any(p => TextOf(p).Contains("{{" + rowKey + "}}", StringComparison.Ordinal))).ToList())
                {
                    foreach (var item in rows)
                    {
                        var copy = (TableRow)row.CloneNode(true);
                        foreach (var p in copy.Descendants<Paragraph>()) Replace(p, k => item.TryGetValue(k, out var v) ? v : values.GetValueOrDefault(k));
                        row.Parent!.InsertBefore(copy, row);
                    }
                    row.Remove();
                }
            }
            foreach (var p in body.Descendants<Paragraph>().ToList()) Replace(p, values.GetValueOrDefault);
        });
    }

    /// <summary>
    /// One page per item (the class's certificates): the template filled for each, the bodies put one after another in
    /// one document, each from a new page. The template's section (paper, margins) and side parts are the first copy's.
    /// </summary>
    public static byte[] FillPages(byte[] docx, IReadOnlyList<IReadOnlyDictionary<string, string>> pages)
    {
        ArgumentNullException.ThrowIfNull(pages);
        if (pages.Count == 0) throw new ArgumentException("No page to fill.", nameof(pages));
        var filled = pages.Select(p => Fill(docx, p)).ToList();
        return WithBody(filled[0], true, root =>
        {
            if (root is not Body body) return;
            var section = body.Elements<SectionProperties>().LastOrDefault();
            void Add(OpenXmlElement e)
            {
                if (section is null) body.Append(e);
                else section.InsertBeforeSelf(e);
            }
            foreach (var next in filled.Skip(1))
            {
                using var stream = new MemoryStream(next, writable: false);
                using var doc = WordprocessingDocument.Open(stream, false);
                Add(new Paragraph(new Run(new Break { Type = BreakValues.Page })));
                foreach (var e in doc.MainDocumentPart!.Document!.Body!.Elements().Where(e => e is not SectionProperties)) Add(e.CloneNode(true));
            }
        });
    }

    /// <summary>
    /// Replaces each placeholder where it stands: inside one run it keeps that run's formatting and its neighbours';
    /// cut across runs, the value goes into the run where the placeholder begins and the rest of it is removed from
    /// the runs it ran into. Each run's new text is built in one pass over the paragraph: rebuilding a run's whole text
    /// per placeholder made a template with thousands of them in one run take minutes to fill.
    /// </summary>
    private static void Replace(Paragraph p, Func<string, string?> valueOf)
    {
        var texts = p.Descendants<Text>().ToList();
        var joined = string.Concat(texts.Select(t => t.Text));
        if (!joined.Contains("{{", StringComparison.Ordinal)) return;
        var starts = new int[texts.Count + 1];
        for (var i = 0; i < texts.Count; i++) starts[i + 1] = starts[i] + texts[i].Text.Length;
        // The last run starting at or before the position (end: strictly before), as runs may be empty.
        int IndexAt(int position, bool end)
        {
            int lo = 0, hi = texts.Count - 1, found = 0;
            while (lo <= hi)
            {
                var mid = (lo + hi) / 2;
                if (end ? starts[mid] < position : starts[mid] <= position) { found = mid; lo = mid + 1; }
                else hi = mid - 1;
            }
            return found;
        }
        var built = new StringBuilder?[texts.Count];
        StringBuilder Of(int i) => built[i] ??= new StringBuilder();
        var touched = new bool[texts.Count];
        var copied = 0;
        // Copies the paragraph's own text in [copied, to) into the runs it came from.
        void CopyTo(int to)
        {
            for (var k = IndexAt(copied, false); k < texts.Count && starts[k] < to; k++)
            {
                int a = Math.Max(copied, starts[k]), b = Math.Min(to, starts[k + 1]);
                if (b > a) Of(k).Append(joined, a, b - a);
            }
            copied = to;
        }
        foreach (Match m in PlaceholderPattern().Matches(joined))
        {
            if (valueOf(m.Groups[1].Value) is not { } value) continue;
            int from = m.Index, to = m.Index + m.Length;
            int i = IndexAt(from, false), j = IndexAt(to, true);
            CopyTo(from);
            // A value stored before inputs refused what XML cannot hold would otherwise make the save throw and blame the template.
            Of(i).Append(Application.TypedText.XmlSafe(value));
            copied = to;
            for (var k = i; k <= j; k++) touched[k] = true;
            texts[i].Space = SpaceProcessingModeValues.Preserve;
            texts[j].Space = SpaceProcessingModeValues.Preserve;
        }
        CopyTo(joined.Length);
        for (var k = 0; k < texts.Count; k++)
            if (touched[k]) texts[k].Text = built[k]?.ToString() ?? "";
        // A value of two lines (a deputy's "K/T BÍ THƯ" over "PHÓ BÍ THƯ") breaks the line inside its run, keeping the run's formatting.
        foreach (var t in p.Descendants<Text>().Where(t => t.Text.Contains('\n', StringComparison.Ordinal)).ToList())
        {
            var parts = t.Text.Split('\n');
            t.Text = parts[0];
            OpenXmlElement after = t;
            foreach (var part in parts.Skip(1))
            {
                var line = new Text(part) { Space = SpaceProcessingModeValues.Preserve };
                after.InsertAfterSelf(line);
                line.InsertBeforeSelf(new Break());
                after = line;
            }
        }
    }

    private static string TextOf(Paragraph p) => string.Concat(p.Descendants<Text>().Select(t => t.Text));

    /// <summary>The roots of the parts beside the body that hold text: headers, footers, footnotes, endnotes (text boxes inside them are their descendants).</summary>
    private static IEnumerable<OpenXmlPartRootElement> SideParts(MainDocumentPart main)
    {
        foreach (var h in main.HeaderParts) if (h.Header is { } header) yield return header;
        foreach (var f in main.FooterParts) if (f.Footer is { } footer) yield return footer;
        if (main.FootnotesPart?.Footnotes is { } footnotes) yield return footnotes;
        if (main.EndnotesPart?.Endnotes is { } endnotes) yield return endnotes;
    }

    /// <summary>Runs <paramref name="work"/> on the body, then on every header, footer and notes part.</summary>
    private static byte[] WithBody(byte[] docx, bool write, Action<OpenXmlElement> work)
    {
        // Before the SDK opens it: a bomb must be refused unread, and nothing hostile copied into a form.
        if (DocxPackage.Problem(docx) is { } problem) throw new UnsafeTemplateException(problem);
        using var stream = new MemoryStream();
        stream.Write(docx);
        stream.Position = 0;
        try
        {
            using (var doc = WordprocessingDocument.Open(stream, write))
            {
                var body = doc.MainDocumentPart?.Document?.Body ?? throw new NotADocxException("Tệp không có nội dung văn bản Word.");
                work(body);
                // Headers, footers and notes are parts of their own, not under the body: a footer's "{{x}}" must be
                // checked on upload and filled on issue like any other (a footer left unchecked was issued literally).
                var main = doc.MainDocumentPart!;
                foreach (var root in SideParts(main)) work(root);
                if (write)
                {
                    main.Document!.Save();
                    foreach (var root in SideParts(main)) root.Save();
                }
            }
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException or System.Xml.XmlException or ArgumentException or IOException)
        {
            throw new NotADocxException("Tệp không phải văn bản Word (.docx) hợp lệ.");
        }
        return stream.ToArray();
    }

    public static string Sha256(byte[] bytes) => Application.ContentHash.Sha256(bytes);

    /// <summary>All the text of a document, paragraph by paragraph (tests and previews).</summary>
    public static string PlainText(byte[] docx)
    {
        var sb = new StringBuilder();
        WithBody(docx, false, body =>
        {
            foreach (var p in body.Descendants<Paragraph>()) sb.AppendLine(TextOf(p));
        });
        return sb.ToString();
    }
}
