using System.Globalization;
using System.Text;

namespace PhatTrienDangVien.Core.Text;

/// <summary>
/// Builds the ASCII sort key behind <see cref="VietnameseText.NameSortKey"/>.
/// </summary>
/// <remarks>
/// <para>
/// Why a key at all: the database (SQLite, BINARY collation) and the application must agree on list order, and
/// neither SQLite nor a portable SQL ORDER BY knows Vietnamese. A pure-ASCII key compares the same way as UTF-8
/// bytes, UTF-16 code units and <see cref="string.CompareOrdinal(string, string)"/>, so it can be stored in a column
/// and indexed.
/// </para>
/// <para>
/// Word order: given name (tên), then middle names (tên đệm) in order, then family name (họ) — the order used on
/// Vietnamese lists and when a clerk sorts a spreadsheet by the "Tên" column then "Họ đệm".
/// </para>
/// <para>
/// Each word is compared completely before the next word is looked at: first by its base letters in the Vietnamese
/// alphabet a ă â b c d đ e ê (f) g h i (j) k l m n o ô ơ p q r s t u ư v (w) x y (z), where f, j, w, z sit after
/// their Latin neighbours as in ICU's vi collation; then, only if the letters are equal, by tone in dictionary order
/// ngang (none) &lt; huyền &lt; hỏi &lt; ngã &lt; sắc &lt; nặng. This is the order of Vietnamese dictionaries and of
/// ICU/CLDR "vi" (checked in the tests against <c>CultureInfo("vi-VN")</c>), so "An" &lt; "Anh" &lt; "Ảnh" &lt; "Ánh".
/// Tones are a secondary level per word, not per letter, so the old and new tone placements ("Hoà"/"Hòa") give the
/// same key. Comparison is case-insensitive. Digits and punctuation (the apostrophe and hyphen of names such as
/// "H'Hen", "Y-Moan") sort before letters, as in ICU; other letters sort after z by code point.
/// </para>
/// <para>
/// Layout (all ASCII): <c>word(given) '/' word(middle1) word(middle2)… '/' word(family)</c>, where
/// <c>word = primary '.' tones ','</c>; primary is two decimal digits per letter ("20" = a … "52" = z, "10"–"19"
/// digits, "01" punctuation; '~' + 6 hex digits for anything else) and tones is one digit (1–5) per tone mark.
/// The separators '/', '.', ',' are below '0', so a shorter word or a shorter list of middle names sorts first.
/// The key is meant for ordering only; equal keys mean "same name for sorting", so add a tie-breaker (e.g. id).
/// </para>
/// </remarks>
public static class VietnameseNameSortKey
{
    private const string Alphabet = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz";
    private const int FirstLetterRank = 20;
    private const int FirstDigitRank = 10;
    private const string PunctuationRank = "01";

    /// <summary>Builds the key; null-safe for blank names (returns "").</summary>
    public static string Build(string fullName)
    {
        ArgumentNullException.ThrowIfNull(fullName);
        var (family, middle, given) = VietnameseText.SplitName(fullName);
        if (given.Length == 0)
        {
            return string.Empty;
        }

        var key = new StringBuilder(64);
        AppendWord(key, given);
        key.Append('/');
        if (middle.Length > 0)
        {
            foreach (var word in middle.Split(' '))
            {
                AppendWord(key, word);
            }
        }

        key.Append('/');
        AppendWord(key, family);
        return key.ToString();
    }

    private static void AppendWord(StringBuilder key, string word)
    {
        var tones = new StringBuilder(2);
        var decomposed = word.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var i = 0;
        while (i < decomposed.Length)
        {
            var baseChar = decomposed[i];
            var rune = Rune.GetRuneAt(decomposed, i);
            i += rune.Utf16SequenceLength;

            // Collect the combining marks that follow the base character: letter modifiers change the letter
            // (a + breve = ă), tone marks go to the secondary level, anything else (ü, ñ…) is ignored.
            var letter = baseChar;
            while (i < decomposed.Length
                && CharUnicodeInfo.GetUnicodeCategory(decomposed[i]) == UnicodeCategory.NonSpacingMark)
            {
                var mark = decomposed[i];
                var tone = ToneDigit(mark);
                if (tone != '\0')
                {
                    tones.Append(tone);
                }
                else
                {
                    letter = ApplyModifier(letter, mark);
                }

                i++;
            }

            if (rune.Utf16SequenceLength == 1)
            {
                AppendPrimary(key, letter == 'ð' ? 'đ' : letter);
            }
            else
            {
                AppendOther(key, rune.Value);
            }
        }

        key.Append('.').Append(tones).Append(',');
    }

    private static void AppendPrimary(StringBuilder key, char c)
    {
        var index = Alphabet.IndexOf(c, StringComparison.Ordinal);
        if (index >= 0)
        {
            key.Append((FirstLetterRank + index).ToString("D2", CultureInfo.InvariantCulture));
        }
        else if (char.IsAsciiDigit(c))
        {
            key.Append((FirstDigitRank + (c - '0')).ToString("D2", CultureInfo.InvariantCulture));
        }
        else if (char.IsLetter(c))
        {
            AppendOther(key, c);
        }
        else
        {
            key.Append(PunctuationRank);
        }
    }

    private static void AppendOther(StringBuilder key, int codePoint) =>
        key.Append('~').Append(codePoint.ToString("X6", CultureInfo.InvariantCulture));

    /// <summary>Tone digit for a combining tone mark, or '\0' when the mark is not a tone.</summary>
    private static char ToneDigit(char mark) => mark switch
    {
        '\u0300' => '1', // huyền (grave)
        '\u0309' => '2', // hỏi (hook above)
        '\u0303' => '3', // ngã (tilde)
        '\u0301' => '4', // sắc (acute)
        '\u0323' => '5', // nặng (dot below)
        _ => '\0',
    };

    private static char ApplyModifier(char letter, char mark) => (letter, mark) switch
    {
        ('a', '\u0306') => 'ă',
        ('a', '\u0302') => 'â',
        ('e', '\u0302') => 'ê',
        ('o', '\u0302') => 'ô',
        ('o', '\u031B') => 'ơ',
        ('u', '\u031B') => 'ư',
        _ => letter,
    };
}
