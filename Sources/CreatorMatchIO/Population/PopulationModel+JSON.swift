import CreatorMatch

extension PopulationModel {
  /// The model as JSON text (stable key order; terms sorted by their UTF-8 bytes), so that the
  /// same fit always writes the same file and numbers round-trip exactly.
  public func jsonText() -> String {
    var json = JSONWriter(pretty: true)
    json.object { root in
      root.key("format")
      root.string("creatormatch-model")
      root.key("version")
      root.integer(Self.formatVersion)
      root.key("creators")
      root.integer(creatorCount)
      root.key("curves")
      root.array { list in
        for index in 0..<CurveKey.count {
          let key = CurveKey.at(index)
          let curve = curves[index]
          list.object { item in
            item.key("platform")
            item.string(key.platform.rawValue)
            item.key("basis")
            item.string(key.basis.rawValue)
            item.key("source")
            item.string(curve.source.rawValue)
            item.key("a")
            item.number(curve.intercept)
            item.key("b")
            item.number(curve.slope)
            item.key("tau2")
            item.number(curve.tau2)
            item.key("sigma2")
            item.number(curve.sigma2)
            item.key("n")
            item.integer(curve.sampleSize)
          }
        }
      }
      root.key("audience_priors")
      root.object { priors in
        let audience = audiencePriors
        priors.key("female_share")
        priors.number(audience.femaleShare)
        priors.key("age_shares")
        priors.object { ages in
          for bucket in AgeBucket.allCases {
            ages.key(bucket.label)
            ages.number(audience.ageShares[bucket.rawValue])
          }
        }
        priors.key("top_country_share")
        priors.number(audience.topCountryShare)
        for (name, table) in [
          ("countries", audience.countries), ("languages", audience.languages),
          ("interests", audience.interests), ("top_countries", audience.topCountries),
          ("home_countries", audience.homeCountries),
        ] {
          priors.key(name)
          priors.object { object in
            for key in table.keys.sorted(by: Self.byteOrder) {
              object.key(key)
              object.number(table[key] ?? 0)
            }
          }
        }
        priors.key("counts")
        priors.object { counts in
          for (name, count) in zip(Self.priorCountNames, audience.counts) {
            counts.key(name)
            counts.integer(count)
          }
        }
      }
      root.key("document_frequencies")
      root.object { frequencies in
        frequencies.key("documents")
        frequencies.integer(documentFrequencies.documents)
        frequencies.key("terms")
        frequencies.object { terms in
          for term in documentFrequencies.counts.keys.sorted(by: Self.byteOrder) {
            terms.key(term)
            terms.integer(documentFrequencies.counts[term] ?? 0)
          }
        }
      }
    }
    return json.text + "\n"
  }

  static let priorCountNames = [
    "gender", "age", "countries", "languages", "interests", "top_countries", "home_countries",
  ]

  /// Orders strings by their UTF-8 bytes: the one order used for every sorted output.
  package static func byteOrder(_ lhs: String, _ rhs: String) -> Bool {
    lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
  }

  /// Reads a model file's bytes; `source` names the file in errors.
  ///
  /// - Parameters:
  ///   - bytes: The model file's JSON text, as ``jsonText()`` writes it.
  ///   - source: The file name to put in errors.
  /// - Returns: The model.
  /// - Throws: ``JSONDocumentError`` when the text is not JSON or not a valid model.
  /// - Complexity: O(n) in the size of the text.
  public static func decode(_ bytes: [UInt8], source: String) throws(JSONDocumentError)
    -> PopulationModel
  {
    try JSONDocumentError.reading(bytes, source: source) { node throws(JSONSchemaError) in
      try PopulationModel(node: node)
    }
  }

  init(node: JSONNode) throws(JSONSchemaError) {
    let root = try JSONObjectReader(
      node, path: "$",
      allowedKeys: [
        "format", "version", "creators", "curves", "audience_priors", "document_frequencies",
      ])
    guard try root.requiredString("format") == "creatormatch-model" else {
      throw root.invalid(
        "format", "not a CreatorMatch model file (expected \"creatormatch-model\")")
    }
    guard let version = try root.integer("version") else { throw root.missing("version") }
    guard version == Self.formatVersion else {
      throw root.invalid(
        "version",
        "model format version \(version) is not supported by this build (it reads version "
          + "\(Self.formatVersion)); refit with `creatormatch fit`")
    }
    guard let creators = try root.integer("creators"), creators >= 0 else {
      throw root.missing("creators")
    }
    var curves = (0..<CurveKey.count).map { Self.priorCurve(for: CurveKey.at($0)) }
    guard let curveList = root.node("curves"), case .array(let elements) = curveList.value else {
      throw root.missing("curves")
    }
    for (offset, element) in elements.enumerated() {
      let item = try JSONObjectReader(
        element, path: "$.curves[\(offset)]",
        allowedKeys: ["platform", "basis", "source", "a", "b", "tau2", "sigma2", "n"])
      let platformName = try item.requiredString("platform")
      guard let platform = Platform(rawValue: platformName) else {
        throw item.invalid("platform", "unknown platform \"\(platformName)\"")
      }
      let basisName = try item.requiredString("basis")
      guard let basis = RateBasis(rawValue: basisName) else {
        throw item.invalid("basis", "expected followers or views, found \"\(basisName)\"")
      }
      let sourceName = try item.requiredString("source")
      guard let source = EngagementCurve.Source(rawValue: sourceName) else {
        throw item.invalid("source", "expected fitted or prior, found \"\(sourceName)\"")
      }
      guard let a = try item.number("a") else { throw item.missing("a") }
      guard let b = try item.number("b") else { throw item.missing("b") }
      guard let tau2 = try item.number("tau2", in: 0...1e6, "must be 0 or more") else {
        throw item.missing("tau2")
      }
      guard let sigma2 = try item.number("sigma2", in: 1e-12...1e6, "must be above 0") else {
        throw item.missing("sigma2")
      }
      let n = try item.integer("n") ?? 0
      curves[CurveKey(platform: platform, basis: basis).index] = EngagementCurve(
        intercept: a, slope: b, tau2: tau2, sigma2: sigma2, sampleSize: n, source: source)
    }
    guard
      let priors = try root.object(
        "audience_priors",
        allowedKeys: [
          "female_share", "age_shares", "countries", "languages", "interests", "counts",
          "top_country_share", "top_countries", "home_countries",
        ])
    else { throw root.missing("audience_priors") }
    let neutral = AudiencePriors.neutral
    var ages = neutral.ageShares
    if let ageObject = try priors.object("age_shares", allowedKeys: AgeBucket.allCases.map(\.label))
    {
      for bucket in AgeBucket.allCases {
        if let share = try ageObject.number(bucket.label, in: 0...1, "must be between 0 and 1") {
          ages[bucket.rawValue] = share
        }
      }
    }
    func shares(_ key: String) throws(JSONSchemaError) -> [String: Double] {
      guard let object = try priors.object(key) else { return [:] }
      var result: [String: Double] = [:]
      for member in object.allMembers {
        guard case .number(let share) = member.node.value, (0...1).contains(share) else {
          throw JSONSchemaError(
            path: object.path(of: member.key), message: "expected a share between 0 and 1",
            position: member.node.position)
        }
        result[member.key] = share
      }
      return result
    }
    var counts = neutral.counts
    if let countObject = try priors.object("counts", allowedKeys: Self.priorCountNames) {
      for (index, name) in Self.priorCountNames.enumerated() {
        counts[index] = try countObject.integer(name) ?? 0
      }
    }
    var audience = AudiencePriors(
      femaleShare: try priors.number("female_share", in: 0...1, "must be between 0 and 1")
        ?? neutral.femaleShare,
      ageShares: ages, countries: try shares("countries"), languages: try shares("languages"),
      interests: try shares("interests"), counts: counts)
    audience.topCountryShare =
      try priors.number("top_country_share", in: 0...1, "must be between 0 and 1")
      ?? AudiencePriors.defaultTopCountryShare
    audience.topCountries = try shares("top_countries")
    audience.homeCountries = try shares("home_countries")
    guard
      let frequencies = try root.object(
        "document_frequencies", allowedKeys: ["documents", "terms"])
    else { throw root.missing("document_frequencies") }
    guard let documents = try frequencies.integer("documents"), documents >= 0 else {
      throw frequencies.missing("documents")
    }
    var termCounts: [String: Int] = [:]
    if let terms = try frequencies.object("terms") {
      termCounts.reserveCapacity(terms.allMembers.count)
      for member in terms.allMembers {
        // The integer rule of every count in these files: a whole number too large for an
        // `Int` trapped when it was converted.
        guard let count = member.node.integer, count >= 0 else {
          throw JSONSchemaError(
            path: terms.path(of: member.key), message: "expected a document count (an integer ≥ 0)",
            position: member.node.position)
        }
        termCounts[member.key] = count
      }
    }
    self.init(
      creatorCount: creators, curves: curves,
      documentFrequencies: DocumentFrequencies(documents: documents, counts: termCounts),
      audiencePriors: audience)
  }
}
