import CreatorMatch
import CreatorMatchSupport
import Foundation

extension Ranker {
  /// Why a creator ranks where it does, as sentences with the numbers behind each component.
  ///
  /// ```text
  /// engagement 0.83: ER 4.1% = 1.9× the 2.2% median of same-size instagram creators (18.4k followers); shrunk to 3.9% over 12 posts
  /// audience 0.71 on target: female 86% × ages 18-34 64% × PL 82%
  /// niche 0.80: matched serum, pielęgnacja, skincare; category skincare
  /// authenticity 0.85: 60% of recent posts sponsored (audience fatigue) ×0.85
  /// score 78.4 = 100 × 0.83^0.20 × 0.71^0.35 × 0.80^0.20 × 0.85^0.15
  /// ```
  ///
  /// - Parameters:
  ///   - ranked: A row of a ranking made by this ranker.
  ///   - plan: The plan of that ranking (`Ranking.plan`).
  /// - Returns: The explanation's lines, without newlines.
  /// - Complexity: O(1) per component, plus the brief's terms.
  public func explain(_ ranked: RankedCreator, plan: BriefPlan) -> [String] {
    let row = ranked.row
    var lines: [String] = []
    lines.append(engagementSentence(row, score: ranked.components.engagement))
    lines.append(audienceSentence(row, plan: plan, score: ranked.components.audience))
    lines.append(nicheSentence(row, plan: plan, score: ranked.components.niche))
    lines.append(authenticitySentence(row, score: ranked.components.authenticity))
    if let forecast = ranked.forecast, let value = ranked.components.value {
      lines.append(
        "value \(Formatting.fixed(value, 2)) = P(ROI > 0); median ROI "
          + "\(Formatting.signedPercent(forecast.roiP50)) (P10 \(Formatting.signedPercent(forecast.roiP10)), "
          + "P90 \(Formatting.signedPercent(forecast.roiP90))); cost "
          + Formatting.money(forecast.cost, currency: plan.forecast?.currency ?? "")
          + Self.priceNote(forecast, row: row, table: table))
    }
    if plan.weights.overlap > 0, let score = ranked.components.overlap {
      lines.append(overlapSentence(ranked, plan: plan, score: score))
    }
    lines.append(scoreSentence(ranked, weights: plan.weights))
    return lines
  }

  /// The overlap line: the creator's affinity with the brand audience, its error and the
  /// goal's reading of it.
  func overlapSentence(_ ranked: RankedCreator, plan: BriefPlan, score: Double) -> String {
    let head = "overlap \(Formatting.fixed(score, 2)): "
    let brand = plan.brand?.id ?? ""
    guard let overlap = ranked.brandOverlap else {
      return head + "no follower sketch, so set to the sketched creators' mean at its lower "
        + "bound (\(Formatting.fixed(plan.overlapEstimate ?? 0, 2)))"
    }
    var text =
      head + "affinity \(Self.affinityText(overlap)) of the audience already in \"\(brand)\" ("
      + (overlap.exact ? "exact, " : "estimated, ")
      + "\(Formatting.grouped(overlap.shared.rounded())) of \(Formatting.grouped(overlap.audience.rounded()))); "
      + "new to brand \(Formatting.percent(overlap.newToBrand, digits: 1)); "
    switch plan.overlapMeaning {
    case .newToBrand: text += "awareness scores the new-to-brand share"
    case .affinity:
      text +=
        "1 − exp(−\(Formatting.fixed(overlap.affinity, 3)) / \(Formatting.fixed(OverlapMeaning.affinityScale, 1)))"
    }
    return text
  }

  /// "38.2%" or "38.2% ± 1.9%".
  package static func affinityText(_ overlap: BrandOverlap) -> String {
    let value = Formatting.percent(overlap.affinity, digits: 1)
    return overlap.exact ? value : value + " ± " + Formatting.percent(overlap.error, digits: 1)
  }

  static func priceNote(_ forecast: CreatorForecast, row: Int, table: CreatorTable) -> String {
    switch forecast.priceSource {
    case .rateCard: return " (rate card)"
    case .convertedRateCard:
      return
        " (rate card \(table.currency(of: row) ?? "") \(Formatting.grouped(Double(table.prices[row]))) converted)"
    case .estimated: return " (estimated from the platform CPM by followers, scaled to the market)"
    }
  }

  func engagementSentence(_ row: Int, score: Double) -> String {
    let platform = Platform.allCases[Int(table.platforms[row])]
    let rate = table.rates[row]
    let head = "engagement \(Formatting.fixed(score, 2)): "
    guard !rate.isNaN else {
      return head
        + "no engagement data, so set to the middle of same-size \(platform.rawValue) peers"
    }
    let median = exp(Double(table.peerMeans[row]))
    let basis = table.rateBases[row] == 1 ? "by views" : "by followers"
    return head + "ER \(Formatting.percent(Double(rate))) \(basis) = "
      + "\(Formatting.fixed(Double(rate) / median, 1))× the \(Formatting.percent(median)) median of "
      + "same-size \(platform.rawValue) creators (\(Formatting.compactCount(table.followers[row])) "
      + "followers); shrunk to \(Formatting.percent(exp(Double(table.thetas[row])))) over "
      // Formatted, not converted with `Int(_:)`: a table built from creators that skipped
      // ingest's range checks may hold a count past `Int.max`, which would trap.
      + "\(Formatting.grouped(Double(table.postsSampled[row]))) posts"
  }

  func audienceSentence(_ row: Int, plan: BriefPlan, score: Double) -> String {
    guard !plan.audience.isEmpty else { return "audience: the brief targets no audience" }
    let description = AudiencePlan.describe(plan.audience.breakdown(row, in: table))
    return "audience \(Formatting.fixed(score, 2)) on target: " + description
  }

  func nicheSentence(_ row: Int, plan: BriefPlan, score: Double) -> String {
    guard !plan.niche.isEmpty else { return "niche: the brief names no keywords or categories" }
    var matched: [(String, Double)] = []
    for term in plan.niche.terms {
      let weight = table.postings.weight(ofTerm: term.id, row: row)
      if weight > 0 { matched.append((term.text, term.weight * Double(weight))) }
    }
    matched.sort { $0.1 != $1.1 ? $0.1 > $1.1 : ByteOrder.precedes($0.0, $1.0) }
    var text = "niche \(Formatting.fixed(score, 2)): "
    if matched.isEmpty {
      text += "no brief keyword in the creator's text"
    } else {
      let shown = matched.prefix(6).map(\.0)
      text += "matched " + shown.joined(separator: ", ")
      if matched.count > shown.count { text += " +\(matched.count - shown.count) more" }
    }
    let mask = table.categoryMasks[row] & plan.niche.categoryMask
    if mask != 0 {
      let names = Taxonomy.builtIn.niches.enumerated().filter {
        mask & (1 << UInt64($0.offset)) != 0
      }
      .map(\.element.id)
      text += "; category " + names.joined(separator: ", ")
    }
    return text
  }

  /// The authenticity flags of `row`, rebuilt from the table's evidence columns.
  package func authenticityFlags(row: Int) -> [AuthenticityFlag] {
    Authenticity.flags(
      authenticityEvidence(row: row), followers: table.followers[row],
      hasEngagement: !table.rates[row].isNaN)
  }

  /// The numbers behind `row`'s authenticity, from the table's evidence columns.
  func authenticityEvidence(row: Int) -> Authenticity.Evidence {
    let width = CreatorTable.evidenceWidth
    let values = table.evidence[(row * width)..<(row * width + width)].map { value -> Double? in
      value.isNaN ? nil : Double(value)
    }
    var evidence = Authenticity.Evidence()
    evidence.rawZ = values[0] ?? 0
    evidence.commentsPerLike = values[1]
    evidence.likes = values[2]
    evidence.followRatio = values[3]
    evidence.jumpZ = values[4]
    evidence.jumpShare = values[5]
    evidence.realShare = values[6]
    let step = Int(table.jumpSteps[row * 2])
    evidence.jumpStep = step > 0 ? step : nil
    evidence.jumpSteps = step > 0 ? Int(table.jumpSteps[row * 2 + 1]) : nil
    let sponsored = table.sponsoredShares[row]
    evidence.sponsoredShare = sponsored.isNaN ? nil : Double(sponsored)
    evidence.realShareFromEngagement = table.evidenceSources[row] & 1 != 0
    return evidence
  }

  func authenticitySentence(_ row: Int, score: Double) -> String {
    let evidence = authenticityEvidence(row: row)
    let flags = Authenticity.flags(
      evidence, followers: table.followers[row], hasEngagement: !table.rates[row].isNaN)
    var parts = flags.map { flag in
      "flag: \(flag.describe(evidence)) ×\(Formatting.fixed(flag.factor, 2))"
    }
    let adjustment = Authenticity.realShareAdjustment(evidence)
    if adjustment < 1 {
      parts.append(
        "\(AuthenticityFlag.realShareSource(evidence)) \(Formatting.percent(adjustment, digits: 0)) "
          + "×\(Formatting.fixed(adjustment, 2)) (no warning at "
          + "\(Formatting.percent(Authenticity.realShareThreshold(evidence), digits: 0)) or more)")
    }
    let head = "authenticity \(Formatting.fixed(score, 2)): "
    return head + (parts.isEmpty ? "no flags" : parts.joined(separator: "; "))
  }

  func scoreSentence(_ ranked: RankedCreator, weights: ComponentWeights) -> String {
    let components = ranked.components
    var terms: [String] = []
    let pairs: [(Double, Double)] = [
      (weights.engagement, components.engagement), (weights.audience, components.audience),
      (weights.niche, components.niche), (weights.authenticity, components.authenticity),
      (weights.value, components.value ?? 0), (weights.overlap, components.overlap ?? 0),
    ]
    for (weight, score) in pairs where weight > 0 {
      terms.append(
        "\(Formatting.fixed(max(score, ComponentScores.floor), 2))^\(Formatting.fixed(weight, 2))")
    }
    return "score \(Formatting.fixed(ranked.score, 1)) = 100 × " + terms.joined(separator: " × ")
  }
}
