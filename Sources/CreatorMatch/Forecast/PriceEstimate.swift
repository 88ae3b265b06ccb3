import Foundation

/// Default cost per 1,000 impressions (CPM, in USD) by platform and audience size, used when a
/// creator's rate card is unknown; such prices are flagged `price_estimated`
/// (<doc:ROIForecast#Prices>).
///
/// Derived from Influencer Marketing Hub's published per-post rate ranges ("Influencer Rates",
/// 2024: Instagram nano $10–100, micro $100–500, mid $500–5k, macro $5k–10k, mega $10k+; TikTok
/// $5–25, $25–125, $125–1.25k, $1.25k–2.5k, $2.5k+; YouTube $20–200, $200–1k, $1k–10k, $10k–20k,
/// $20k+): each range's midpoint (mega: 2.5× its floor) divided by the impressions of a typical
/// account of the tier (5k, 40k, 250k, 750k, 3M followers × the tier reach rate), times 1,000.
/// Other platforms borrow a related table (noted in the README).
///
/// Those figures are anchors, not steps: between two anchor accounts ln CPM and ln reach rate
/// are interpolated in ln(followers) by a monotone cubic (log-log, smooth, through every
/// anchor), and held constant beyond the first and last anchor, so the estimated price per post is continuous and increasing in followers and an
/// account just under a tier boundary costs what one just over it does. At each anchor the price
/// is exactly the published range midpoint.
///
/// The table is in US dollars of the US market; ``MarketPriceLevel`` scales it to the creator's
/// market.
public enum PriceEstimate {
  /// CPM in USD for a platform and tier.
  public static func cpm(platform: Platform, tier: Tier) -> Double {
    let table: [Double]
    switch platform {
    case .instagram, .facebook, .pinterest, .other: table = instagram
    case .tiktok: table = tiktok
    case .youtube, .twitch: table = youtube
    case .x: table = instagram.map { $0 * 0.5 }
    case .linkedin: table = instagram.map { $0 * 2 }
    }
    return table[tier.ordinal]
  }

  /// CPM in USD of the US market for a platform and a follower count: the tier CPMs of
  /// ``cpm(platform:tier:)`` placed at the ``anchorFollowers`` and interpolated log-log between
  /// them by a monotone cubic (constant outside), so it is smooth in followers.
  /// - Parameters:
  ///   - platform: The creator's platform.
  ///   - followers: The creator's followers (values below 1 are treated as 1).
  /// - Returns: The CPM in USD.
  public static func cpm(platform: Platform, followers: Double) -> Double {
    exp(cpmCurves[platform.ordinal].value(at: followers))
  }

  /// Per platform (by ordinal), the curve of ``cpm(platform:followers:)``.
  static let cpmCurves = Platform.allCases.map { platform in
    AnchorCurve { log(cpm(platform: platform, tier: Tier.allCases[$0])) }
  }

  /// Share of followers who see a post for a follower count: the tier reach rates of
  /// ``reachRate(tier:)`` placed at the ``anchorFollowers`` and interpolated log-log between
  /// them by a monotone cubic (constant outside). Continuous and decreasing in followers, while followers × rate
  /// still increases.
  /// - Parameter followers: The creator's followers (values below 1 are treated as 1).
  /// - Returns: The reach rate.
  public static func reachRate(followers: Double) -> Double {
    exp(reachCurve.value(at: followers))
  }

  /// The curve of ``reachRate(followers:)``.
  static let reachCurve = AnchorCurve { log(reachRate(tier: Tier.allCases[$0])) }

  /// The estimated price per post in USD of the US market for a creator without views:
  /// cpm(f) × f × reach(f) / 1,000. At an anchor account it is the published range midpoint.
  /// - Parameters:
  ///   - platform: The creator's platform.
  ///   - followers: The creator's followers.
  /// - Returns: The price per post in USD.
  public static func pricePerPost(platform: Platform, followers: Double) -> Double {
    cpm(platform: platform, followers: followers) * followers * reachRate(followers: followers)
      / 1_000
  }

  /// The follower counts of the typical accounts the tier figures describe, one per tier:
  /// 5k, 40k, 250k, 750k and 3M.
  public static let anchorFollowers: [Double] = [5_000, 40_000, 250_000, 750_000, 3_000_000]

  /// Interpolation in ln(followers) of `value(anchor index)` between the anchors, constant
  /// beyond the first and last: a monotone piecewise-cubic Hermite curve (Fritsch–Carlson, with
  /// Fritsch–Butland slopes), so the curve is smooth (no kink at an anchor that would pile the
  /// best-value creators onto exactly that follower count), passes through every anchor, never
  /// overshoots them, and is flat where the anchors change direction and at both ends.
  ///
  /// The nodes and slopes are computed once per table of anchor values: a table of a million
  /// creators evaluates a curve twice per row.
  struct AnchorCurve: Sendable {
    /// ln of the anchor follower counts, the values there, the intervals' widths and the
    /// slopes at the anchors.
    let xs: [Double]
    let ys: [Double]
    let widths: [Double]
    let slopes: [Double]

    init(_ value: (Int) -> Double) {
      let xs = PriceEstimate.anchorFollowers.map { log($0) }
      let ys = xs.indices.map(value)
      let widths = (0..<(xs.count - 1)).map { xs[$0 + 1] - xs[$0] }
      let secants = (0..<(xs.count - 1)).map { (ys[$0 + 1] - ys[$0]) / widths[$0] }
      var slopes = Array(repeating: 0.0, count: xs.count)
      for index in 1..<(xs.count - 1) {
        let left = secants[index - 1]
        let right = secants[index]
        guard left * right > 0 else { continue }
        let w1 = 2 * widths[index] + widths[index - 1]
        let w2 = widths[index] + 2 * widths[index - 1]
        slopes[index] = (w1 + w2) / (w1 / left + w2 / right)
      }
      self.xs = xs
      self.ys = ys
      self.widths = widths
      self.slopes = slopes
    }

    /// The curve at `followers` (below 1 and NaN count as 1).
    func value(at followers: Double) -> Double {
      let x = log(max(followers.isNaN ? 1 : followers, 1))
      guard x > xs[0] else { return ys[0] }
      guard x < xs[xs.count - 1] else { return ys[ys.count - 1] }
      var interval = 0
      while x > xs[interval + 1] { interval += 1 }
      let h = widths[interval]
      let t = (x - xs[interval]) / h
      let t2 = t * t
      let t3 = t2 * t
      return (2 * t3 - 3 * t2 + 1) * ys[interval] + (t3 - 2 * t2 + t) * h * slopes[interval]
        + (-2 * t3 + 3 * t2) * ys[interval + 1] + (t3 - t2) * h * slopes[interval + 1]
    }
  }

  static let instagram: [Double] = [36.7, 34.1, 73.3, 83.3, 83.3]
  static let tiktok: [Double] = [10.0, 8.5, 18.3, 20.8, 20.8]
  static let youtube: [Double] = [73.3, 68.2, 146.7, 166.7, 166.7]

  /// Share of followers who see a post, by tier: nano 0.30, micro 0.22, mid 0.15,
  /// macro 0.12, mega 0.10 (the typical account of each tier; forecasts use the continuous
  /// ``reachRate(followers:)``).
  public static func reachRate(tier: Tier) -> Double {
    [0.30, 0.22, 0.15, 0.12, 0.10][tier.ordinal]
  }

  /// The log-scale standard deviation of an estimated price in its market (a CPM-based price is
  /// typically within ×/÷ 1.5 of the quote a creator gives); the market scaling adds
  /// ``MarketPriceLevel/logSD(_:)`` in variance.
  public static let estimatedPriceLogSD = 0.4
}
