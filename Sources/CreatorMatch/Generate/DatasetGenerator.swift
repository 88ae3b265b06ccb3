import CreatorMatchSupport
import Foundation

/// Generates realistic synthetic creators, deterministically from a seed, calibrated to public
/// figures:
///
/// - Followers follow the empirical quantiles of Kim et al.'s Instagram influencer list
///   (WWW 2020; 33,935 accounts): median about 16k, 10% above 180k, 1% above 2M, a tail to ~96M.
/// - Instagram engagement rate by size follows HypeAuditor's 2018 medians (6.45% at 1–5k, 3.76% at
///   5–20k, 2.63% at 20–100k, 2.57% at 100k–1M, 2.56% above 1M), interpolated in log followers,
///   with a log-normal spread of 0.55 between creators and sampling noise of 0.5/√12 per average.
/// - TikTok and YouTube rates are by views (medians 7% and 3.5% of views); views per post are
///   35% and 12% of followers with log-normal spread.
/// - Audiences, bios and hashtags follow the creator's market (11 countries, 8 languages) and
///   niche (the built-in taxonomy); 4.5% of accounts carry a planted ``FraudPattern``.
///
/// Creator `i` depends only on the seed and `i`, so any prefix of a larger run is the smaller run.
///
/// ```swift
/// let generated = DatasetGenerator(seed: 7).creators(count: 2_000)
/// generated[0].creator.followers
/// ```
public struct DatasetGenerator: Sendable {
  /// The seed.
  public let seed: UInt64
  /// Platform mix: instagram, tiktok, youtube.
  public var platformWeights: [(Platform, Double)] = [
    (.instagram, 0.55), (.tiktok, 0.28), (.youtube, 0.17),
  ]

  /// Creates a generator.
  public init(seed: UInt64) {
    self.seed = seed
  }

  /// A generated creator and the fraud pattern planted in it, if any.
  public struct Generated: Sendable {
    /// The creator.
    public var creator: Creator
    /// The niche it was generated in.
    public var niche: String
    /// The planted fraud pattern.
    public var fraud: FraudPattern?
  }

  /// Kim et al. follower quantiles (cumulative share, followers).
  static let followerQuantiles: [(Double, Double)] = [
    (0, 1_000), (0.01, 1_065), (0.05, 1_347), (0.1, 1_870), (0.2, 3_605), (0.3, 6_633),
    (0.4, 10_978), (0.5, 16_125), (0.6, 24_755), (0.7, 40_351), (0.8, 73_675), (0.9, 179_761),
    (0.95, 416_805), (0.98, 1_102_359), (0.99, 2_085_034), (0.995, 3_817_906), (0.999, 11_557_402),
    (1, 96_476_007),
  ]

  /// HypeAuditor 2018 Instagram ER medians at band centres (geometric), followers → ER.
  static let instagramRateMedians: [(Double, Double)] = [
    (2_236, 0.0645), (10_000, 0.0376), (44_721, 0.0263), (316_228, 0.0257), (3_162_278, 0.0256),
  ]

  /// Niche mix (weights).
  static let nicheWeights: [(String, Double)] = [
    ("fashion", 16), ("beauty", 10), ("skincare", 6), ("fitness", 8), ("food", 9), ("travel", 9),
    ("family", 7), ("lifestyle", 8), ("tech", 4), ("gaming", 5), ("pets", 4), ("home", 4),
    ("music", 3), ("sports", 3), ("wellness", 2), ("finance", 1), ("photography", 1),
  ]

  /// Generates creators `0..<count` on all cores.
  public func creators(count: Int, threads requested: Int? = nil) -> [Generated] {
    let threads = ParallelBlocks.threadCount(requested)
    let blocks = ParallelBlocks(count: count, blockSize: 4_096)
    return blocks.map(threads: threads) { range in range.map { creator(index: $0) } }
      .flatMap { $0 }
  }

  /// Creator number `index`.
  public func creator(index: Int) -> Generated {
    var random = SeededRandom(seed: StableHash.mix(seed &+ 0x9E37_79B9 &* UInt64(index + 1)))
    let platform = platformWeights[random.weightedIndex(platformWeights.map(\.1))].0
    let market = Market.all[random.weightedIndex(Market.all.map(\.weight))]
    let nicheID = Self.nicheWeights[random.weightedIndex(Self.nicheWeights.map(\.1))].0
    // The core lists, so generated data does not change when the built-in lists grow.
    let niche = Taxonomy.core.niches.first { $0.id == nicheID } ?? Taxonomy.core.niches[0]
    var fraud: FraudPattern?
    let roll = random.nextUnit()
    var cumulative = 0.0
    for pattern in FraudPattern.allCases {
      cumulative += pattern.rate
      if roll < cumulative {
        fraud = pattern
        break
      }
    }

    let followersTrue = Self.interpolateFollowers(random.nextUnit())
    var followers = followersTrue.rounded()
    let id = "c" + String(format: "%06d", index)
    var creator = Creator(id: id, platform: platform, followers: followers)
    creator.handle = handle(
      random: &random, niche: nicheID, language: market.language, index: index)
    creator.country = market.country
    creator.language = market.language

    // Engagement: true log rate around the size curve, then sampling noise on the average.
    let posts = 12.0
    let trueLogRate: Double
    var views: Double?
    switch platform {
    case .tiktok:
      views = (followers * exp(log(0.35) + random.normal(mean: 0, sd: 0.8))).rounded()
      trueLogRate = log(0.07) + random.normal(mean: 0, sd: 0.55)
    case .youtube:
      views = (followers * exp(log(0.12) + random.normal(mean: 0, sd: 0.7))).rounded()
      trueLogRate = log(0.035) + random.normal(mean: 0, sd: 0.55)
    default:
      trueLogRate = log(Self.instagramRate(followers: followers)) + random.normal(mean: 0, sd: 0.55)
    }
    let observedRate = exp(trueLogRate + random.normal(mean: 0, sd: 0.5 / posts.squareRoot()))
    let basis = views ?? followers
    var engagements = observedRate * basis
    var commentShare = exp(random.normal(mean: log(0.025), sd: 0.5))
    var history = growthHistory(random: &random, current: followers)

    switch fraud {
    case .boughtFollowers:
      // A block of followers bought at some step: history jumps, real engagement does not.
      let jump = random.uniform(0.2, 0.6)
      let step = 3 + Int(random.next() % 7)
      history = jumpHistory(random: &random, current: followers, jump: jump, step: step)
      engagements /= (1 + jump) * random.uniform(1.5, 2.5)
    case .boughtLikes:
      engagements *= random.uniform(8, 14)
      commentShare = random.uniform(0.0002, 0.0012)
    case .engagementPod:
      engagements *= random.uniform(8, 14)
    case .giveaway:
      commentShare = random.uniform(0.6, 1.5)
    default:
      break
    }
    let likes = (engagements / (1 + commentShare + 0.02)).rounded()
    creator.engagement = EngagementStats(
      likes: likes, comments: (likes * commentShare).rounded(),
      shares: platform == .instagram ? nil : (likes * 0.02).rounded(),
      saves: platform == .instagram ? (likes * 0.02).rounded() : nil,
      views: views, postsSampled: posts)
    if fraud == .boughtFollowers { followers = history.last ?? followers }
    creator.followers = followers
    creator.followerHistory = history
    let typicalFollowing = exp(random.normal(mean: log(650), sd: 0.8))
    creator.following =
      (fraud == .followForFollow
      ? followers * random.uniform(1.3, 3.0) : min(typicalFollowing, 7_500)).rounded()
    creator.posts = exp(random.normal(mean: log(420), sd: 0.8)).rounded()
    creator.sponsoredShare = Self.round(
      min(0.95, random.beta(1.6, 8) * (random.chance(0.06) ? 4 : 1)), 2)

    // Text.
    let (bio, hashtags) = text(random: &random, niche: niche, market: market, platform: platform)
    creator.bio = bio
    creator.hashtags = hashtags
    if random.chance(0.85) { creator.categories = [categoryLabel(random: &random, niche: nicheID)] }

    // Audience.
    creator.audience = audience(
      random: &random, niche: nicheID, market: market, platform: platform, fraud: fraud)

    // Rate card for 70%: around the CPM estimate with ×/÷ 1.5 spread, in local currency.
    if random.chance(0.7) {
      let impressions =
        views ?? followers * PriceEstimate.reachRate(tier: Tier(followers: followers))
      let usd =
        PriceEstimate.cpm(platform: platform, tier: Tier(followers: followers))
        * impressions / 1_000 * exp(random.normal(mean: 0, sd: 0.4))
      let local = usd * (CurrencyRates.reference.unitsPerUSD[market.currency] ?? 1)
      creator.pricePerPost = Self.roundPrice(max(local, 1))
      creator.currency = market.currency
    }
    return Generated(creator: creator, niche: nicheID, fraud: fraud)
  }

  static func interpolateFollowers(_ u: Double) -> Double {
    let table = followerQuantiles
    for index in 1..<table.count where u <= table[index].0 {
      let (u0, f0) = table[index - 1]
      let (u1, f1) = table[index]
      let t = (u - u0) / (u1 - u0)
      return exp(log(f0) + t * (log(f1) - log(f0)))
    }
    return table[table.count - 1].1
  }

  /// The HypeAuditor median ER at a follower count, log-linear between band centres.
  static func instagramRate(followers: Double) -> Double {
    let table = instagramRateMedians
    if followers <= table[0].0 { return table[0].1 }
    for index in 1..<table.count where followers <= table[index].0 {
      let (f0, r0) = table[index - 1]
      let (f1, r1) = table[index]
      let t = (log(followers) - log(f0)) / (log(f1) - log(f0))
      return exp(log(r0) + t * (log(r1) - log(r0)))
    }
    return table[table.count - 1].1
  }

  static func round(_ value: Double, _ digits: Int) -> Double {
    let scale = pow(10, Double(digits))
    return (value * scale).rounded() / scale
  }

  /// Two significant digits, through the decimal text so the result prints cleanly (3.4, not
  /// 3.4000000000000004).
  static func roundPrice(_ value: Double) -> Double {
    Double(String(format: "%.1e", value)) ?? value
  }

  private func handle(random: inout SeededRandom, niche: String, language: String, index: Int)
    -> String
  {
    let first = Market.names[language] ?? Market.names["en"] ?? ["creator"]
    let second = [
      niche, "daily", "life", "with", "and", "studio", "diary", "club", "world", "vibes", "lab",
    ]
    let separator = random.pick([".", "_", ""]) ?? "."
    let name = (random.pick(first) ?? "ania") + separator + (random.pick(second) ?? "daily")
    return name + String(index % 1_000)
  }

  private func growthHistory(random: inout SeededRandom, current: Double) -> [Double] {
    let monthly = random.uniform(0.003, 0.03)
    var values: [Double] = []
    var level = current / pow(1 + monthly, 11)
    for _ in 0..<12 {
      values.append(level.rounded())
      level *= 1 + monthly + random.normal(mean: 0, sd: 0.004)
    }
    values[11] = current
    return values
  }

  private func jumpHistory(random: inout SeededRandom, current: Double, jump: Double, step: Int)
    -> [Double]
  {
    var values = growthHistory(random: &random, current: current)
    for index in step..<values.count { values[index] = (values[index] * (1 + jump)).rounded() }
    return values
  }

  private func categoryLabel(random: inout SeededRandom, niche: String) -> String {
    let variants: [String: [String]] = [
      "fitness": ["fitness", "Fitness & Gym"], "food": ["food", "Food & Cooking"],
      "home": ["interior", "home decor"], "family": ["family", "parenting"],
      "tech": ["tech", "Computers & Gadgets"], "pets": ["pets", "pet"],
      "fashion": ["fashion", "Clothing & Outfits"], "beauty": ["beauty", "makeup"],
    ]
    return random.pick(variants[niche] ?? [niche]) ?? niche
  }

  private func text(
    random: inout SeededRandom, niche: Taxonomy.Niche, market: Market, platform: Platform
  ) -> (String, String) {
    let language = market.language
    let local = niche.seeds[language] ?? niche.seeds["en"] ?? []
    let english = niche.seeds["en"] ?? []
    let a = random.pick(local) ?? niche.id
    var b = random.pick(local) ?? niche.id
    if b == a { b = random.pick(english) ?? niche.id }
    let template =
      random.pick(BioTemplates.byLanguage[language] ?? BioTemplates.byLanguage["en"] ?? [])
      ?? "{a} | {b}"
    var bio = template.replacingOccurrences(of: "{a}", with: a)
      .replacingOccurrences(of: "{b}", with: b)
      .replacingOccurrences(of: "{city}", with: random.pick(market.cities) ?? market.country)
    if random.chance(0.5), let filler = random.pick(BioTemplates.fillers[language] ?? []) {
      bio += " · " + filler
    }
    var tags: [String] = []
    for _ in 0..<(2 + Int(random.next() % 3)) {
      if let term = random.pick(random.chance(0.6) ? local : english) {
        let tag = "#" + term.replacingOccurrences(of: " ", with: "")
        if !tags.contains(tag) { tags.append(tag) }
      }
    }
    let generic =
      platform == .tiktok ? ["#fyp", "#foryou", "#viral"] : ["#instagood", "#love", "#reels"]
    if let tag = random.pick(generic) { tags.append(tag) }
    return (bio, tags.joined(separator: " "))
  }

  private func audience(
    random: inout SeededRandom, niche: String, market: Market, platform: Platform,
    fraud: FraudPattern?
  ) -> AudienceProfile {
    var profile = AudienceProfile()
    let femaleBase: Double
    switch niche {
    case "beauty", "skincare", "fashion", "family", "home", "wellness": femaleBase = 0.82
    case "gaming", "tech", "finance", "sports", "automotive": femaleBase = 0.28
    default: femaleBase = 0.55
    }
    profile.femaleShare = Self.round(
      min(0.98, max(0.02, femaleBase + random.normal(mean: 0, sd: 0.08))), 2)
    let ageBase: [Double] =
      platform == .tiktok
      ? [0.18, 0.38, 0.26, 0.11, 0.05, 0.02] : [0.06, 0.30, 0.34, 0.17, 0.08, 0.05]
    let draws = ageBase.map { random.gamma($0 * 40) }
    let ageTotal = draws.reduce(0, +)
    var ages = draws.map { Self.round($0 / ageTotal, 3) }
    ages[ages.count - 1] = Self.round(max(0, 1 - ages.dropLast().reduce(0, +)), 3)
    profile.ageShares = ages
    let homeShare = Self.round(random.uniform(market.language == "en" ? 0.40 : 0.55, 0.85), 2)
    var countries = [Distribution.Entry(key: market.country, share: homeShare)]
    var remaining = 1 - homeShare
    for neighbor in market.neighbors.prefix(2 + Int(random.next() % 2)) {
      let share = Self.round(remaining * random.uniform(0.25, 0.5), 2)
      if share > 0 { countries.append(Distribution.Entry(key: neighbor, share: share)) }
      remaining -= share
    }
    profile.countries = Distribution(entries: countries)
    let languageShare = Self.round(min(0.95, homeShare + random.uniform(0.02, 0.10)), 2)
    var languages = [Distribution.Entry(key: market.language, share: languageShare)]
    if market.language != "en" {
      languages.append(
        Distribution.Entry(key: "en", share: Self.round((1 - languageShare) * 0.6, 2)))
    }
    profile.languages = Distribution(entries: languages)
    let related: [String: [String]] = [
      "beauty": ["skincare", "fashion"], "skincare": ["beauty", "wellness"],
      "fashion": ["beauty", "lifestyle"], "fitness": ["wellness", "food"],
      "food": ["travel", "wellness"], "travel": ["photography", "food"],
      "family": ["home", "food"], "lifestyle": ["fashion", "travel"],
      "tech": ["gaming", "finance"],
      "gaming": ["tech", "music"], "pets": ["family", "home"], "home": ["family", "lifestyle"],
      "music": ["lifestyle", "fashion"], "sports": ["fitness", "wellness"],
      "wellness": ["fitness", "food"], "finance": ["tech", "lifestyle"],
      "photography": ["travel", "tech"],
    ]
    var interests = [Distribution.Entry(key: niche, share: Self.round(random.uniform(0.3, 0.6), 2))]
    for other in related[niche] ?? [] {
      interests.append(
        Distribution.Entry(key: other, share: Self.round(random.uniform(0.1, 0.3), 2)))
    }
    profile.interests = Distribution(entries: interests)
    profile.realShare =
      fraud == .botAudience
      ? Self.round(random.uniform(0.35, 0.6), 2) : Self.round(random.uniform(0.86, 0.97), 2)
    return profile
  }
}
