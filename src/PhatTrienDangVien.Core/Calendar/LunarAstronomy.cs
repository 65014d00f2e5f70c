namespace PhatTrienDangVien.Core.Calendar;

/// <summary>
/// The two astronomical quantities a Vietnamese (and Chinese) lunisolar calendar needs:
/// the instants of new moon and the apparent longitude of the Sun.
/// </summary>
/// <remarks>
/// Formulas follow Jean Meeus, "Astronomical Algorithms" (2nd ed.): chapter 49 for the new moon
/// (accurate to well under a minute over these centuries) and chapter 25, low-accuracy method, for the Sun
/// (about 0.01°, i.e. ~15 minutes of time). Results are in Julian Days; the formulas give
/// Terrestrial Time, which is converted to Universal Time with ΔT, then shifted to the civil time zone.
/// </remarks>
internal static class LunarAstronomy
{
    // Julian Day Number of 0001-01-01 (proleptic Gregorian), i.e. DateOnly.DayNumber 0.
    private const int JulianDayOfDayNumberZero = 1721426;

    // Mean synodic month, in days.
    internal const double SynodicMonth = 29.530588861;

    // JDE of the mean new moon with lunation index 0 (6 January 2000).
    private const double NewMoonEpoch = 2451550.09766;

    private const double DegreesToRadians = Math.PI / 180.0;

    internal static int ToJulianDayNumber(DateOnly date) => date.DayNumber + JulianDayOfDayNumberZero;

    internal static DateOnly FromJulianDayNumber(int julianDayNumber) =>
        DateOnly.FromDayNumber(julianDayNumber - JulianDayOfDayNumberZero);

    /// <summary>The local civil day (Julian Day Number) on which new moon number <paramref name="k"/> falls.</summary>
    internal static int NewMoonLocalDay(int k, double timeZoneHours)
    {
        double jdTt = NewMoonJde(k);
        double jdUt = jdTt - (DeltaTSeconds(jdTt) / 86400.0);
        // A civil day starts at JD x.5, hence the +0.5.
        return (int)Math.Floor(jdUt + 0.5 + (timeZoneHours / 24.0));
    }

    /// <summary>
    /// Which 30° sector of the ecliptic (0 = 0°–30°, …, 9 = 270°–300°) the Sun is in at local midnight
    /// starting the given civil day. Two month starts with the same sector mean that month holds no
    /// principal solar term (trung khí), which is what marks the leap month.
    /// </summary>
    internal static int SunSectorAtLocalMidnight(int julianDayNumber, double timeZoneHours)
    {
        double jdUt = julianDayNumber - 0.5 - (timeZoneHours / 24.0);
        double jdTt = jdUt + (DeltaTSeconds(jdUt) / 86400.0);
        return (int)Math.Floor(SunApparentLongitude(jdTt) / 30.0);
    }

    /// <summary>Lunation index of the mean new moon nearest to (at or before, roughly) the given Julian Day.</summary>
    internal static int ApproximateLunation(double julianDay) =>
        (int)Math.Floor((julianDay - NewMoonEpoch) / SynodicMonth);

    /// <summary>True (corrected) new moon, Meeus chapter 49, as a Julian Ephemeris Day.</summary>
    internal static double NewMoonJde(int k)
    {
        double t = k / 1236.85;
        double t2 = t * t;
        double t3 = t2 * t;
        double t4 = t3 * t;

        double jde = NewMoonEpoch + (SynodicMonth * k) + (0.00015437 * t2) - (0.000000150 * t3) + (0.00000000073 * t4);

        double e = 1 - (0.002516 * t) - (0.0000074 * t2);
        double m = Radians(2.5534 + (29.10535670 * k) - (0.0000014 * t2) - (0.00000011 * t3));
        double mp = Radians(201.5643 + (385.81693528 * k) + (0.0107582 * t2) + (0.00001238 * t3) - (0.000000058 * t4));
        double f = Radians(160.7108 + (390.67050284 * k) - (0.0016118 * t2) - (0.00000227 * t3) + (0.000000011 * t4));
        double omega = Radians(124.7746 - (1.56375588 * k) + (0.0020672 * t2) + (0.00000215 * t3));

        double correction =
            (-0.40720 * Math.Sin(mp))
            + (0.17241 * e * Math.Sin(m))
            + (0.01608 * Math.Sin(2 * mp))
            + (0.01039 * Math.Sin(2 * f))
            + (0.00739 * e * Math.Sin(mp - m))
            - (0.00514 * e * Math.Sin(mp + m))
            + (0.00208 * e * e * Math.Sin(2 * m))
            - (0.00111 * Math.Sin(mp - (2 * f)))
            - (0.00057 * Math.Sin(mp + (2 * f)))
            + (0.00056 * e * Math.Sin((2 * mp) + m))
            - (0.00042 * Math.Sin(3 * mp))
            + (0.00042 * e * Math.Sin(m + (2 * f)))
            + (0.00038 * e * Math.Sin(m - (2 * f)))
            - (0.00024 * e * Math.Sin((2 * mp) - m))
            - (0.00017 * Math.Sin(omega))
            - (0.00007 * Math.Sin(mp + (2 * m)))
            + (0.00004 * Math.Sin((2 * mp) - (2 * f)))
            + (0.00004 * Math.Sin(3 * m))
            + (0.00003 * Math.Sin(mp + m - (2 * f)))
            + (0.00003 * Math.Sin((2 * mp) + (2 * f)))
            - (0.00003 * Math.Sin(mp + m + (2 * f)))
            + (0.00003 * Math.Sin(mp - m + (2 * f)))
            - (0.00002 * Math.Sin(mp - m - (2 * f)))
            - (0.00002 * Math.Sin((3 * mp) + m))
            + (0.00002 * Math.Sin(4 * mp));

        // Planetary perturbations.
        double planetary =
            (0.000325 * SinDeg(299.77 + (0.107408 * k) - (0.009173 * t2)))
            + (0.000165 * SinDeg(251.88 + (0.016321 * k)))
            + (0.000164 * SinDeg(251.83 + (26.651886 * k)))
            + (0.000126 * SinDeg(349.42 + (36.412478 * k)))
            + (0.000110 * SinDeg(84.66 + (18.206239 * k)))
            + (0.000062 * SinDeg(141.74 + (53.303771 * k)))
            + (0.000060 * SinDeg(207.14 + (2.453732 * k)))
            + (0.000056 * SinDeg(154.84 + (7.306860 * k)))
            + (0.000047 * SinDeg(34.52 + (27.261239 * k)))
            + (0.000042 * SinDeg(207.19 + (0.121824 * k)))
            + (0.000040 * SinDeg(291.34 + (1.844379 * k)))
            + (0.000037 * SinDeg(161.72 + (24.198154 * k)))
            + (0.000035 * SinDeg(239.56 + (25.513099 * k)))
            + (0.000023 * SinDeg(331.55 + (3.592518 * k)));

        return jde + correction + planetary;
    }

    /// <summary>Apparent geocentric longitude of the Sun in degrees [0, 360), Meeus chapter 25 (low accuracy).</summary>
    internal static double SunApparentLongitude(double jdTt)
    {
        double t = (jdTt - 2451545.0) / 36525.0;
        double t2 = t * t;
        double l0 = 280.46646 + (36000.76983 * t) + (0.0003032 * t2);
        double m = Radians(357.52911 + (35999.05029 * t) - (0.0001537 * t2));
        double c = ((1.914602 - (0.004817 * t) - (0.000014 * t2)) * Math.Sin(m))
            + ((0.019993 - (0.000101 * t)) * Math.Sin(2 * m))
            + (0.000289 * Math.Sin(3 * m));
        double omega = Radians(125.04 - (1934.136 * t));
        // Nutation and aberration turn the true longitude into the apparent one.
        double apparent = l0 + c - 0.00569 - (0.00478 * Math.Sin(omega));
        apparent %= 360.0;
        return apparent < 0 ? apparent + 360.0 : apparent;
    }

    /// <summary>
    /// ΔT = TT − UT in seconds, from the Espenak–Meeus polynomial fits (NASA eclipse pages).
    /// Only matters for new moons within a minute or two of midnight, but costs nothing.
    /// </summary>
    internal static double DeltaTSeconds(double julianDay)
    {
        double y = 2000.0 + ((julianDay - 2451544.5) / 365.2425);
        double t;
        switch (y)
        {
            case < 1800:
            {
                double u = (y - 1820) / 100;
                return -20 + (32 * u * u);
            }
            case < 1860:
                t = y - 1800;
                return 13.72 - (0.332447 * t) + (0.0068612 * Math.Pow(t, 2)) + (0.0041116 * Math.Pow(t, 3))
                    - (0.00037436 * Math.Pow(t, 4)) + (0.0000121272 * Math.Pow(t, 5))
                    - (0.0000001699 * Math.Pow(t, 6)) + (0.000000000875 * Math.Pow(t, 7));
            case < 1900:
                t = y - 1860;
                return 7.62 + (0.5737 * t) - (0.251754 * Math.Pow(t, 2)) + (0.01680668 * Math.Pow(t, 3))
                    - (0.0004473624 * Math.Pow(t, 4)) + (Math.Pow(t, 5) / 233174);
            case < 1920:
                t = y - 1900;
                return -2.79 + (1.494119 * t) - (0.0598939 * Math.Pow(t, 2)) + (0.0061966 * Math.Pow(t, 3))
                    - (0.000197 * Math.Pow(t, 4));
            case < 1941:
                t = y - 1920;
                return 21.20 + (0.84493 * t) - (0.076100 * Math.Pow(t, 2)) + (0.0020936 * Math.Pow(t, 3));
            case < 1961:
                t = y - 1950;
                return 29.07 + (0.407 * t) - (Math.Pow(t, 2) / 233) + (Math.Pow(t, 3) / 2547);
            case < 1986:
                t = y - 1975;
                return 45.45 + (1.067 * t) - (Math.Pow(t, 2) / 260) - (Math.Pow(t, 3) / 718);
            case < 2005:
                t = y - 2000;
                return 63.86 + (0.3345 * t) - (0.060374 * Math.Pow(t, 2)) + (0.0017275 * Math.Pow(t, 3))
                    + (0.000651814 * Math.Pow(t, 4)) + (0.00002373599 * Math.Pow(t, 5));
            case < 2050:
                t = y - 2000;
                return 62.92 + (0.32217 * t) + (0.005589 * t * t);
            case < 2150:
            {
                double u = (y - 1820) / 100;
                return -20 + (32 * u * u) - (0.5628 * (2150 - y));
            }
            default:
            {
                double u = (y - 1820) / 100;
                return -20 + (32 * u * u);
            }
        }
    }

    private static double Radians(double degrees) => (degrees % 360.0) * DegreesToRadians;

    private static double SinDeg(double degrees) => Math.Sin(Radians(degrees));
}
