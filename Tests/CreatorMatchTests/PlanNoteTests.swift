import Foundation
import Testing

@testable import CreatorMatch
@testable import CreatorMatchIO

/// The core compiles briefs into typed notes; CreatorMatchIO words them. Each test checks both:
/// the note a brief produces, and its text exactly as the core used to write it.
@Suite("Plan notes: typed in the core, worded by the I/O module")
struct PlanNoteTests {
  /// Creators without text or audience data, so every keyword is unused and every audience
  /// dimension has no data.
  static let table = Fixtures.table((0..<20).map { Fixtures.creator("c\($0)") })

  static func plan(_ json: String, edit: (inout CampaignBrief) -> Void = { _ in }) throws
    -> BriefPlan
  {
    var brief = try Fixtures.brief(json)
    edit(&brief)
    return BriefPlan(brief: brief, table: table)
  }

  @Test("components without input: value, niche and audience left out, in that order")
  func componentsLeftOut() throws {
    let plan = try Self.plan(#"{"id": "a", "goal": "conversions"}"#)
    #expect(plan.notes == [.valueWithoutEconomics, .nicheWithoutQuery, .audienceWithoutTarget])
    #expect(
      plan.notes.map(\.text) == [
        "value left out of the score: the brief has no economics",
        "niche left out of the score: the brief has no keywords or categories",
        "audience left out of the score: the brief targets no audience",
      ])
    #expect(plan.tableNotes.isEmpty)
  }

  @Test("no weighted component has input: the score falls back to engagement and authenticity")
  func noWeightedInput() throws {
    let plan = try Self.plan(
      #"{"id": "w", "goal": "awareness", "weights": {"engagement": 0, "authenticity": 0, "#
        + #""value": 0, "niche": 1, "audience": 1}}"#)
    #expect(plan.notes == [.nicheWithoutQuery, .audienceWithoutTarget, .noWeightedInput])
    #expect(
      plan.notes.last?.text
        == "no weighted component has input; scoring on engagement and authenticity")
    #expect(plan.weights.engagement == 0.5 && plan.weights.authenticity == 0.5)
  }

  @Test("a keyword with no indexable words")
  func keywordWithoutWords() throws {
    let plan = try Self.plan(
      #"{"id": "k", "goal": "awareness", "niche": {"keywords": ["!!!", "yoga"]}}"#)
    #expect(plan.notes.contains(.keywordWithoutWords("!!!")))
    #expect(
      PlanNote.keywordWithoutWords("!!!").text
        == #"keyword "!!!" has no indexable words and is ignored"#)
  }

  @Test("a category not in the taxonomy")
  func categoryNotInTaxonomy() throws {
    let plan = try Self.plan(
      #"{"id": "c", "goal": "awareness", "niche": {"categories": ["basket weaving"]}}"#)
    #expect(plan.notes.contains(.categoryNotInTaxonomy("basket weaving")))
    #expect(
      PlanNote.categoryNotInTaxonomy("basket weaving").text
        == #"category "basket weaving" is not in the built-in taxonomy; its words are used as "#
        + "keywords")
  }

  @Test("keyword tokens no creator uses, each once, in the brief's order")
  func keywordTokensUnused() throws {
    let plan = try Self.plan(
      #"{"id": "u", "goal": "awareness", "niche": {"keywords": ["yoga mats", "pilates", "yoga"]}}"#
    )
    #expect(plan.notes.contains(.keywordTokensUnused(["yoga", "mats", "pilates"])))
    #expect(
      PlanNote.keywordTokensUnused(["yoga", "mats", "pilates"]).text
        == #"no creator's text contains "yoga", "mats", "pilates""#)
    #expect(PlanNote.keywordTokensUnused(["yoga"]).text == #"no creator's text contains "yoga""#)
  }

  @Test("an audience dimension without data, and country shares estimated from a weaker source")
  func audienceNote() throws {
    let plan = try Self.plan(#"{"id": "g", "goal": "awareness", "audience": {"gender": "female"}}"#)
    let expected =
      "no creator in the population has audience gender data: not scored (counts as fully on "
      + "target)"
    #expect(plan.notes.contains(.audienceDimensionWithoutData(.gender)))
    #expect(PlanNote.audienceDimensionWithoutData(.gender).text == expected)
    #expect(
      PlanNote.countryShareEstimated(from: .topCountries, topShare: 0.55).text
        == "no creator has a full audience country distribution: target share estimated from "
        + "top audience countries (the top one holding 55%); estimates rank by their lower bound")
    #expect(
      PlanNote.countryShareEstimated(from: .uninformed, topShare: 0.5).text
        == "no creator has a full audience country distribution: target share estimated from "
        + "nothing: 5% per target country; estimates rank by their lower bound")
  }

  @Test("default CTR and CVR, quoted from the defaults' values")
  func defaultRates() throws {
    let plan = try Self.plan(
      #"{"id": "r", "goal": "conversions", "economics": {"currency": "USD", "#
        + #""average_order_value": 100, "gross_margin": 0.5}}"#)
    let forecast = try #require(plan.forecast)
    #expect(forecast.notes == [.defaultClickThroughRate(0.009), .defaultConversionRate(0.02)])
    #expect(
      forecast.notes.map(\.text) == [
        "CTR not in the brief: default 0.9% used", "CVR not in the brief: default 2% used",
      ])
    // The forecast's notes are the plan's too.
    #expect(plan.notes.suffix(2) == forecast.notes[...])
    #expect(
      PlanNote.defaultClickThroughRate(0.0125).text == "CTR not in the brief: default 1.25% used")
  }

  @Test("no exchange rate for the brief's currency")
  func missingExchangeRate() throws {
    let plan = try Self.plan(
      #"{"id": "x", "goal": "conversions", "economics": {"currency": "XYZ", "#
        + #""average_order_value": 100, "gross_margin": 0.5, "click_through_rate": 0.01, "#
        + #""conversion_rate": 0.03}}"#)
    let forecast = try #require(plan.forecast)
    #expect(forecast.notes == [.missingExchangeRate(currency: "XYZ")])
    #expect(
      forecast.notes[0].text
        == "no exchange rate for XYZ: estimated prices assume 1 USD = 1 XYZ; pass --fx XYZ=RATE")
  }

  @Test("an excluded category not in the taxonomy")
  func excludedCategoryNotInTaxonomy() throws {
    // The decoder rejects such labels; a brief built in code can still carry one.
    let plan = try Self.plan(#"{"id": "e", "goal": "awareness"}"#) {
      $0.niche.excludeCategories = ["basket weaving"]
    }
    #expect(plan.notes.contains(.excludedCategoryNotInTaxonomy("basket weaving")))
    #expect(
      PlanNote.excludedCategoryNotInTaxonomy("basket weaving").text
        == #"excluded category "basket weaving" is not in the built-in taxonomy and is ignored"#)
  }

  @Test("exclude_ids not in the table are a table note with their count")
  func excludedIDsNotInTable() throws {
    let plan = try Self.plan(
      #"{"id": "i", "goal": "awareness", "constraints": {"exclude_ids": ["c1", "zz", "yy"]}}"#)
    #expect(plan.tableNotes == [.excludedIDsNotInTable(2)])
    #expect(!plan.notes.contains(.excludedIDsNotInTable(2)))
    #expect(
      plan.tableNotes[0].text == "2 of the brief's exclude_ids are not in the creator table")
  }

  @Test("forecast assumptions and their sources in words")
  func assumptions() throws {
    let defaults = try #require(
      try Self.plan(
        #"{"id": "d", "goal": "conversions", "economics": {"average_order_value": 100, "#
          + #""gross_margin": 0.5}}"#
      ).forecast)
    #expect(
      defaults.assumptions.map { "\($0.label): \($0.sourceText)" } == [
        "average order value: brief", "gross margin: brief", "click-through rate: default 0.9%",
        "conversion rate: default 2%", "reach rate: default by followers",
        "repeat purchases: brief or 0", "posts per creator: brief or 1",
      ])
    let given = try #require(
      try Self.plan(
        #"{"id": "b", "goal": "conversions", "economics": {"average_order_value": 100, "#
          + #""gross_margin": 0.5, "click_through_rate": 0.01, "conversion_rate": 0.03, "#
          + #""reach_rate": 0.2}}"#
      ).forecast)
    #expect(given.assumptions.allSatisfy { $0.sourceText.hasPrefix("brief") })
    #expect(given.assumptions.map(\.input) == ForecastAssumption.Input.allCases)
  }

  @Test("filter reasons keep their machine ids in the core and read as before")
  func filterReasonPhrases() {
    #expect(
      FilterReason.allCases.map(\.rawValue) == [
        "platform", "followers", "tier", "creator-country", "excluded-id", "authenticity",
        "sponsored-share", "excluded-term", "account-type", "excluded-category",
      ])
    #expect(
      FilterReason.allCases.map(\.phrase) == [
        "other platform", "followers out of range", "tier not allowed",
        "creator country not allowed", "excluded by id", "authenticity below minimum",
        "too many sponsored posts", "text contains an excluded term", "account type not allowed",
        "excluded category",
      ])
  }

  @Test("default numbers are quoted without trailing zeros")
  func quotedNumbers() {
    #expect(PlanNote.percent(0.009) == "0.9%")
    #expect(PlanNote.percent(0.02) == "2%")
    #expect(PlanNote.percent(0.1) == "10%")
    #expect(PlanNote.number(0) == "0")
    #expect(PlanNote.number(1) == "1")
    #expect(PlanNote.number(0.25) == "0.25")
  }
}
