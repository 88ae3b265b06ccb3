/// Default cost per 1,000 impressions (CPM, in USD) by platform and tier, used when a creator's
/// rate card is unknown; such prices are flagged `price_estimated` (<doc:ROIForecast#Prices>).
///
/// Derived from Influencer Marketing Hub's published per-post rate ranges ("Influencer Rates",
/// 2024: Instagram nano $10–100, micro $100–500, mid $500–5k, macro $5k–10k, mega $10k+; TikTok
/// $5–25, $25–125, $125–1.25k, $1.25k–2.5k, $2.5k+; YouTube $20–200, $200–1k, $1k–10k, $10k–20k,
/// $20k+): each range's midpoint (mega: 2.5× its floor) divided by the impressions of a typical
/// account of the tier (5k, 40k, 250k, 750k, 3M followers × the tier reach rate), times 1,000.
/// Other platforms borrow a related table (noted in the README).
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

  static let instagram: [Double] = [36.7, 34.1, 73.3, 83.3, 83.3]
  static let tiktok: [Double] = [10.0, 8.5, 18.3, 20.8, 20.8]
  static let youtube: [Double] = [73.3, 68.2, 146.7, 166.7, 166.7]

  /// Share of followers who see a post, by tier: nano 0.30, micro 0.22, mid 0.15,
  /// macro 0.12, mega 0.10.
  public static func reachRate(tier: Tier) -> Double {
    [0.30, 0.22, 0.15, 0.12, 0.10][tier.ordinal]
  }

  /// The log-scale standard deviation of an estimated price (a CPM-based price is typically
  /// within ×/÷ 1.5 of the quote a creator gives).
  public static let estimatedPriceLogSD = 0.4
}
