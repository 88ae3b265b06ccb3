import Foundation
import Testing

@testable import CreatorMatch

@Suite("Default prices: continuous in followers, scaled to the creator's market")
struct PriceEstimateTests {
  static let boundaries: [Double] = [10_000, 100_000, 500_000, 1_000_000]

  @Test("the price per post is continuous at every former tier boundary (±1 follower within 1%)")
  func continuousAtBoundaries() {
    for platform in Platform.allCases {
      for boundary in Self.boundaries {
        let below = PriceEstimate.pricePerPost(platform: platform, followers: boundary - 1)
        let above = PriceEstimate.pricePerPost(platform: platform, followers: boundary + 1)
        #expect(abs(above / below - 1) < 0.01, "\(platform) at \(boundary)")
        #expect(above >= below, "\(platform) at \(boundary)")
      }
    }
  }

  @Test("the price per post increases with followers on every platform")
  func monotone() {
    for platform in Platform.allCases {
      var previous = 0.0
      var followers = 100.0
      while followers < 20_000_000 {
        let price = PriceEstimate.pricePerPost(platform: platform, followers: followers)
        #expect(price > previous, "\(platform) at \(followers)")
        previous = price
        followers *= 1.01
      }
    }
  }

  @Test("at each anchor account the price is the published range midpoint")
  func anchorsAreMidpoints() {
    // Instagram: $10–100 → 55 (5k), $100–500 → 300 (40k), $500–5k → 2,750 (250k),
    // $5k–10k → 7,500 (750k), $10k+ → 25,000 (3M); the CPM table is rounded to 0.1.
    let midpoints = [55.0, 300, 2_750, 7_500, 25_000]
    for (anchor, midpoint) in zip(PriceEstimate.anchorFollowers, midpoints) {
      let price = PriceEstimate.pricePerPost(platform: .instagram, followers: anchor)
      #expect(abs(price / midpoint - 1) < 0.002, "\(anchor)")
    }
    #expect(
      abs(PriceEstimate.pricePerPost(platform: .instagram, followers: 40_000) - 300.08) < 1e-9)
  }

  @Test("a hand-computed estimate: Instagram, 20,000 followers, India, in INR")
  func handComputedIndia() throws {
    // 20,000 is t = 2/3 of the way from 5k to 40k in ln(followers); the Hermite weights are
    // 7/27 (5k value), 2/27·h·m₀, 20/27 (40k value), −4/27·h·m₁ with h = ln 8. ln CPM has slope
    // 0 at 5k (the end) and at 40k (it turns upward there), so CPM = 36.7^(7/27) · 34.1^(20/27)
    // = 34.7558…; ln reach has slope 0 at 5k and at 40k the Fritsch–Butland mean m₁ of the
    // secants ln(0.22/0.30)/ln 8 and ln(0.15/0.22)/ln 6.25, so
    // reach = exp(7/27·ln 0.30 + 20/27·ln 0.22 − 4/27·ln 8·m₁) = 0.251603…;
    // price = CPM × 20,000 × reach / 1,000 = USD 174.8936…, × India's price level 0.29
    // × 88.5 INR per USD = INR 4,488.6437…
    let cpm = pow(36.7, 7.0 / 27) * pow(34.1, 20.0 / 27)
    #expect(abs(PriceEstimate.cpm(platform: .instagram, followers: 20_000) - cpm) < 1e-9)
    #expect(abs(cpm - 34.755_839_168_7) < 1e-9)
    let (h0, h1) = (log(8.0), log(6.25))
    let (d0, d1) = (log(0.22 / 0.30) / h0, log(0.15 / 0.22) / h1)
    let (w1, w2) = (2 * h1 + h0, h1 + 2 * h0)
    let m1 = (w1 + w2) / (w1 / d0 + w2 / d1)
    let reach = exp(7.0 / 27 * log(0.30) + 20.0 / 27 * log(0.22) - 4.0 / 27 * h0 * m1)
    #expect(abs(PriceEstimate.reachRate(followers: 20_000) - reach) < 1e-12)
    #expect(abs(reach - 0.251_603_161_636) < 1e-11)
    var creator = Fixtures.creator("in1", followers: 20_000)
    creator.country = "IN"
    let table = Fixtures.table([creator])
    let brief = try Fixtures.brief(
      #"{"id": "in", "goal": "conversions", "economics": {"currency": "INR", "#
        + #""average_order_value": 1500, "gross_margin": 0.4}}"#)
    let plan = try #require(BriefPlan(brief: brief, table: table).forecast)
    let f = plan.forecast(row: 0, onTargetShare: 1, table: table)
    #expect(f.priceSource == .estimated)
    #expect(abs(f.pricePerPost - 4_488.643_741_042) < 1e-6)
    // The listed market adds 0.3 to the estimate's 0.4: √(0.16 + 0.09) = 0.5.
    #expect(abs(f.costLogSD - 0.5) < 1e-15)
    #expect(plan.market(row: 0, table: table).source == .creatorCountry)
  }

  @Test("the market is the creator's country, else its audience's top country, else the brief's")
  func marketOrder() throws {
    var own = Fixtures.creator("own", followers: 30_000)
    own.country = "DE"
    own.audience.countries = Distribution(entries: [
      .init(key: "BR", share: 0.7), .init(key: "DE", share: 0.3),
    ])
    var audience = Fixtures.creator("aud", followers: 30_000)
    audience.audience.countries = Distribution(entries: [
      .init(key: "BR", share: 0.7), .init(key: "DE", share: 0.3),
    ])
    let none = Fixtures.creator("none", followers: 30_000)
    var unlisted = Fixtures.creator("unl", followers: 30_000)
    unlisted.country = "IS"
    var american = Fixtures.creator("us", followers: 30_000)
    american.country = "US"
    let table = Fixtures.table([own, audience, none, unlisted, american])
    let brief = try Fixtures.brief(
      #"{"id": "m", "goal": "conversions", "audience": {"countries": ["PL"]}, "#
        + #""economics": {"currency": "USD", "average_order_value": 50, "gross_margin": 0.5}}"#)
    let plan = try #require(BriefPlan(brief: brief, table: table).forecast)
    let markets = (0..<5).map { plan.market(row: $0, table: table) }
    #expect(markets[0].country == "DE" && markets[0].source == .creatorCountry)
    #expect(markets[0].ratio == 0.77 && markets[0].logSD == 0.3)
    #expect(markets[1].country == "BR" && markets[1].source == .audienceCountry)
    #expect(markets[1].ratio == 0.50)
    #expect(markets[2].country == "PL" && markets[2].source == .briefMarket)
    #expect(markets[2].ratio == 0.42)
    #expect(markets[3].country == "IS" && !markets[3].listed)
    #expect(markets[3].ratio == MarketPriceLevel.fallbackRatio && markets[3].logSD == 0.5)
    #expect(markets[4].ratio == 1 && markets[4].logSD == 0)
    // Same followers and platform: the estimated prices differ by exactly the price levels.
    let prices = (0..<5).map { row in
      plan.forecast(row: row, onTargetShare: 1, table: table).pricePerPost
    }
    #expect(abs(prices[0] / prices[4] - 0.77) < 1e-12)
    #expect(abs(prices[1] / prices[4] - 0.50) < 1e-12)
    #expect(abs(prices[2] / prices[4] - 0.42) < 1e-12)
  }

  @Test("the value kernel's P(ROI > 0) is the detail path's closed form for estimated prices")
  func kernelMatchesDetail() throws {
    let countries: [String?] = ["IN", "US", "IS", nil, "DE"]
    var creators: [Creator] = []
    for (index, country) in countries.enumerated() {
      for followers in [9_999.0, 10_001, 99_999, 100_001, 2_000_000] {
        var creator = Fixtures.creator("c\(index)-\(Int(followers))", followers: followers)
        creator.country = country
        creators.append(creator)
      }
    }
    let table = Fixtures.table(creators)
    for market in [#""audience": {"countries": ["MX"]}, "#, ""] {
      let brief = try Fixtures.brief(
        #"{"id": "k", "goal": "conversions", "# + market
          + #""economics": {"currency": "EUR", "average_order_value": 60, "gross_margin": 0.5}}"#)
      let plan = try #require(BriefPlan(brief: brief, table: table).forecast)
      for row in 0..<table.count {
        let f = plan.forecast(row: row, onTargetShare: 1, table: table)
        let closed = ForecastPlan.band(profit: f.lifetimeProfit, cost: f.cost, logSD: f.logSD)
        #expect(abs(closed.probability - f.probabilityOfProfit) < 1e-9, "row \(row)")
      }
    }
  }

  @Test("the price-level table reproduces its sources: PPP 2022 ÷ exchange rate 2022")
  func tableFromSources() {
    // World Bank PA.NUS.PPP 2022 (LCU per international $) and PA.NUS.FCRF 2022 (LCU per US$).
    let sources: [(String, Double, Double)] = [
      ("IN", 22.882_130_353_872_8, 78.604_490_582_991_6),
      ("DE", 0.728_312, 0.949_623_753_156_941),
      ("BR", 2.583_101_464_532_04, 5.163_970_291_021_11),
      ("JP", 97.572_648, 131.498_140_443_764),
      ("GB", 0.681_26, 0.811_301_715_827_773),
      ("ID", 4_850.739_950_364_02, 14_849.853_936_210_5),
      ("PL", 1.887_557, 4.457_758_333_333_33),
    ]
    for (code, ppp, rate) in sources {
      let ratio = (ppp / rate * 100).rounded() / 100
      #expect(MarketPriceLevel.ratios[code] == ratio, "\(code)")
    }
    let sorted = MarketPriceLevel.ratios.values.sorted()
    #expect(sorted[sorted.count / 2] == MarketPriceLevel.fallbackRatio)
    #expect(MarketPriceLevel.ratios["US"] == 1)
  }
}
