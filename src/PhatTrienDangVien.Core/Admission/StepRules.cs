namespace PhatTrienDangVien.Core.Admission;

/// <summary>The rule values a recorded step ran under, read from its snapshot.</summary>
internal static class StepRules
{
    /// <summary>
    /// The value of <paramref name="key"/> in the step's snapshot; for a step recorded before the key existed,
    /// the value <paramref name="book"/> (the defaults when null) gives for the step's date.
    /// </summary>
    public static int Value(StepRecord step, string key, RuleBook? book = null) =>
        RuleSet.ReadSnapshot(step.RulesSnapshot).TryGetValue(key, out decimal value)
            ? decimal.ToInt32(value)
            : decimal.ToInt32((book ?? RuleBook.Defaults).At(step.Date)[key].Value);
}
