import CreatorMatch
import Foundation

extension CampaignBrief {
  /// The top-level keys a brief may have.
  public static let topLevelKeys = [
    "id", "brand", "goal", "platforms", "niche", "audience", "constraints", "economics", "weights",
    "top",
  ]

  /// Reads a brief from JSON bytes; `source` names the file in error messages.
  ///
  /// Unknown keys, wrong types and out-of-range values are errors that name the JSON path
  /// (`$.economics.gross_margin`) and position.
  ///
  /// - Parameters:
  ///   - bytes: The brief's JSON text, UTF-8.
  ///   - source: The file name to put in errors.
  /// - Returns: The brief.
  /// - Throws: ``JSONDocumentError`` when the text is not JSON or does not match the schema.
  /// - Complexity: O(n) in the size of the text.
  public static func decode(_ bytes: [UInt8], source: String) throws(JSONDocumentError)
    -> CampaignBrief
  {
    try JSONDocumentError.reading(bytes, source: source) { node throws(JSONSchemaError) in
      try CampaignBrief(node: node, path: "$")
    }
  }

  /// Reads a brief from a parsed JSON node at `path`.
  package init(node: JSONNode, path: String) throws(JSONSchemaError) {
    let object = try JSONObjectReader(node, path: path, allowedKeys: Self.topLevelKeys)
    let id = try object.requiredString("id")
    guard !id.trimmingCharacters(in: .whitespaces).isEmpty else {
      throw object.invalid("id", "must not be empty")
    }
    let goalText = try object.requiredString("goal")
    guard let goal = CampaignGoal(rawValue: goalText.lowercased()) else {
      throw object.invalid(
        "goal", "expected one of awareness, engagement, conversions, found \"\(goalText)\"")
    }
    self.init(id: id, goal: goal)
    brand = try object.string("brand")
    platforms = try Self.platforms(object)
    if let niche = try object.object(
      "niche",
      allowedKeys: [
        "keywords", "categories", "exclude", "exclude_categories", "include_adult", "expand",
      ])
    {
      self.niche = try Self.niche(niche)
    }
    if let audience = try object.object(
      "audience",
      allowedKeys: ["countries", "languages", "age", "gender", "interests", "brand_audience"])
    {
      self.audience = try Self.audience(audience)
    }
    if let constraints = try object.object("constraints", allowedKeys: Self.constraintKeys) {
      self.constraints = try Self.constraints(constraints)
    }
    if let economics = try object.object("economics", allowedKeys: Self.economicsKeys) {
      self.economics = try Self.economics(economics)
    }
    if let weights = try object.object(
      "weights",
      allowedKeys: ["engagement", "audience", "niche", "authenticity", "value", "overlap"])
    {
      weightOverrides = try Self.weights(weights)
      if effectiveWeights.total <= 0 {
        throw object.invalid("weights", "at least one scored component needs a weight above 0")
      }
    }
    if let top = try object.integer("top") {
      guard top >= 1 else { throw object.invalid("top", "must be at least 1, found \(top)") }
      // The same cap as `--top`: the ranking reserves room for `top` rows up front.
      guard top <= Self.largestTop else {
        throw object.invalid("top", "must be at most 1000000, found \(top)")
      }
      self.top = top
    }
  }

  /// The largest `top` a brief may ask for, the cap `--top` has on the command line.
  package static let largestTop = 1_000_000

  private static let constraintKeys = [
    "min_followers", "max_followers", "tiers", "creator_countries", "min_authenticity",
    "max_sponsored_share", "exclude_ids", "account_types",
  ]

  private static let economicsKeys = [
    "currency", "budget", "posts_per_creator", "average_order_value", "gross_margin",
    "conversion_rate", "click_through_rate", "repeat_purchases", "fixed_cost_per_creator",
    "reach_rate",
  ]

  private static func platforms(_ object: JSONObjectReader) throws(JSONSchemaError) -> [Platform] {
    try choices(
      object, "platforms", what: "platform", names: Platform.allCases.map(\.rawValue),
      parse: Platform.init(parsing:))
  }

  /// The distinct values of the string list `key`, in order, each parsed by `parse`; an unknown
  /// one is an error at its index naming the values allowed.
  private static func choices<Value: Equatable>(
    _ object: JSONObjectReader, _ key: String, what: String, names: [String],
    parse: (String) -> Value?
  ) throws(JSONSchemaError) -> [Value] {
    var result: [Value] = []
    for (offset, name) in (try object.strings(key) ?? []).enumerated() {
      guard let value = parse(name) else {
        throw JSONSchemaError(
          path: object.path(of: key) + "[\(offset)]",
          message: "unknown \(what) \"\(name)\"; expected one of "
            + names.joined(separator: ", "),
          position: object.node(key)?.position ?? object.position)
      }
      if !result.contains(value) { result.append(value) }
    }
    return result
  }

  private static func niche(_ object: JSONObjectReader) throws(JSONSchemaError) -> NicheSpec {
    var spec = NicheSpec()
    if let node = object.node("keywords") {
      switch node.value {
      case .array, .string:
        spec.keywords = (try object.strings("keywords") ?? []).map { WeightedTerm(term: $0) }
      case .object:
        let keywords = try JSONObjectReader(node, path: object.path(of: "keywords"))
        for member in keywords.allMembers {
          guard case .number(let weight) = member.node.value else {
            throw JSONSchemaError(
              path: keywords.path(of: member.key),
              message:
                "expected a number (the keyword's weight), found \(member.node.value.kindName)",
              position: member.node.position)
          }
          guard weight > 0, weight.isFinite else {
            throw JSONSchemaError(
              path: keywords.path(of: member.key),
              message: "keyword weight must be above 0, found \(JSONWriter.format(weight))",
              position: member.node.position)
          }
          spec.keywords.append(WeightedTerm(term: member.key, weight: weight))
        }
      default:
        throw object.invalid(
          "keywords",
          "expected an object of {keyword: weight} or an array of keywords, found "
            + node.value.kindName)
      }
    }
    spec.categories = try object.strings("categories") ?? []
    spec.exclude = try object.strings("exclude") ?? []
    // Excluding is a hard filter: a label that names no niche would silently exclude nothing.
    for (offset, label) in (try object.strings("exclude_categories") ?? []).enumerated() {
      guard Taxonomy.builtIn.nicheIndex(forLabel: label) != nil else {
        throw JSONSchemaError(
          path: object.path(of: "exclude_categories") + "[\(offset)]",
          message: "unknown category \"\(label)\"; use a niche or label that "
            + "`creatormatch niches` lists, such as "
            + Taxonomy.builtIn.niches.prefix(4).map(\.id).joined(separator: ", "),
          position: object.node("exclude_categories")?.position ?? object.position)
      }
      if !spec.excludeCategories.contains(label) { spec.excludeCategories.append(label) }
    }
    spec.includeAdult = try object.bool("include_adult") ?? false
    spec.expand = try object.bool("expand")
    return spec
  }

  private static func codes(
    _ object: JSONObjectReader, _ key: String, what: String, lookup: (String) -> String?
  ) throws(JSONSchemaError) -> [String] {
    var result: [String] = []
    for (offset, text) in (try object.strings(key) ?? []).enumerated() {
      guard let code = lookup(text) else {
        throw JSONSchemaError(
          path: object.path(of: key) + "[\(offset)]", message: "unknown \(what) \"\(text)\"",
          position: object.node(key)?.position ?? object.position)
      }
      if !result.contains(code) { result.append(code) }
    }
    return result
  }

  private static func audience(_ object: JSONObjectReader) throws(JSONSchemaError)
    -> AudienceTarget
  {
    var target = AudienceTarget()
    target.countries = try codes(
      object, "countries", what: "country (use ISO 3166-1 codes such as PL, JP, UA)",
      lookup: CountryCatalog.code(for:))
    target.languages = try codes(
      object, "languages", what: "language (use ISO 639-1 codes such as pl, ja, uk)",
      lookup: LanguageCatalog.code(for:))
    for (offset, label) in (try object.strings("age") ?? []).enumerated() {
      guard let buckets = AgeBucket.buckets(parsing: label) else {
        throw JSONSchemaError(
          path: object.path(of: "age") + "[\(offset)]",
          message: "\"\(label)\" is not an age bucket or a range of whole buckets; buckets are "
            + AgeBucket.allCases.map(\.label).joined(separator: ", "),
          position: object.node("age")?.position ?? object.position)
      }
      for bucket in buckets where !target.ages.contains(bucket) { target.ages.append(bucket) }
    }
    target.ages.sort()
    if let gender = try object.string("gender") {
      switch gender.lowercased() {
      case "female", "f", "women", "woman": target.gender = .female
      case "male", "m", "men", "man": target.gender = .male
      case "any", "all", "": target.gender = nil
      default:
        throw object.invalid("gender", "expected one of female, male, any, found \"\(gender)\"")
      }
    }
    target.interests = (try object.strings("interests") ?? []).map {
      $0.lowercased().trimmingCharacters(in: .whitespaces)
    }
    if let brand = try object.string("brand_audience") {
      guard !brand.isEmpty else {
        throw object.invalid(
          "brand_audience", "must name the brand's audience in the sketch file, found \"\"")
      }
      target.brandAudience = brand
    }
    return target
  }

  private static func constraints(_ object: JSONObjectReader) throws(JSONSchemaError)
    -> Constraints
  {
    var constraints = Constraints()
    constraints.minFollowers = try object.number(
      "min_followers", in: 0...Double.greatestFiniteMagnitude, "must be 0 or more")
    constraints.maxFollowers = try object.number(
      "max_followers", in: 0...Double.greatestFiniteMagnitude, "must be 0 or more")
    if let low = constraints.minFollowers, let high = constraints.maxFollowers, low > high {
      throw object.invalid(
        "max_followers",
        "is below min_followers (\(JSONWriter.format(low))), so no creator can qualify")
    }
    constraints.tiers = try choices(
      object, "tiers", what: "tier", names: Tier.allCases.map(\.rawValue),
      parse: Tier.init(parsing:))
    constraints.creatorCountries = try codes(
      object, "creator_countries", what: "country (use ISO 3166-1 codes such as PL, JP, UA)",
      lookup: CountryCatalog.code(for:))
    constraints.minAuthenticity = try object.number(
      "min_authenticity", in: 0...1, "must be between 0 and 1")
    constraints.maxSponsoredShare = try object.number(
      "max_sponsored_share", in: 0...1, "must be between 0 and 1")
    constraints.excludeIDs = try object.strings("exclude_ids") ?? []
    constraints.accountTypes = try choices(
      object, "account_types", what: "account type", names: AccountType.allCases.map(\.rawValue),
      parse: AccountType.init(parsing:))
    if let node = object.node("account_types"), constraints.accountTypes.isEmpty {
      throw JSONSchemaError(
        path: object.path(of: "account_types"),
        message: "must list at least one account type (omit it for the default: "
          + AccountType.defaultAllowed.map(\.rawValue).joined(separator: ", ") + ")",
        position: node.position)
    }
    return constraints
  }

  private static func economics(_ object: JSONObjectReader) throws(JSONSchemaError)
    -> CampaignEconomics
  {
    let positive = 0.0.nextUp...Double.greatestFiniteMagnitude
    guard
      let aov = try object.number(
        "average_order_value", in: positive, "must be above 0 (an amount in the brief's currency)")
    else { throw object.missing("average_order_value") }
    guard
      let margin = try object.number(
        "gross_margin", in: 0.0.nextUp...1, "must be a fraction above 0 and at most 1 (0.6 = 60%)")
    else { throw object.missing("gross_margin") }
    var economics = CampaignEconomics(averageOrderValue: aov, grossMargin: margin)
    if let currency = try object.string("currency") {
      let code = currency.uppercased()
      guard code.count == 3, code.allSatisfy({ $0.isASCII && $0.isLetter }) else {
        throw object.invalid("currency", "expected an ISO 4217 code such as USD, EUR, PLN")
      }
      economics.currency = code
    }
    economics.budget = try object.number(
      "budget", in: positive, "must be above 0 (omit it for no budget cap)")
    if let posts = try object.integer("posts_per_creator") {
      guard posts >= 1 else {
        throw object.invalid("posts_per_creator", "must be at least 1, found \(posts)")
      }
      economics.postsPerCreator = posts
    }
    economics.conversionRate = try object.number(
      "conversion_rate", in: 0.0.nextUp...1, "must be a fraction above 0 and at most 1 (0.02 = 2%)")
    economics.clickThroughRate = try object.number(
      "click_through_rate", in: 0.0.nextUp...1,
      "must be a fraction above 0 and at most 1 (0.009 = 0.9%)")
    economics.repeatPurchases =
      try object.number(
        "repeat_purchases", in: 0...1_000, "must be between 0 and 1000 (extra orders per customer)")
      ?? 0
    economics.fixedCostPerCreator =
      try object.number(
        "fixed_cost_per_creator", in: 0...Double.greatestFiniteMagnitude, "must be 0 or more") ?? 0
    economics.reachRate = try object.number(
      "reach_rate", in: 0.0.nextUp...1, "must be a fraction above 0 and at most 1")
    return economics
  }

  private static func weights(_ object: JSONObjectReader) throws(JSONSchemaError) -> PartialWeights
  {
    let range = 0...1_000_000.0
    let message = "must be 0 or more"
    return PartialWeights(
      engagement: try object.number("engagement", in: range, message),
      audience: try object.number("audience", in: range, message),
      niche: try object.number("niche", in: range, message),
      authenticity: try object.number("authenticity", in: range, message),
      value: try object.number("value", in: range, message),
      overlap: try object.number("overlap", in: range, message))
  }
}
