/// A brand's campaign brief: what it sells, to whom, on which platforms, under which constraints.
///
/// Read one from JSON with `CampaignBrief.decode(_:source:)`; every schema error names the JSON
/// path. A brief is immutable input to ranking.
///
/// ```json
/// {"id": "pl-skincare", "goal": "conversions", "platforms": ["instagram"],
///  "niche": {"keywords": {"serum": 1, "pielęgnacja": 1}, "categories": ["skincare"]},
///  "audience": {"countries": ["PL"], "gender": "female", "age": ["18-34"]}}
/// ```
public struct CampaignBrief: Sendable, Equatable {
  /// The brief's id, used in output file names and random-stream seeds.
  public var id: String
  /// The brand, for display.
  public var brand: String?
  /// The campaign goal.
  public var goal: CampaignGoal
  /// Allowed platforms; empty means all.
  public var platforms: [Platform]
  /// What the creators should talk about.
  public var niche: NicheSpec
  /// Whom the creators' audiences should reach.
  public var audience: AudienceTarget
  /// Hard filters applied before scoring.
  public var constraints: Constraints
  /// Money, when the brand gave it; enables the value component and ROI.
  public var economics: CampaignEconomics?
  /// Weight overrides; components not given keep the goal's default.
  public var weightOverrides: PartialWeights
  /// How many creators to return; `nil` uses the command's default.
  public var top: Int?

  /// Creates a brief with only an id and goal; everything else empty.
  public init(id: String, goal: CampaignGoal) {
    self.id = id
    self.goal = goal
    self.platforms = []
    self.niche = NicheSpec()
    self.audience = AudienceTarget()
    self.constraints = Constraints()
    self.weightOverrides = PartialWeights()
  }

  /// The weights used for scoring: the goal's defaults with the brief's overrides applied, and
  /// value removed when there are no economics (and overlap when no brand audience is named).
  public var effectiveWeights: ComponentWeights {
    var weights = goal.defaultWeights
    if let value = weightOverrides.engagement { weights.engagement = value }
    if let value = weightOverrides.audience { weights.audience = value }
    if let value = weightOverrides.niche { weights.niche = value }
    if let value = weightOverrides.authenticity { weights.authenticity = value }
    if let value = weightOverrides.value { weights.value = value }
    if let value = weightOverrides.overlap { weights.overlap = value }
    if audience.brandAudience == nil { weights.overlap = 0 }
    return economics == nil ? weights.withoutValue : weights
  }

  /// The niche part of a brief.
  public struct NicheSpec: Sendable, Equatable {
    /// Keywords and their weights, in the order written; multi-word phrases allowed.
    public var keywords: [WeightedTerm]
    /// Niche categories, expanded through the built-in ``Taxonomy``.
    public var categories: [String]
    /// Terms that disqualify a creator whose text contains them.
    public var exclude: [String]
    /// Niches (ids or labels of the built-in ``Taxonomy``) whose creators are dropped: a creator
    /// with any category label in one of them is not ranked.
    public var excludeCategories: [String]
    /// Whether creators labelled adult content may be ranked; without it (or the adult niche in
    /// ``categories``) they are dropped like an ``excludeCategories`` entry.
    public var includeAdult: Bool
    /// Whether the query is expanded with terms learnt from the creators that match it best
    /// (pseudo-relevance feedback, <doc:Formulas#Expansion>); `nil` takes the default (off).
    public var expand: Bool?

    /// Creates a niche spec; empty by default.
    public init(
      keywords: [WeightedTerm] = [], categories: [String] = [], exclude: [String] = [],
      excludeCategories: [String] = [], includeAdult: Bool = false, expand: Bool? = nil
    ) {
      self.keywords = keywords
      self.categories = categories
      self.exclude = exclude
      self.excludeCategories = excludeCategories
      self.includeAdult = includeAdult
      self.expand = expand
    }

    /// Whether no keyword or category was given.
    public var isEmpty: Bool { keywords.isEmpty && categories.isEmpty }
  }

  /// A keyword with its weight (> 0).
  public struct WeightedTerm: Sendable, Equatable {
    /// The keyword or phrase as written.
    public var term: String
    /// Its weight.
    public var weight: Double

    /// Creates a weighted term.
    public init(term: String, weight: Double = 1) {
      self.term = term
      self.weight = weight
    }
  }

  /// The audience a brief targets; an empty dimension does not constrain.
  public struct AudienceTarget: Sendable, Equatable {
    /// Target countries (ISO 3166-1 alpha-2).
    public var countries: [String]
    /// Target languages (ISO 639-1).
    public var languages: [String]
    /// Target age buckets.
    public var ages: [AgeBucket]
    /// Target gender, or `nil` for any.
    public var gender: Gender?
    /// Target interests (lower case).
    public var interests: [String]
    /// The id of the brand's own audience in the sketch file (`audience.brand_audience`), for
    /// the overlap component; it targets no one, so it does not count in ``isEmpty``.
    public var brandAudience: String?

    /// Creates an empty target.
    public init(
      countries: [String] = [], languages: [String] = [], ages: [AgeBucket] = [],
      gender: Gender? = nil, interests: [String] = []
    ) {
      self.countries = countries
      self.languages = languages
      self.ages = ages
      self.gender = gender
      self.interests = interests
    }

    /// Whether no dimension is targeted.
    public var isEmpty: Bool {
      countries.isEmpty && languages.isEmpty && ages.isEmpty && gender == nil && interests.isEmpty
    }
  }

  /// A gender target.
  public enum Gender: String, Sendable, Equatable {
    /// Female audience.
    case female
    /// Male audience.
    case male
  }

  /// Hard filters; a creator failing any is not ranked.
  public struct Constraints: Sendable, Equatable {
    /// Minimum followers, inclusive.
    public var minFollowers: Double?
    /// Maximum followers, inclusive.
    public var maxFollowers: Double?
    /// Allowed tiers; empty means all.
    public var tiers: [Tier]
    /// Allowed creator countries; empty means all.
    public var creatorCountries: [String]
    /// Minimum authenticity, 0–1.
    public var minAuthenticity: Double?
    /// Maximum sponsored share, 0–1.
    public var maxSponsoredShare: Double?
    /// Creator ids never to return.
    public var excludeIDs: [String]
    /// Account types to keep; empty means ``AccountType/defaultAllowed`` (creators and media).
    public var accountTypes: [AccountType]

    /// The account types actually kept: ``accountTypes``, or the default when it is empty.
    public var allowedAccountTypes: [AccountType] {
      accountTypes.isEmpty ? AccountType.defaultAllowed : accountTypes
    }

    /// Creates empty constraints.
    public init(
      minFollowers: Double? = nil, maxFollowers: Double? = nil, tiers: [Tier] = [],
      creatorCountries: [String] = [], minAuthenticity: Double? = nil,
      maxSponsoredShare: Double? = nil, excludeIDs: [String] = [], accountTypes: [AccountType] = []
    ) {
      self.accountTypes = accountTypes
      self.minFollowers = minFollowers
      self.maxFollowers = maxFollowers
      self.tiers = tiers
      self.creatorCountries = creatorCountries
      self.minAuthenticity = minAuthenticity
      self.maxSponsoredShare = maxSponsoredShare
      self.excludeIDs = excludeIDs
    }
  }

  /// Weight overrides from the brief; `nil` keeps the goal default.
  public struct PartialWeights: Sendable, Equatable {
    /// Engagement weight override.
    public var engagement: Double?
    /// Audience weight override.
    public var audience: Double?
    /// Niche weight override.
    public var niche: Double?
    /// Authenticity weight override.
    public var authenticity: Double?
    /// Value weight override.
    public var value: Double?
    /// Overlap weight override.
    public var overlap: Double?

    /// Creates empty overrides.
    public init(
      engagement: Double? = nil, audience: Double? = nil, niche: Double? = nil,
      authenticity: Double? = nil, value: Double? = nil, overlap: Double? = nil
    ) {
      self.overlap = overlap
      self.engagement = engagement
      self.audience = audience
      self.niche = niche
      self.authenticity = authenticity
      self.value = value
    }
  }
}
