using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Accounts;

/// <summary>
/// The authenticator app's codes (RFC 6238: HMAC-SHA1 over the 30-second step, 6 digits), registered in place of
/// Identity's own provider under the same name, because Identity's accepts the same code again for as long as it is
/// valid. RFC 6238 §5.2: a verifier must not accept a code twice. This one accepts the steps −1..+1 around now (a phone
/// clock a little off) but only a step later than the last one accepted for the user's key, kept as a user token (not
/// audited: AuditWriter skips token rows). Enrolment and sign-in both go through it.
/// </summary>
public sealed class OneTimeAuthenticatorProvider(TimeProvider clock) : IUserTwoFactorTokenProvider<AppUser>
{
    public const string TokenLoginProvider = "[PtdvTotp]";
    public const string LastStepName = "LastStep";

    public Task<string> GenerateAsync(string purpose, UserManager<AppUser> manager, AppUser user) =>
        Task.FromResult(""); // the app on the phone makes the codes

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<AppUser> manager, AppUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        return !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));
    }

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        if (token is not { Length: 6 } || !token.All(char.IsAsciiDigit)) return false;
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrWhiteSpace(key)) return false;
        var secret = Base32(key);
        var now = clock.GetUtcNow().ToUnixTimeSeconds() / 30;
        // The step is kept with a fingerprint of the key it was used with: a new key (reset, re-enrolment) starts afresh.
        var fingerprint = Convert.ToHexString(SHA256.HashData(secret))[..16];
        var stored = (await manager.GetAuthenticationTokenAsync(user, TokenLoginProvider, LastStepName))?.Split(' ');
        var last = stored is [var s, var f] && f == fingerprint && long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var l)
            ? l : long.MinValue;
        for (var step = now - 1; step <= now + 1; step++)
        {
            if (step <= last || !CryptographicOperations.FixedTimeEquals(
                    System.Text.Encoding.ASCII.GetBytes(Code(secret, step)), System.Text.Encoding.ASCII.GetBytes(token)))
                continue;
            // Saving goes through the user's concurrency stamp: of two requests racing with the same code, the
            // second one's update fails and its code is refused.
            var saved = await manager.SetAuthenticationTokenAsync(user, TokenLoginProvider, LastStepName,
                step.ToString(CultureInfo.InvariantCulture) + " " + fingerprint);
            return saved.Succeeded;
        }
        return false;
    }

    /// <summary>The code for one 30-second step (RFC 4226 dynamic truncation).</summary>
    public static string Code(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        // RFC 6238's default and what every authenticator app uses: HMAC-SHA1 is sound as a MAC (CA5350 is about SHA-1 hashes).
#pragma warning disable CA5350
        var hash = HMACSHA1.HashData(secret, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>RFC 4648 base32, the form Identity stores the key in (spaces and padding ignored).</summary>
    public static byte[] Base32(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.ToUpperInvariant())
        {
            if (c is ' ' or '=') continue;
            var value = alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0) return [];
            buffer = (buffer << 5) | value;
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
