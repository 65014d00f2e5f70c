using System.IO.Compression;
using System.Xml;
using System.Xml.Linq;

namespace PhatTrienDangVien.Web.Import;

/// <summary>
/// Which part of the zip holds which sheet, by the sheet's name: the workbook lists its sheets with a relationship id,
/// and its relationships give the part. The cutter (<see cref="SheetBounds"/>) knows parts, the reader knows names.
/// </summary>
public static class WorkbookSheets
{
    private static readonly XmlReaderSettings s_safe = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };

    /// <summary>Sheet name → the part's path in the zip ("xl/worksheets/sheet1.xml"); empty when the workbook cannot tell.</summary>
    public static Dictionary<string, string> Parts(byte[] xlsx)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        using var zip = new ZipArchive(new MemoryStream(xlsx, writable: false), ZipArchiveMode.Read);
        var workbook = WorkbookPath(zip);
        var folder = workbook.Contains('/', StringComparison.Ordinal) ? workbook[..(workbook.LastIndexOf('/') + 1)] : "";
        var rels = Load(zip, folder + "_rels/" + workbook[folder.Length..] + ".rels");
        var book = Load(zip, workbook);
        if (rels is null || book is null) return result;
        foreach (var sheet in book.Descendants().Where(e => e.Name.LocalName == "sheet"))
        {
            var name = sheet.Attribute("name")?.Value;
            var id = sheet.Attributes().FirstOrDefault(a => a.Name.LocalName == "id" && a.Name.NamespaceName.Length > 0)?.Value;
            if (name is null || id is null) continue;
            if (Target(rels, folder, r => r.Attribute("Id")?.Value == id) is { } part) result.TryAdd(name, part);
        }
        return result;
    }

    /// <summary>
    /// True when the workbook counts its dates from 1904 (Excel for Mac's old default, kept by files made there): its
    /// date cells then read four years and a day early, unless moved by <see cref="Days1904"/>.
    /// </summary>
    public static bool Uses1904(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx, writable: false), ZipArchiveMode.Read);
        var flag = Load(zip, WorkbookPath(zip))?.Descendants().FirstOrDefault(e => e.Name.LocalName == "workbookPr")?.Attribute("date1904")?.Value;
        return flag is "1" or "true";
    }

    /// <summary>Days between the two systems' day zero (01/01/1904 against 31/12/1899 as Excel counts it).</summary>
    public const int Days1904 = 1462;

    // The workbook part is named by the package's own relationships; Excel always writes it as xl/workbook.xml.
    private static string WorkbookPath(ZipArchive zip) =>
        Target(Load(zip, "_rels/.rels"), "", r => r.Attribute("Type")?.Value.EndsWith("/officeDocument", StringComparison.Ordinal) == true) ?? "xl/workbook.xml";

    private static XDocument? Load(ZipArchive zip, string path)
    {
        var entry = zip.Entries.FirstOrDefault(e => string.Equals(e.FullName.TrimStart('/'), path, StringComparison.OrdinalIgnoreCase));
        if (entry is null) return null;
        try
        {
            using var stream = entry.Open();
            using var reader = XmlReader.Create(stream, s_safe);
            return XDocument.Load(reader);
        }
        catch (XmlException)
        {
            return null;
        }
    }

    /// <summary>The target of the first relationship that fits, as a path in the zip: absolute ("/xl/…") or relative to the folder.</summary>
    private static string? Target(XDocument? rels, string folder, Func<XElement, bool> fits)
    {
        var target = rels?.Descendants().FirstOrDefault(e => e.Name.LocalName == "Relationship" && fits(e))?.Attribute("Target")?.Value;
        if (string.IsNullOrEmpty(target)) return null;
        if (target.StartsWith('/')) return target.TrimStart('/');
        var parts = new List<string>(folder.Split('/', StringSplitOptions.RemoveEmptyEntries));
        foreach (var piece in target.Split('/'))
        {
            if (piece == "..") { if (parts.Count > 0) parts.RemoveAt(parts.Count - 1); }
            else if (piece is not ("." or "")) parts.Add(piece);
        }
        return string.Join('/', parts);
    }
}
