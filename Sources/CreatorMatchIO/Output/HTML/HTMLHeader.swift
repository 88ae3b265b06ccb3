import CreatorMatch
import Foundation

/// The header sections every report starts with: the brief in words, the data used and the
/// eligibility funnel. The words and counts come from the brief, the plan's notes, the
/// ranking's filter counts and ``RankingReport/coverageLine(_:weights:)``'s evidence counts.
package enum HTMLHeader {
  /// The brief as label–value pairs: goal, market, audience, niche, platforms, budget, weights.
  ///
  /// - Parameters:
  ///   - brief: The brief.
  ///   - weights: The weights the ranking used.
  /// - Returns: The pairs, in reading order; a missing part says so rather than disappearing.
  package static func briefFacts(_ brief: CampaignBrief, weights: ComponentWeights) -> [(
    String, String
  )] {
    let audience = brief.audience
    let none = "any"
    var who: [String] = []
    if let gender = audience.gender { who.append(gender.rawValue) }
    if !audience.ages.isEmpty {
      who.append("ages " + audience.ages.map(\.label).joined(separator: ", "))
    }
    if !audience.interests.isEmpty {
      who.append("into " + audience.interests.joined(separator: ", "))
    }
    var market: [String] = []
    if !audience.countries.isEmpty { market.append(audience.countries.joined(separator: ", ")) }
    if !audience.languages.isEmpty {
      market.append("speaking " + audience.languages.joined(separator: ", "))
    }
    if !brief.constraints.creatorCountries.isEmpty {
      market.append("creators in " + brief.constraints.creatorCountries.joined(separator: ", "))
    }
    let niche = brief.niche
    var nicheParts: [String] = []
    if !niche.keywords.isEmpty {
      nicheParts.append(niche.keywords.map(\.term).joined(separator: ", "))
    }
    if !niche.categories.isEmpty {
      nicheParts.append("categories " + niche.categories.joined(separator: ", "))
    }
    if !niche.exclude.isEmpty {
      nicheParts.append("excluding " + niche.exclude.joined(separator: ", "))
    }
    var budget = "not set"
    if let economics = brief.economics {
      budget =
        economics.budget.map { Formatting.money($0, currency: economics.currency) }
        ?? "no cap (\(economics.currency))"
    }
    var facts: [(String, String)] = [
      ("brief", brief.brand.map { "\(brief.id) (\($0))" } ?? brief.id),
      ("goal", brief.goal.rawValue),
      ("market", market.isEmpty ? none : market.joined(separator: "; ")),
      ("audience", who.isEmpty ? none : who.joined(separator: ", ")),
      ("niche", nicheParts.isEmpty ? "none given" : nicheParts.joined(separator: "; ")),
      (
        "platforms",
        brief.platforms.isEmpty ? none : brief.platforms.map(\.rawValue).joined(separator: ", ")
      ),
      ("budget", budget),
    ]
    facts.append(("weights", weightsText(weights)))
    return facts
  }

  /// "engagement 0.15, audience 0.25, …": the weights above 0, as the text summary prints them.
  static func weightsText(_ weights: ComponentWeights) -> String {
    HTMLComponents.all.compactMap { component in
      let weight = component.weight(weights)
      return weight > 0 ? "\(component.name) \(Formatting.fixed(weight, 2))" : nil
    }.joined(separator: ", ")
  }

  /// The data used: the file, its creators and, per scored component, how many had it measured,
  /// partial, estimated or absent.
  ///
  /// - Parameters:
  ///   - html: The writer.
  ///   - source: The creator file's name.
  ///   - candidates: Creators in the table.
  ///   - coverage: The evidence counts, or `nil` when not counted.
  ///   - weights: The weights (components weighted 0 are left out).
  package static func data(
    _ html: inout HTMLWriter, source: String, candidates: Int, coverage: EvidenceCoverage?,
    weights: ComponentWeights
  ) {
    HTMLPage.facts(
      &html,
      [("creator file", source), ("creators in the table", Formatting.grouped(Double(candidates)))])
    guard let coverage else { return }
    html.element("div", ["class": "table-wrap"]) { wrap in
      wrap.element("table", ["class": "coverage"]) { table in
        table.element(
          "caption", text: "How many creators had each scored component measured or estimated")
        table.element("thead") { head in
          head.element("tr") { row in
            row.element("th", ["scope": "col"], text: "component")
            for level in Evidence.allCases {
              row.element("th", ["scope": "col", "class": "num"], text: level.description)
            }
          }
        }
        table.element("tbody") { body in
          for component in HTMLComponents.all.prefix(4) where component.weight(weights) > 0 {
            let counts = component.coverage(coverage)
            body.element("tr") { row in
              row.element("th", ["scope": "row"], text: component.name)
              for level in Evidence.allCases {
                row.element(
                  "td", ["class": "num"],
                  text: Formatting.grouped(Double(counts[Int(level.rawValue)])))
              }
            }
          }
        }
      }
    }
  }

  /// The eligibility funnel: the table's creators, what each constraint removed (in the order
  /// they apply, so each creator is counted once), and the eligible creators.
  ///
  /// - Parameters:
  ///   - html: The writer.
  ///   - candidates: Creators in the table.
  ///   - filtered: The ranking's filter counts.
  ///   - eligible: Creators that passed.
  package static func funnel(
    _ html: inout HTMLWriter, candidates: Int, filtered: FilterCounts, eligible: Int
  ) {
    let total = max(candidates, 1)
    func bar(_ value: Int) -> String {
      "width:\(Formatting.fixed(100 * Double(value) / Double(total), 1))%"
    }
    html.open("div", ["class": "table-wrap"])
    defer { html.close("div") }
    html.element("table", ["class": "funnel"]) { table in
      table.element("caption", text: "Eligibility: how many creators each constraint removed")
      table.element("thead") { head in
        head.raw(
          "<tr><th scope=\"col\">step</th><th scope=\"col\" class=\"num\">creators</th>"
            + "<th scope=\"col\" class=\"num\">remaining</th><th scope=\"col\">share remaining</th></tr>"
        )
      }
      table.element("tbody") { body in
        var remaining = candidates
        body.element("tr") { row in
          row.element("th", ["scope": "row"], text: "creators in the table")
          row.element("td", ["class": "num"], text: Formatting.grouped(Double(candidates)))
          row.element("td", ["class": "num"], text: Formatting.grouped(Double(candidates)))
          row.element("td", ["class": "bar"]) {
            $0.element("span", ["class": "meter", "style": bar(candidates)], text: "")
          }
        }
        for (reason, count) in filtered.nonZero {
          remaining -= count
          body.element("tr") { row in
            row.element("th", ["scope": "row"], text: "removed: " + reason.phrase)
            row.element("td", ["class": "num"], text: "−" + Formatting.grouped(Double(count)))
            row.element("td", ["class": "num"], text: Formatting.grouped(Double(remaining)))
            row.element("td", ["class": "bar"]) {
              $0.element("span", ["class": "meter", "style": bar(remaining)], text: "")
            }
          }
        }
        body.element("tr") { row in
          row.element("th", ["scope": "row"], text: "eligible")
          row.element("td", ["class": "num"], text: Formatting.grouped(Double(eligible)))
          row.element("td", ["class": "num"], text: Formatting.grouped(Double(eligible)))
          row.element("td", ["class": "bar"]) {
            $0.element("span", ["class": "meter", "style": bar(eligible)], text: "")
          }
        }
      }
    }
  }
}

/// The five score components in their fixed order, with their names, colors, weights, scores
/// and evidence, so that every table, chart and card lists them the same way.
package struct HTMLComponents: Sendable {
  /// The component's name.
  package var name: String
  /// Its CSS color.
  package var color: String
  /// Its weight.
  package var weight: @Sendable (ComponentWeights) -> Double
  /// Its score, `nil` for value without economics.
  package var score: @Sendable (ComponentScores) -> Double?
  /// Its evidence, `nil` for value without economics.
  package var evidence: @Sendable (ComponentEvidence) -> Evidence?
  /// Its evidence counts (value has none: an empty list).
  package var coverage: @Sendable (EvidenceCoverage) -> [Int]

  /// Engagement, audience, niche, authenticity, value.
  package static let all: [HTMLComponents] = [
    HTMLComponents(
      name: "engagement", color: "#0072b2", weight: { $0.engagement }, score: { $0.engagement },
      evidence: { $0.engagement }, coverage: { $0.engagement }),
    HTMLComponents(
      name: "audience", color: "#d55e00", weight: { $0.audience }, score: { $0.audience },
      evidence: { $0.audience }, coverage: { $0.audience }),
    HTMLComponents(
      name: "niche", color: "#009e73", weight: { $0.niche }, score: { $0.niche },
      evidence: { $0.niche }, coverage: { $0.niche }),
    HTMLComponents(
      name: "authenticity", color: "#cc79a7", weight: { $0.authenticity },
      score: { $0.authenticity }, evidence: { $0.authenticity }, coverage: { $0.authenticity }),
    HTMLComponents(
      name: "value", color: "#8a6d00", weight: { $0.value }, score: { $0.value },
      evidence: { $0.value }, coverage: { _ in [] }),
  ]

  /// The score as a waterfall from 100: the points each weighted component takes off, in the
  /// fixed order, then what is left. Each step multiplies by max(s_c, 0.01)^w_c
  /// (``ComponentScores/logFloored(_:)``, the score's own floor rule), so the last value is the
  /// composite score of ``ComponentScores/composite(_:)``.
  ///
  /// - Parameters:
  ///   - scores: The components.
  ///   - weights: The weights.
  /// - Returns: Points lost per component (0 for weights of 0), in ``all`` order, and the score.
  package static func waterfall(_ scores: ComponentScores, weights: ComponentWeights) -> (
    lost: [Double], score: Double
  ) {
    var running = 100.0
    var lost: [Double] = []
    for component in all {
      let weight = component.weight(weights)
      guard weight > 0 else {
        lost.append(0)
        continue
      }
      let next = running * exp(weight * ComponentScores.logFloored(component.score(scores) ?? 0))
      lost.append(running - next)
      running = next
    }
    return (lost, running)
  }

  /// A creator's score bar: the score, then the points each weighted component takes off 100
  /// (``waterfall(_:weights:)``), with the matching series names and colors.
  ///
  /// - Parameters:
  ///   - creator: The ranked creator.
  ///   - weights: The ranking's weights.
  /// - Returns: The bar and its series; segments sum to 100.
  package static func scoreBar(_ creator: RankedCreator, weights: ComponentWeights) -> (
    SVGChart.StackedBar, [(name: String, color: String)]
  ) {
    let waterfall = waterfall(creator.components, weights: weights)
    var segments = [creator.score]
    var series: [(name: String, color: String)] = [("score", "#13294b")]
    for (component, lost) in zip(all, waterfall.lost) where component.weight(weights) > 0 {
      segments.append(lost)
      series.append(("lost to \(component.name)", component.color))
    }
    return (SVGChart.StackedBar(label: creator.displayName, segments: segments), series)
  }
}
