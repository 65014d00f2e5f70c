using System.IO.Compression;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace PhatTrienDangVien.Web.Import;

/// <summary>
/// Cuts a workbook down to the part a register can occupy before the reader sees it. The reader builds every row out to
/// the sheet's declared or last column: a 2 KB file declaring <c>A1:XFD1048576</c> (some tools write such a dimension
/// when whole rows are formatted) made it build a million rows of 16,384 cells and kept a core busy for minutes. Here
/// each worksheet is streamed through (twice when it has merged areas): the declared dimension is dropped, cells right of the last column a register uses
/// and rows below the last row it can have are left out, and the whole package may not expand beyond a cap.
/// Merged areas are filled here too: Excel writes no <c>&lt;c&gt;</c> for the covered cells of an unstyled merged area (a
/// "Chi bộ" merged over its group of rows), and the reader fills only the cells that exist, so every covered cell
/// inside the bounds is written with the value of the area's top-left cell.
/// </summary>
public static class SheetBounds
{
    /// <summary>Everything a register of <see cref="RegisterSheet.MaxRows"/> rows holds is far below this once unzipped.</summary>
    public const long MaxExpandedBytes = 64L * 1024 * 1024;

    /// <summary>Excel itself holds at most this many characters in a cell; a longer text was not written by it.</summary>
    public const int MaxCellText = 32_767;

    /// <summary>
    /// The cut workbook (null when it expands past <see cref="MaxExpandedBytes"/> or holds a text longer than Excel
    /// allows in a cell), and whether a value stood in a row below <paramref name="maxRow"/> (the file is too long:
    /// nothing of it may be dropped silently).
    /// </summary>
    /// <remarks><paramref name="hiddenRows"/>, when given, receives for each worksheet part (by its path in the zip) the
    /// numbers of its rows marked hidden (a filter in Excel): the reader sees them as any row, and the preview says so.</remarks>
    /// <exception cref="InvalidDataException">Not a zip.</exception>
    public static (byte[]? Content, bool RowsBeyond) Clamp(byte[] xlsx, int maxRow, int maxColumn, IDictionary<string, SortedSet<int>>? hiddenRows = null)
    {
        ArgumentNullException.ThrowIfNull(xlsx);
        using var input = new ZipArchive(new MemoryStream(xlsx, writable: false), ZipArchiveMode.Read);
        using var output = new MemoryStream();
        var rowsBeyond = false;
        var budget = new Budget(MaxExpandedBytes);
        try
        {
            using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
            foreach (var entry in input.Entries)
            {
                // Stored, not compressed: the cut workbook lives only until the reader has gone through it, and compressing
                // it cost as much as reading it again.
                var copy = zip.CreateEntry(entry.FullName, CompressionLevel.NoCompression);
                using var from = new CappedStream(entry.Open(), budget);
                using var to = copy.Open();
                // Which part is a worksheet is read from the part itself, not from its name: the reader finds sheets
                // through the workbook's relationships, which may point anywhere ("/xl/worksheets/…" went round the cut).
                if (IsWorksheet(entry))
                {
                    // The merged areas follow the rows in the sheet's XML, so they are collected while the sheet is cut;
                    // only a sheet that has some is cut a second time, filling them (most registers have none, or the
                    // office unmerged them). The second pass has a budget of its own: it reads the same bytes again.
                    var merges = new List<Area>();
                    using var cut = new MemoryStream();
                    var hidden = new SortedSet<int>();
                    rowsBeyond |= CopySheet(from, cut, maxRow, maxColumn, [], merges, hidden);
                    if (hiddenRows is not null && hidden.Count > 0) hiddenRows[entry.FullName] = hidden;
                    if (merges.Count > 0)
                    {
                        using var again = new CappedStream(entry.Open(), new Budget(MaxExpandedBytes));
                        CopySheet(again, to, maxRow, maxColumn, merges, null, null);
                    }
                    else
                    {
                        cut.Position = 0;
                        cut.CopyTo(to);
                    }
                }
                else if (IsSharedStrings(entry))
                    CheckStrings(from, to);
                else
                    from.CopyTo(to);
            }
        }
        catch (InvalidDataException) when (budget.Left < 0)
        {
            return (null, false);
        }
        catch (TextTooLongException)
        {
            return (null, false);
        }
        return (output.ToArray(), rowsBeyond);
    }

    /// <summary>A merged area, 1-based and inclusive.</summary>
    private readonly record struct Area(int FirstRow, int FirstColumn, int LastRow, int LastColumn)
    {
        public bool Covers(int row, int column) => row >= FirstRow && row <= LastRow && column >= FirstColumn && column <= LastColumn;
    }

    private static XmlReader Reader(Stream from) =>
        XmlReader.Create(from, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true });

    /// <summary>
    /// Adds a merged area of the sheet to the list when it lies inside the bounds (one reaching past them is left
    /// unmerged), covers more than one cell and overlaps none already there (a damaged file: the first is kept).
    /// </summary>
    private static void AddArea(List<Area> areas, string? range, int maxRow, int maxColumn)
    {
        if (Beyond(range, maxRow, maxColumn)) return;
        var parts = range!.Split(':');
        var (r1, c1) = (RowOf(parts[0]), ColumnOf(parts[0]));
        var (r2, c2) = (RowOf(parts[^1]), ColumnOf(parts[^1]));
        if (r1 is null || c1 is null || r2 is null || c2 is null) return;
        var area = new Area(Math.Min(r1.Value, r2.Value), Math.Min(c1.Value, c2.Value), Math.Max(r1.Value, r2.Value), Math.Max(c1.Value, c2.Value));
        if (area.FirstRow == area.LastRow && area.FirstColumn == area.LastColumn) return;
        if (areas.Any(a => a.Covers(area.FirstRow, area.FirstColumn) || area.Covers(a.FirstRow, a.FirstColumn))) return;
        areas.Add(area);
    }

    private static bool IsWorksheet(ZipArchiveEntry entry) => RootIs(entry, "worksheet", "dialogsheet");

    private static bool IsSharedStrings(ZipArchiveEntry entry) => RootIs(entry, "sst");

    /// <summary>True when the part's root element has one of the names; a part whose start cannot be read within 64 KB
    /// counts as one (it is then cut or refused as the sheet it may be).</summary>
    private static bool RootIs(ZipArchiveEntry entry, params string[] names)
    {
        if (!entry.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)) return false;
        try
        {
            using var peek = new CappedStream(entry.Open(), new Budget(64 * 1024));
            using var r = Reader(peek);
            return r.MoveToContent() == XmlNodeType.Element && names.Contains(r.LocalName);
        }
        catch (Exception e) when (e is InvalidDataException or XmlException)
        {
            return true;
        }
    }

    /// <summary>
    /// Copies the shared strings as they are, refusing a text longer than a cell holds. The part is read once into memory
    /// (within the package's budget) and only read through for the check: writing it out again node by node, as before,
    /// cost a second serialisation of every string for nothing.
    /// </summary>
    private static void CheckStrings(Stream from, Stream to)
    {
        using var bytes = new MemoryStream();
        from.CopyTo(bytes);
        bytes.Position = 0;
        using (var r = Reader(bytes))
        {
            while (r.Read())
                if (r.NodeType is XmlNodeType.Text or XmlNodeType.CDATA && r.Value.Length > MaxCellText) throw new TextTooLongException();
        }
        bytes.Position = 0;
        bytes.CopyTo(to);
    }

    /// <summary>
    /// Writes the sheet cut to the bounds, filling the covered cells of <paramref name="merges"/>; adds the merged areas
    /// it meets to <paramref name="found"/> and the rows marked hidden to <paramref name="hidden"/> when given. True when a
    /// value stood below the last row.
    /// </summary>
    private static bool CopySheet(Stream from, Stream to, int maxRow, int maxColumn, List<Area> merges, List<Area>? found, SortedSet<int>? hidden)
    {
        using var r = Reader(from);
        using var w = XmlWriter.Create(to, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false });
        var row = 0;
        var column = 0;
        var beyond = false;
        // The top-left cell of each merged area, kept as written once read; the covered cells of the current row still to write.
        var topLeft = new Dictionary<(int, int), XElement>();
        var pending = new Queue<(int Column, Area Area)>();
        // The areas reaching the current row, kept as the rows go down, and the top-left corners in a set: looking
        // through every area for every row and cell made a register with two merges a row take minutes.
        var byFirstRow = merges.OrderBy(a => a.FirstRow).ToList();
        var corners = merges.Select(a => (a.FirstRow, a.FirstColumn)).ToHashSet();
        var active = new List<Area>();
        var next = 0;
        var previousRow = 0;
        void WritePending(int before)
        {
            while (pending.Count > 0 && pending.Peek().Column < before)
            {
                var (c, area) = pending.Dequeue();
                if (!topLeft.TryGetValue((area.FirstRow, area.FirstColumn), out var value)) continue;
                var copy = new XElement(value);
                copy.SetAttributeValue("r", Reference(row, c));
                // The value is what is copied: a formula of its own would be evaluated against the wrong cell.
                copy.Elements().Where(e => e.Name.LocalName == "f").Remove();
                copy.WriteTo(w);
            }
        }
        r.Read();
        while (!r.EOF)
        {
            if (r.NodeType == XmlNodeType.Element)
            {
                switch (r.LocalName)
                {
                    case "dimension":
                        r.Skip();
                        continue;
                    // A merged range is filled cell by cell: one reaching past the register's corner would rebuild the bomb.
                    case "mergeCell" when Beyond(r.GetAttribute("ref"), maxRow, maxColumn):
                        r.Skip();
                        continue;
                    case "mergeCell":
                        if (found is not null) AddArea(found, r.GetAttribute("ref"), maxRow, maxColumn);
                        break;
                    case "row":
                        row = Number(r.GetAttribute("r")) ?? row + 1;
                        column = 0;
                        if (row > maxRow)
                        {
                            beyond |= HasValue(r);
                            continue;
                        }
                        if (hidden is not null && r.GetAttribute("hidden") is "1" or "true") hidden.Add(row);
                        pending.Clear();
                        // Rows out of order (allowed, never written by Excel): start the walk over.
                        if (row < previousRow) { active.Clear(); next = 0; }
                        previousRow = row;
                        while (next < byFirstRow.Count && byFirstRow[next].FirstRow <= row) active.Add(byFirstRow[next++]);
                        active.RemoveAll(a => a.LastRow < row);
                        foreach (var (c, area) in active.Where(a => a.FirstRow <= row && row <= a.LastRow)
                            .SelectMany(a => Enumerable.Range(a.FirstColumn, a.LastColumn - a.FirstColumn + 1).Select(c => (c, a)))
                            .Where(x => !(x.c == x.a.FirstColumn && row == x.a.FirstRow)).OrderBy(x => x.c))
                            pending.Enqueue((c, area));
                        if (r.IsEmptyElement && pending.Count > 0)
                        {
                            w.WriteStartElement(r.Prefix, r.LocalName, r.NamespaceURI);
                            w.WriteAttributes(r, true);
                            WritePending(int.MaxValue);
                            w.WriteEndElement();
                            r.Read();
                            continue;
                        }
                        break;
                    case "c":
                        column = ColumnOf(r.GetAttribute("r")) ?? column + 1;
                        if (column > maxColumn)
                        {
                            r.Skip();
                            continue;
                        }
                        WritePending(column);
                        if (pending.Count > 0 && pending.Peek().Column == column)
                        {
                            // A covered cell written empty (or with a stray value): the area's value stands in it.
                            r.Skip();
                            WritePending(column + 1);
                            continue;
                        }
                        if (corners.Contains((row, column)))
                        {
                            var cell = (XElement)XNode.ReadFrom(r);
                            topLeft[(row, column)] = cell;
                            cell.WriteTo(w);
                            continue;
                        }
                        break;
                }
            }
            else if (r.NodeType == XmlNodeType.EndElement && r.LocalName == "row")
            {
                WritePending(int.MaxValue);
            }
            CopyNode(r, w);
            r.Read();
        }
        return beyond;
    }

    /// <summary>Reads past the current element; true when any text stands in it.</summary>
    private static bool HasValue(XmlReader r)
    {
        var found = false;
        using (var sub = r.ReadSubtree())
        {
            while (sub.Read())
                if (sub.NodeType is XmlNodeType.Text or XmlNodeType.CDATA && !string.IsNullOrWhiteSpace(sub.Value)) found = true;
        }
        r.Read();
        return found;
    }

    private static void CopyNode(XmlReader r, XmlWriter w)
    {
        switch (r.NodeType)
        {
            case XmlNodeType.Element:
                var empty = r.IsEmptyElement;
                w.WriteStartElement(r.Prefix, r.LocalName, r.NamespaceURI);
                w.WriteAttributes(r, true);
                if (empty) w.WriteEndElement();
                break;
            case XmlNodeType.EndElement:
                w.WriteFullEndElement();
                break;
            case XmlNodeType.Text:
                var text = r.Value;
                if (text.Length > MaxCellText) throw new TextTooLongException();
                w.WriteString(text);
                break;
            case XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                w.WriteWhitespace(r.Value);
                break;
            case XmlNodeType.CDATA:
                if (r.Value.Length > MaxCellText) throw new TextTooLongException();
                w.WriteCData(r.Value);
                break;
            case XmlNodeType.EntityReference:
                w.WriteEntityRef(r.Name);
                break;
        }
    }

    private static bool Beyond(string? range, int maxRow, int maxColumn)
    {
        var end = range?.Split(':')[^1];
        if (string.IsNullOrEmpty(end)) return true;
        var letters = end.TakeWhile(char.IsAsciiLetter).Count();
        return (ColumnOf(end) ?? int.MaxValue) > maxColumn || (Number(end[letters..]) ?? int.MaxValue) > maxRow;
    }

    private static int? Number(string? text) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;

    private static int? RowOf(string reference) => Number(new string([.. reference.SkipWhile(char.IsAsciiLetter)]));

    private static string Reference(int row, int column)
    {
        var letters = "";
        for (var c = column; c > 0; c = (c - 1) / 26) letters = (char)('A' + (c - 1) % 26) + letters;
        return letters + row.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The 1-based column of a reference such as "AB12"; null without one.</summary>
    private static int? ColumnOf(string? reference)
    {
        if (string.IsNullOrEmpty(reference)) return null;
        var column = 0;
        foreach (var ch in reference)
        {
            if (ch is >= 'A' and <= 'Z') column = column * 26 + (ch - 'A' + 1);
            else if (ch is >= 'a' and <= 'z') column = column * 26 + (ch - 'a' + 1);
            else break;
            if (column > 1_000_000) return column;
        }
        return column == 0 ? null : column;
    }

    private sealed class TextTooLongException : Exception;

    private sealed class Budget(long bytes)
    {
        public long Left { get; set; } = bytes;
    }

    /// <summary>A read-only stream that throws once the package has expanded past its budget.</summary>
    private sealed class CappedStream(Stream inner, Budget budget) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            budget.Left -= n;
            if (budget.Left < 0) throw new InvalidDataException("The workbook expands past its cap.");
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
