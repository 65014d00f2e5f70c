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
            var parts = new List<(ZipArchiveEntry Entry, string Type)>();
            foreach (var entry in zip.Entries)
            {
                if (entry.FullName.EndsWith('/') || entry.FullName == "[Content_Types].xml") continue;
                var type = overrides.GetValueOrDefault(entry.FullName)
                    ?? defaults.GetValueOrDefault(Path.GetExtension(entry.FullName).TrimStart('.')) ?? "";
                parts.Add((entry, type));
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

            // A comment travels into every issued form, and what it says (or a placeholder in it) is never filled.
            if (parts.Any(p => p.Type.Equals(Wml + "comments+xml", StringComparison.OrdinalIgnoreCase) && HasElement(p.Entry, "comment")))
                return "Mẫu còn chú thích (comment); hãy xóa chú thích (Review → Delete → Delete All Comments in Document) rồi tải lên lại.";

            var fields = new List<string>();
            foreach (var (entry, _) in parts.Where(p => p.Entry.FullName.StartsWith("word/", StringComparison.OrdinalIgnoreCase) && p.Entry.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)))
                foreach (var instruction in FieldInstructions(entry))
                    if (RefusedField(instruction) is { } why) fields.Add($"{why} ({entry.FullName})");
            if (fields.Count > 0)
            {
                var shown = fields.Distinct().ToList();
                return $"Mẫu có trường (field) không được phép: {string.Join("; ", shown.Take(5))}{(shown.Count > 5 ? $"; và {shown.Count - 5} trường khác" : "")}. " +
                    "Trường liên kết, nhúng tệp hay DDE lấy nội dung từ ngoài hoặc chạy lệnh khi mở tệp, mỗi biểu mẫu in ra sẽ mang theo nó, và phần mềm không điền chỗ điền nằm trong mã trường. " +
                    "Hãy chọn trường đó rồi nhấn Ctrl+Shift+F9 (đổi thành chữ thường) hoặc xóa đi, rồi tải lên lại; trường số trang (PAGE, NUMPAGES) và ngày vẫn được dùng.";
            }
            return null;
        }
        catch (Exception e) when (e is InvalidDataException or XmlException or IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// Field types that fetch content from outside the file or run something: DDE and DDEAUTO start a program,
    /// INCLUDEPICTURE / INCLUDETEXT / INCLUDE / IMPORT / LINK read a file or address when the form is opened or
    /// printed, HYPERLINK leads out, DATABASE queries a data source, EMBED an OLE object, MACROBUTTON runs a command.
    /// </summary>
    private static readonly HashSet<string> s_refusedFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "DDE", "DDEAUTO", "INCLUDEPICTURE", "INCLUDETEXT", "INCLUDE", "IMPORT", "LINK", "HYPERLINK", "DATABASE", "EMBED", "MACROBUTTON",
    };

    /// <summary>Why a field instruction may not stay in a template, or null when it may (PAGE, NUMPAGES, DATE…).</summary>
    private static string? RefusedField(string instruction)
    {
        // A field whose name is the result of a field nested at its start ({ {QUOTE "DDE"}AUTO … }) is a known way to
        // hide DDE from exactly this check: its name cannot be known without running the fields.
        if (instruction.StartsWith(ComputedName, StringComparison.Ordinal)) return "trường có tên ghép từ trường khác";
        var text = instruction.Trim();
        var end = text.IndexOfAny([' ', '\t', '\\', '"', '\r', '\n']);
        var name = end < 0 ? text : text[..end];
        if (s_refusedFields.Contains(name)) return name.ToUpperInvariant();
        // Word never fills a "{{…}}" inside a field's code: it would be issued as typed, or lead to an address built from it.
        if (text.Contains("{{", StringComparison.Ordinal)) return $"chỗ điền trong mã trường {(name.Length == 0 ? "" : name.ToUpperInvariant())}".TrimEnd();
        return null;
    }

    /// <summary>Marks an instruction whose first element is a nested field (never text Word writes itself).</summary>
    private const string ComputedName = "\u0001";

    private sealed class OpenField
    {
        public System.Text.StringBuilder Code { get; } = new();
        public bool Done { get; set; }
    }

    /// <summary>
    /// The instructions of every field of a part: a simple field's <c>w:instr</c>, and for a complex field the
    /// <c>w:instrText</c> pieces between its begin and separate marks joined (Word cuts one instruction across runs, so
    /// "DD" + "EAUTO" must be read as one). Read as a stream, without building the part's tree.
    /// </summary>
    private static List<string> FieldInstructions(ZipArchiveEntry entry)
    {
        var found = new List<string>();
        var open = new Stack<OpenField>();
        using var s = entry.Open();
        using var reader = XmlReader.Create(s, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        while (!reader.EOF)
        {
            if (reader.NodeType != XmlNodeType.Element) { reader.Read(); continue; }
            switch (reader.LocalName)
            {
                case "fldSimple":
                    found.Add(reader.GetAttribute("instr", reader.NamespaceURI) ?? reader.GetAttribute("instr") ?? "");
                    break;
                case "fldChar":
                    switch (reader.GetAttribute("fldCharType", reader.NamespaceURI) ?? reader.GetAttribute("fldCharType"))
                    {
                        case "begin":
                            if (open.TryPeek(out var parent) && !parent.Done && parent.Code.ToString().Trim().Length == 0) parent.Code.Insert(0, ComputedName);
                            open.Push(new OpenField());
                            break;
                        case "separate":
                            if (open.TryPeek(out var field) && !field.Done) { found.Add(field.Code.ToString()); field.Done = true; }
                            break;
                        case "end":
                            if (open.TryPop(out var closed) && !closed.Done) found.Add(closed.Code.ToString());
                            break;
                    }
                    break;
                case "instrText" or "delInstrText":
                    var piece = reader.ReadElementContentAsString();
                    if (open.TryPeek(out var current) && !current.Done) current.Code.Append(piece);
                    else found.Add(piece);
                    continue;
            }
            reader.Read();
        }
        while (open.TryPop(out var unclosed)) if (!unclosed.Done) found.Add(unclosed.Code.ToString());
        return found;
    }

    private static bool HasElement(ZipArchiveEntry entry, string localName)
    {
        using var s = entry.Open();
        using var reader = XmlReader.Create(s, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        while (reader.Read())
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == localName) return true;
        return false;
    }

    private static XDocument Load(ZipArchiveEntry entry)
    {
        using var s = entry.Open();
        return XDocument.Load(XmlReader.Create(s, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null }));
    }
}
