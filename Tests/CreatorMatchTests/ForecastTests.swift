import Foundation
import Testing

@testable import CreatorMatch
@testable import CreatorMatchIO

@Suite("ROI forecast, bands and the portfolio Monte Carlo")
struct ForecastTests {
  static func economicsBrief(_ economics: String, audience: String = "") throws -> CampaignBrief {
    try Fixtures.brief(
      #"{"id": "roi", "goal": "conversions", "economics": {\#(economics)}\#(audience)}"#)
  }

  /// One micro instagram creator with a USD rate card and no engagement data (lift 1).
  static func singleCreatorTable(price: Double = 300, extra: [Creator] = []) -> CreatorTable {
    var creator = Fixtures.creator("x", followers: 20_000)
    creator.pricePerPost = price
    creator.currency = "USD"
    return Fixtures.table([creator] + extra)
  }

  static let baseEconomics = """
    "currency": "USD", "posts_per_creator": 2, "average_order_value": 100, "gross_margin": 0.5,
    "click_through_rate": 0.01, "conversion_rate": 0.02, "repeat_purchases": 1,
    "fixed_cost_per_creator": 50
    """

  @Test("a hand-computed funnel matches to the cent")
  func handFunnel() throws {
    let table = Self.singleCreatorTable()
    // The brief's reach rate keeps the funnel in round numbers (the default reach of 20,000
    // followers is interpolated: see PriceEstimateTests).
    let brief = try Self.economicsBrief(Self.baseEconomics + #", "reach_rate": 0.22"#)
    let plan = try #require(BriefPlan(brief: brief, table: table).forecast)
    let f = plan.forecast(row: 0, onTargetShare: 1, table: table)
    // I = 20,000 × 0.22; clicks = 2 × I × 1 × 1 × 0.01 × 1; conversions × 0.02; revenue × 100;
    // profit × 0.5 × (1 + 1); cost = 2 × 300 + 50.
    #expect(abs(f.impressionsPerPost - 4_400) < 0.005)
    #expect(abs(f.clicks - 88) < 0.005)
    #expect(abs(f.conversions - 1.76) < 0.00005)
    #expect(abs(f.revenue - 176) < 0.005)
    #expect(abs(f.lifetimeProfit - 176) < 0.005)
    #expect(abs(f.cost - 650) < 0.005)
    #expect(f.priceSource == .rateCard)
    #expect(abs(f.roiP50 - -0.729_230_769_230_769_2) < 1e-12)
    #expect(abs(f.roas - 0.270_769_230_769_230_76) < 1e-12)
    #expect(abs(f.cpm - 73.86) < 0.005)
    #expect(abs(f.cpa - 369.32) < 0.005)
    #expect(abs(f.cpe - 0.57) < 0.005)
    // s = √(0.5² + 0.5² + 0.5² + 0.25 × 0.36): impressions, CTR, CVR, and the prior posterior.
    #expect(abs(f.logSD - 0.916_515_138_991_168) < 1e-12)
    #expect(abs(f.roiP10 - -0.916_344_640_165_481_9) < 1e-9)
    #expect(abs(f.roiP90 - -0.123_594_991_685_050_73) < 1e-9)
    #expect(abs(f.probabilityOfProfit - 0.077_006_984_533_397_44) < 1e-9)
  }

  @Test("the closed-form band and the Monte Carlo agree within 1% at 200,000 samples")
  func monteCarloAgrees() throws {
    // A profitable creator so that every quantile is far from 0 and a relative check is meaningful.
    let table = Self.singleCreatorTable(price: 5)
    let brief = try Self.economicsBrief(
      Self.baseEconomics.replacingOccurrences(
        of: "\"fixed_cost_per_creator\": 50", with: "\"fixed_cost_per_creator\": 0"))
    let plan = try #require(BriefPlan(brief: brief, table: table).forecast)
    let f = plan.forecast(row: 0, onTargetShare: 1, table: table)
    #expect(f.roiP10 > 1)
    let result = PortfolioSimulation.run(
      [PortfolioSimulation.Member(id: "x", forecast: f)], briefID: "roi", samples: 200_000, seed: 42
    )
    #expect(abs(result.roi.p10 / f.roiP10 - 1) < 0.01)
    #expect(abs(result.roi.p50 / f.roiP50 - 1) < 0.01)
    #expect(abs(result.roi.p90 / f.roiP90 - 1) < 0.01)
    #expect(abs(result.probabilityOfProfit - f.probabilityOfProfit) < 0.002)
  }

  @Test("P(ROI > 0) agrees with the Monte Carlo for an estimated price, too")
  func estimatedPriceAgrees() throws {
    var creator = Fixtures.creator("y", followers: 50_000)
    creator.platform = .tiktok
    creator.engagement.views = 30_000
    let table = Fixtures.table([creator])
    let brief = try Self.economicsBrief(
      #""currency": "USD", "average_order_value": 80, "gross_margin": 0.6, "repeat_purchases": 3"#)
    let plan = try #require(BriefPlan(brief: brief, table: table).forecast)
    let f = plan.forecast(row: 0, onTargetShare: 1, table: table)
    #expect(f.priceSource == .estimated)
    // No creator, audience or brief country: US rates with the unknown market's error 0.5 added
    // in variance to the estimate's 0.4.
    #expect(abs(f.costLogSD - (0.4 * 0.4 + 0.5 * 0.5).squareRoot()) < 1e-15)
    let result = PortfolioSimulation.run(
      [PortfolioSimulation.Member(id: "y", forecast: f)], briefID: "roi", samples: 200_000, seed: 7)
    #expect(abs(result.probabilityOfProfit - f.probabilityOfProfit) < 0.005)
    #expect(abs((1 + result.roi.p50) / (1 + f.roiP50) - 1) < 0.01)
  }

  @Test("the same seed gives identical results on 1 and on 4 threads; another seed does not")
  func seededDeterminism() throws {
    let creators = DatasetGenerator(seed: 9).creators(count: 400).map(\.creator)
    let table = Fixtures.table(creators)
    let brief = try Self.economicsBrief(
      #""currency": "EUR", "average_order_value": 60, "gross_margin": 0.5, "repeat_purchases": 2"#)
    let plan = BriefPlan(brief: brief, table: table)
    let forecastPlan = try #require(plan.forecast)
    let members = (0..<25).map { row in
      PortfolioSimulation.Member(
        id: table.ids[row],
        forecast: forecastPlan.forecast(row: row, onTargetShare: 0.5, table: table))
    }
    let one = PortfolioSimulation.run(members, briefID: "b", samples: 50_000, seed: 3, threads: 1)
    let four = PortfolioSimulation.run(members, briefID: "b", samples: 50_000, seed: 3, threads: 4)
    let other = PortfolioSimulation.run(members, briefID: "b", samples: 50_000, seed: 4, threads: 4)
    #expect(one == four)
    #expect(one != other)
    // Shared brand-level error: a portfolio's ROI spread stays wide (no false diversification).
    #expect(
      one.roi.p90 - one.roi.p10 > 0.5 * (members[0].forecast.roiP90 - members[0].forecast.roiP10)
        / 2)
  }

  struct Sensitivity: Sendable, CustomStringConvertible {
    var field: String
    var low: String
    var high: String
    var rises: Bool
    var description: String { field }
  }

  @Test(
    "ROI rises with AOV, margin and CVR and falls with price",
    arguments: [
      Sensitivity(field: "average_order_value", low: "50", high: "120", rises: true),
      Sensitivity(field: "gross_margin", low: "0.3", high: "0.8", rises: true),
      Sensitivity(field: "conversion_rate", low: "0.01", high: "0.05", rises: true),
      Sensitivity(field: "repeat_purchases", low: "0", high: "3", rises: true),
      Sensitivity(field: "fixed_cost_per_creator", low: "0", high: "200", rises: false),
    ])
  func monotone(sensitivity: Sensitivity) throws {
    let table = Fixtures.table(DatasetGenerator(seed: 4).creators(count: 200).map(\.creator))
    func forecasts(_ value: String) throws -> [CreatorForecast] {
      var fields = [
        "average_order_value": "100", "gross_margin": "0.5", "conversion_rate": "0.02",
        "repeat_purchases": "1", "fixed_cost_per_creator": "10",
      ]
      fields[sensitivity.field] = value
      let economics = fields.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ")
      let plan = try #require(
        BriefPlan(brief: try Self.economicsBrief(economics), table: table).forecast)
      return (0..<table.count).map { plan.forecast(row: $0, onTargetShare: 0.4, table: table) }
    }
    for (low, high) in zip(try forecasts(sensitivity.low), try forecasts(sensitivity.high)) {
      if sensitivity.rises {
        #expect(high.roiP50 > low.roiP50 && high.probabilityOfProfit >= low.probabilityOfProfit)
      } else {
        #expect(high.roiP50 < low.roiP50 && high.probabilityOfProfit <= low.probabilityOfProfit)
      }
    }
  }

  @Test("ROI falls as the creator's price rises")
  func priceMonotone() throws {
    let brief = try Self.economicsBrief(Self.baseEconomics)
    var previous = Double.infinity
    for price in [50.0, 100, 300, 1_000, 5_000] {
      let table = Self.singleCreatorTable(price: price)
      let plan = try #require(BriefPlan(brief: brief, table: table).forecast)
      let roi = plan.forecast(row: 0, onTargetShare: 1, table: table).roiP50
      #expect(roi < previous)
      previous = roi
    }
  }

  @Test("a rate card in another currency is converted at the reference rate")
  func currencyConversion() throws {
    var creator = Fixtures.creator("z", followers: 20_000)
    creator.pricePerPost = 1_000
    creator.currency = "PLN"
    let table = Fixtures.table([creator])
    let brief = try Self.economicsBrief(
      #""currency": "EUR", "average_order_value": 50, "gross_margin": 0.5"#)
    let f = try #require(BriefPlan(brief: brief, table: table).forecast).forecast(
      row: 0, onTargetShare: 1, table: table)
    #expect(f.priceSource == .convertedRateCard)
    #expect(abs(f.pricePerPost - 1_000 * 0.86 / 3.66) < 1e-9)
  }

  @Test("bots do not buy and bought engagement earns no lift")
  func fraudDoesNotImproveTheForecast() throws {
    var honest = Fixtures.creator("h", followers: 20_000)
    honest.pricePerPost = 300
    honest.currency = "USD"
    var bots = honest
    bots.id = "b"
    bots.audience.realShare = 0.5
    let table = Fixtures.table([honest, bots])
    let plan = try #require(
      BriefPlan(brief: try Self.economicsBrief(Self.baseEconomics), table: table).forecast)
    let clean = plan.forecast(row: 0, onTargetShare: 1, table: table)
    let botty = plan.forecast(row: 1, onTargetShare: 1, table: table)
    #expect(abs(botty.clicks - clean.clicks / 2) < 1e-9)
  }

  @Test(
    "economics out of range are errors naming the JSON path",
    arguments: [
      (#""average_order_value": -5, "gross_margin": 0.5"#, "$.economics.average_order_value"),
      (#""average_order_value": 50, "gross_margin": 1.4"#, "$.economics.gross_margin"),
      (
        #""average_order_value": 50, "gross_margin": 0.5, "conversion_rate": 1.5"#,
        "$.economics.conversion_rate"
      ),
      (#""average_order_value": 50, "gross_margin": 0.5, "budget": 0"#, "$.economics.budget"),
      (
        #""average_order_value": 50, "gross_margin": 0.5, "posts_per_creator": 0"#,
        "$.economics.posts_per_creator"
      ),
      (#""gross_margin": 0.5"#, "$.economics.average_order_value"),
      (
        ##""average_order_value": 50, "gross_margin": 0.5, "currency": "zloty""##,
        "$.economics.currency"
      ),
      (#""average_order_value": 50, "gross_margin": 0.5, "margin": 0.4"#, "$.economics.margin"),
    ])
  func economicsValidation(economics: String, path: String) {
    do {
      _ = try Self.economicsBrief(economics)
      Issue.record("expected an error for \(economics)")
    } catch let error as JSONDocumentError {
      #expect(error.path == path, "\(error)")
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test("a brief's top past the --top cap is an error at $.top; the cap itself is accepted")
  func briefTopCap() throws {
    #expect(
      try Fixtures.brief(#"{"id": "a", "goal": "awareness", "top": 1000000}"#).top == 1_000_000)
    do {
      _ = try Fixtures.brief(#"{"id": "a", "goal": "awareness", "top": 10000000000}"#)
      Issue.record("expected an error for top 10000000000")
    } catch let error as JSONDocumentError {
      #expect(error.path == "$.top", "\(error)")
      #expect("\(error)".contains("must be at most 1000000"), "\(error)")
    }
  }

  @Test("value joins the score only with economics, and the plan says when it is left out")
  func valueComponent() throws {
    let table = Fixtures.table(DatasetGenerator(seed: 4).creators(count: 300).map(\.creator))
    let without = BriefPlan(
      brief: try Fixtures.brief(#"{"id": "a", "goal": "conversions"}"#), table: table)
    #expect(without.weights.value == 0)
    #expect(without.notes.contains(.valueWithoutEconomics))
    let with = BriefPlan(brief: try Self.economicsBrief(Self.baseEconomics), table: table)
    #expect(abs(with.weights.value - 0.30 / 0.55) < 1e-12)
    let ranking = Ranker(table: table).rank(with, top: 5)
    for row in ranking.rows {
      #expect(row.components.value == row.forecast?.probabilityOfProfit)
    }
  }
}
