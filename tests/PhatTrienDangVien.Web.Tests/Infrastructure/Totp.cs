using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace PhatTrienDangVien.Web.Tests.Infrastructure;

/// <summary>
/// The code an authenticator app shows (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), computed from the base32
/// key the way Identity's authenticator token provider checks it. Written out here rather than borrowed from the
/// application, so that a test would notice the application computing it differently from an app.
/// </summary>
public static partial class Totp
{
    // Steps already used per clock and key: the application accepts a code once only (steps −1..+1 around its clock),
    // so a helper signing the same user in again within one 30-second step uses the next step's code.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<TimeProvider, Dictionary<string, long>> s_used = new();

    /// <summary>
    /// A code the application has not accepted yet for this key: the current step's, else the next one's; when both
    /// are used a fake clock is moved on 30 s by <paramref name="advance"/> (real time: waits for the next step).
    /// </summary>
    public static string Next(string base32Key, TimeProvider clock, Action<TimeSpan>? advance = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var used = s_used.GetOrCreateValue(clock);
        lock (used)
        {
            var now = clock.GetUtcNow().ToUnixTimeSeconds() / 30;
            var step = used.TryGetValue(base32Key, out var last) ? Math.Max(now, last + 1) : now;
            while (step > now + 1)
            {
                if (advance is not null) advance(TimeSpan.FromSeconds(30));
                else Thread.Sleep(TimeSpan.FromSeconds(30 - (clock.GetUtcNow().ToUnixTimeSeconds() % 30) + 0.5));
                now = clock.GetUtcNow().ToUnixTimeSeconds() / 30;
            }
            used[base32Key] = step;
            return Code(base32Key, DateTimeOffset.FromUnixTimeSeconds(step * 30));
        }
    }

    public static string Code(string base32Key, DateTimeOffset? at = null)
    {
        var key = Base32(base32Key);
        var step = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds() / 30;
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        // RFC 6238's default and what every authenticator app uses: HMAC-SHA1 is sound as a MAC (CA5350 is about SHA-1 hashes).
#pragma warning disable CA5350
        var hash = HMACSHA1.HashData(key, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var clean = text.Replace(" ", "", StringComparison.Ordinal).TrimEnd('=').ToUpperInvariant();
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in clean)
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
                buffer &= (1 << bits) - 1;
            }
        }
        return [.. bytes];
    }
}
