using System.IO.Compression;
using System.Xml;
using System.Xml.Linq;

namespace PhatTrienDangVien.Web.Documents;

/// <summary>
/// Checks a .docx template's package before anything parses it: every issued form copies the template's parts, so a
/// template may hold only what a plain form needs — text, styles, headers and footers, a logo — and nothing that calls
/// out (an external relationship: a tracking image, a remote attached template) or runs (macros, ActiveX, OLE, embedded
/// files), and it must stay small once inflated.
/// </summary>
public static class DocxPackage
{
    /// <summary>
    /// The most a template may inflate to. A filled form is built in memory several times over (the package, the DOM,
    /// the saved copy), so a zip bomb of a few hundred KB could take gigabytes; real forms are tens of KB, a logo a few
    /// hundred.
    /// </summary>
    public const long MaxUncompressedBytes = 5 * 1024 * 1024;

    /// <summary>A form is a dozen parts; hundreds would only be a way to make the package costly to open.</summary>
    public const int MaxEntries = 200;

    private const string Wml = "application/vnd.openxmlformats-officedocument.wordprocessingml.";

    /// <summary>The content types a plain template needs; anything else (macro, ActiveX, OLE, embedded file, font, custom UI) is refused.</summary>
    private static readonly HashSet<string> s_allowed = new(StringComparer.OrdinalIgnoreCase)
    {
        Wml + "document.main+xml", Wml + "styles+xml", Wml + "settings+xml", Wml + "webSettings+xml", Wml + "fontTable+xml",
        Wml + "numbering+xml", Wml + "header+xml", Wml + "footer+xml", Wml + "footnotes+xml", Wml + "endnotes+xml",
        Wml + "comments+xml", Wml + "document.glossary+xml",
        "application/vnd.ms-word.stylesWithEffects+xml", "application/vnd.ms-word.commentsExtended+xml",
        "application/vnd.ms-word.commentsIds+xml", "application/vnd.ms-word.commentsExtensible+xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.people+xml",
        "application/vnd.openxmlformats-officedocument.theme+xml",
        "application/vnd.openxmlformats-package.relationships+xml",
        "application/vnd.openxmlformats-package.core-properties+xml",
        "application/vnd.openxmlformats-officedocument.extended-properties+xml",
        "application/vnd.openxmlformats-officedocument.custom-properties+xml",
        "application/vnd.openxmlformats-officedocument.customXmlProperties+xml",
        "image/png", "image/jpeg", "image/gif", "image/x-emf", "image/x-wmf",
    };

    /// <summary>What a refused part is, in words an administrator recognises.</summary>
    private static string Kind(string name, string contentType)
    {
        var n = name.ToLowerInvariant();
        var t = contentType.ToLowerInvariant();
        if (n.Contains("vbaproject", StringComparison.Ordinal) || n.Contains("vbadata", StringComparison.Ordinal) || t.Contains("vba", StringComparison.Ordinal) || t.Contains("macroenabled", StringComparison.Ordinal)) return "macro";
        if (n.Contains("activex", StringComparison.Ordinal) || t.Contains("activex", StringComparison.Ordinal)) return "điều khiển ActiveX";
        if (n.Contains("oleobject", StringComparison.Ordinal) || t.Contains("oleobject", StringComparison.Ordinal)) return "đối tượng OLE";
        if (n.Contains("embeddings/", StringComparison.Ordinal)) return "tệp nhúng";
        if (n.Contains("customui", StringComparison.Ordinal) || t.Contains("ribbon", StringComparison.Ordinal)) return "giao diện tùy biến (customUI)";
        if (n.Contains("fonts/", StringComparison.Ordinal) || t.Contains("font", StringComparison.Ordinal)) return "phông chữ nhúng";
        return "thành phần lạ";
    }

    /// <summary>
    /// Why the package may not serve as a template, in Vietnamese, or null when it may. A file that is no zip at all is
    /// left to the Word reader, which reports it as not a .docx.
    /// </summary>
    public static string? Problem(byte[] docx)
    {
        ArgumentNullException.ThrowIfNull(docx);
        try
        {
            using var zip = new ZipArchive(new MemoryStream(docx, writable: false), ZipArchiveMode.Read);
            // Sizes from the central directory: nothing is inflated until the whole is known to be small. An entry
            // whose data inflates past its declared length fails to read (InvalidDataException) rather than growing.
            if (zip.Entries.Count > MaxEntries)
                return $"Tệp mẫu có quá nhiều thành phần ({zip.Entries.Count}); một mẫu biểu thường chỉ có vài chục. Hãy lưu lại mẫu trong Word thành tệp mới.";
            var total = zip.Entries.Sum(e => e.Length);
            if (total > MaxUncompressedBytes)
                return $"Tệp mẫu quá lớn khi giải nén ({total / 1024 / 1024:N0} MB, tối đa {MaxUncompressedBytes / 1024 / 1024} MB). Hãy bỏ ảnh lớn hoặc nội dung thừa rồi tải lên lại.";

            var types = zip.GetEntry("[Content_Types].xml");
            if (types is null) return null;
            var defaults = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var overrides = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var e in Load(types).Root!.Elements())
            {
                if (e.Name.LocalName == "Default" && e.Attribute("Extension")?.Value is { } ext)
                    defaults[ext] = e.Attribute("ContentType")?.Value ?? "";
                else if (e.Name.LocalName == "Override" && e.Attribute("PartName")?.Value is { } part)
                    overrides[part.TrimStart('/')] = e.Attribute("ContentType")?.Value ?? "";
            }

            var refused = new List<string>();
            foreach (var entry in zip.Entries)
            {
                if (entry.FullName.EndsWith('/') || entry.FullName == "[Content_Types].xml") continue;
                var type = overrides.GetValueOrDefault(entry.FullName)
                    ?? defaults.GetValueOrDefault(Path.GetExtension(entry.FullName).TrimStart('.')) ?? "";
                // Custom XML data (Word's store for bibliography sources, SharePoint fields) is inert XML.
                var inert = type.Equals("application/xml", StringComparison.OrdinalIgnoreCase) && entry.FullName.StartsWith("customXml/", StringComparison.OrdinalIgnoreCase);
                if (!inert && !s_allowed.Contains(type)) refused.Add($"{Kind(entry.FullName, type)} ({entry.FullName})");
            }
            if (refused.Count > 0)
                return $"Mẫu có thành phần không được phép: {string.Join("; ", refused)}. Mẫu biểu chỉ được có chữ, bảng, kiểu chữ, đầu/chân trang và ảnh (logo); hãy lưu mẫu dưới dạng “Word Document (*.docx)” không có macro, đối tượng nhúng rồi tải lên lại.";

            var external = new List<string>();
            foreach (var rels in zip.Entries.Where(e => e.FullName.EndsWith(".rels", StringComparison.OrdinalIgnoreCase)))
                foreach (var r in Load(rels).Root!.Elements().Where(r => string.Equals(r.Attribute("TargetMode")?.Value, "External", StringComparison.OrdinalIgnoreCase)))
                    external.Add($"{r.Attribute("Target")?.Value} ({rels.FullName})");
            if (external.Count > 0)
                return $"Mẫu có liên kết ra ngoài: {string.Join("; ", external)}. Mỗi biểu mẫu in ra sẽ mang theo liên kết đó; hãy xóa ảnh liên kết, siêu liên kết hoặc mẫu đính kèm (Developer → Document Template) rồi tải lên lại.";
            return null;
        }
        catch (Exception e) when (e is InvalidDataException or XmlException or IOException)
        {
            return null;
        }
    }

    private static XDocument Load(ZipArchiveEntry entry)
    {
        using var s = entry.Open();
        return XDocument.Load(XmlReader.Create(s, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null }));
    }
}
