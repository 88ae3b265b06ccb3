import Testing

@testable import CreatorMatch
@testable import CreatorMatchIO

@Suite("Number formats of creator exports")
struct HumanNumberTests {
  @Test(
    "reads the formats real exports use",
    arguments: [
      ("12345", 12_345.0, false), ("12,345", 12_345, false), ("1,234,567", 1_234_567, false),
      ("1.234.567", 1_234_567, false), ("12 345", 12_345, false), ("12\u{00A0}345", 12_345, false),
      ("3,4", 3.4, false), ("0,123", 0.123, false), ("1.234,5", 1_234.5, false),
      ("1,234.5", 1_234.5, false), ("12.3K", 12_300, false), ("12.3k", 12_300, false),
      ("4.5M", 4_500_000, false), ("475.8m", 475_800_000, false), ("1.2B", 1_200_000_000, false),
      ("0.11k", 110, false), ("3.4%", 0.034, true), ("1.39%", 0.0139, true), ("-5", -5, false),
      ("$1,200", 1_200, false), ("€12.50", 12.5, false), ("1e3", 1_000, false), (" 42 ", 42, false),
    ])
  func readsFormats(text: String, expected: Double, isPercent: Bool) {
    #expect(HumanNumber.parse(text) == .value(expected, isPercent: isPercent))
  }

  @Test("powers of ten are exact from 10⁰ to 10²², as decimal scaling needs")
  func powersOfTen() {
    for exponent in 0...22 {
      #expect(HumanNumber.powerOfTen(exponent) == Double("1e\(exponent)"), "10^\(exponent)")
    }
    // Every decimal count a plain number can have, through the parser.
    #expect(HumanNumber.parse("0.000000000000001") == .value(1e-15, isPercent: false))
    #expect(HumanNumber.parse("12.3456789012345") == .value(12.3456789012345, isPercent: false))
    #expect(HumanNumber.parse("1.5e21") == .value(1.5e21, isPercent: false))
  }

  @Test(
    "blank and missing markers are missing",
    arguments: ["", "  ", "NaN", "nan", "N/A", "n/a", "-", "null", "None", "NaN%"])
  func missingMarkers(text: String) {
    #expect(HumanNumber.parse(text) == .missing)
  }

  @Test(
    "text that is not a number is invalid",
    arguments: ["abc", "12abc", "1,23,4", "1.2.3,4.5", "--5", "%", "1e"])
  func invalid(text: String) {
    #expect(HumanNumber.parse(text) == .invalid)
  }
}
