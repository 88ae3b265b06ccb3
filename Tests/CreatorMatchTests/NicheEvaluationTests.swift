import CreatorMatch
import Foundation
import Testing

@testable import CreatorMatch

/// Zero-shot niche ranking on hand-labelled tweets (TweetTopicXL in ../shared, train and
/// validation splits together): each tweet is a creator's bio, each niche is ranked by a brief
/// with `niche.categories` only and niche as the only weight, and the ranking is scored against
/// the tweets' topic labels. Prints the figures the README quotes.
enum NicheEvaluation {
  /// TweetTopicXL label → taxonomy niche.
  static let niches: [(label: String, niche: String)] = [
    ("fitness_&_health", "fitness"), ("food_&_dining", "food"), ("travel_&_adventure", "travel"),
    ("gaming", "gaming"), ("fashion_&_style", "fashion"), ("music", "music"), ("sports", "sports"),
  ]

  /// Languages evaluated (Greek has no taxonomy seeds, so it is left out).
  static let languages = ["en", "es", "ja"]

  /// One labelled text.
  struct Text {
    var text: String
    var labels: Set<String>
  }

  /// Figures of one language and niche.
  struct Figures: Equatable {
    /// Texts carrying the label.
    var positives: Int
    /// Texts with a niche score above zero.
    var matched: Int
    /// Labelled texts among the matched.
    var matchedPositives: Int
    /// Average precision over the texts with a score above zero (unmatched positives add 0).
    var averagePrecision: Double
    /// Precision at 20 (empty places count as misses).
    var precisionAt20: Double
  }

  /// Average precision and precision@k of a ranking: `scores` ordered descending (ties in input
  /// order), only scores above zero retrieved.
  static func figures(scores: [Double], relevant: [Bool], k: Int = 20) -> Figures {
    let order = scores.indices.filter { scores[$0] > 0 }.sorted {
      scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1
    }
    let positives = relevant.filter { $0 }.count
    var hits = 0
    var sum = 0.0
    var atK = 0
    for (rank, index) in order.enumerated() where relevant[index] {
      hits += 1
      sum += Double(hits) / Double(rank + 1)
      if rank < k { atK += 1 }
    }
    return Figures(
      positives: positives, matched: order.count, matchedPositives: hits,
      averagePrecision: positives == 0 ? 0 : sum / Double(positives),
      precisionAt20: Double(atK) / Double(k))
  }

  /// The texts of one language (train + validation), or `nil` without the shared data.
  static func texts(language: String) throws -> [Text]? {
    guard let directory = Fixtures.realDataDirectory else { return nil }
    var result: [Text] = []
    for split in ["train", "validation"] {
      let url = directory.appendingPathComponent("tweet_topic_xl/\(language)_\(split).jsonl")
      let data = try String(contentsOf: url, encoding: .utf8)
      for line in data.split(separator: "\n") where !line.isEmpty {
        guard
          let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
            as? [String: Any],
          let text = object["text"] as? String
        else { continue }
        var labels: Set<String> = []
        for (label, _) in niches where (object[label] as? Double ?? 0) > 0 { labels.insert(label) }
        result.append(Text(text: text, labels: labels))
      }
    }
    return result
  }

  /// Niche fits of every text for a categories-only brief naming `niche`.
  static func scores(table: CreatorTable, niche: String, expand: Bool = false) -> [Double] {
    var brief = CampaignBrief(id: "eval-\(niche)", goal: .awareness)
    brief.niche.categories = [niche]
    brief.niche.expand = expand
    let plan = BriefPlan(brief: brief, table: table)
    return Ranker(table: table).nicheFits(plan, threads: 1)
  }

  /// Figures per language and niche, in `languages` × `niches` order.
  static func run(expand: Bool = false) throws -> [(
    language: String, niche: String, figures: Figures
  )]? {
    var rows: [(String, String, Figures)] = []
    for language in languages {
      guard let texts = try texts(language: language) else { return nil }
      let creators = texts.enumerated().map { index, text -> Creator in
        var creator = Creator(id: "\(language)\(index)", platform: .instagram, followers: 10_000)
        creator.bio = text.text
        creator.language = language
        return creator
      }
      let table = Fixtures.table(creators)
      for (label, niche) in niches {
        let scores = scores(table: table, niche: niche, expand: expand)
        rows.append(
          (
            language, niche,
            figures(scores: scores, relevant: texts.map { $0.labels.contains(label) })
          ))
      }
    }
    return rows
  }
}

@Suite("Niche evaluation")
struct NicheEvaluationTests {
  @Test("average precision and P@k by hand")
  func figuresByHand() {
    // Ranked: 0.9 (rel), 0.5 (no), 0.4 (rel); one positive unmatched; 3 positives.
    let figures = NicheEvaluation.figures(
      scores: [0.4, 0.9, 0, 0.5, 0], relevant: [true, true, true, false, false], k: 2)
    #expect(figures.positives == 3)
    #expect(figures.matched == 3)
    #expect(figures.matchedPositives == 2)
    #expect(abs(figures.averagePrecision - (1 + 2.0 / 3) / 3) < 1e-12)
    #expect(figures.precisionAt20 == 0.5)
  }

  /// The figures as printed lines and the mean of AP ÷ base rate.
  static func report(_ rows: [(language: String, niche: String, figures: NicheEvaluation.Figures)])
    -> (lines: [String], mean: Double)
  {
    var lines = ["lang niche     pos matched  AP    base  AP/base P@20"]
    var ratios: [Double] = []
    for (language, niche, figures) in rows {
      let base = Double(figures.positives) / 200
      let ratio = base > 0 ? figures.averagePrecision / base : 0
      if base > 0 { ratios.append(ratio) }
      lines.append(
        "\(language)   \(niche.padding(toLength: 9, withPad: " ", startingAt: 0)) "
          + String(
            format: "%3d %3d/%-3d %.3f %.3f %5.2f  %.2f", figures.positives,
            figures.matchedPositives, figures.matched, figures.averagePrecision, base, ratio,
            figures.precisionAt20))
    }
    let mean = ratios.reduce(0, +) / Double(max(ratios.count, 1))
    lines.append(String(format: "mean AP/base %.2f", mean))
    return (lines, mean)
  }

  @Test("TweetTopicXL zero-shot figures", .enabled(if: Fixtures.hasRealData))
  func tweetTopic() throws {
    guard let rows = try NicheEvaluation.run() else { return }
    let (lines, mean) = Self.report(rows)
    print(lines.joined(separator: "\n"))
    // The README's figures: the mean ratio with the grown lexicons (1.52 before stemming, whole
    // CJK seeds and hashtag splits, 4.59 after them), and no Japanese fitness or fashion match
    // on shared bigrams alone: every Japanese text that scores contains one of the niche's seeds
    // as written (the grown lists match some fitness and fashion texts on real terms).
    #expect(mean > 8)
    guard let texts = try NicheEvaluation.texts(language: "ja") else { return }
    let creators = texts.enumerated().map { index, text -> Creator in
      var creator = Creator(id: "ja\(index)", platform: .instagram, followers: 10_000)
      creator.bio = text.text
      creator.language = "ja"
      return creator
    }
    let table = Fixtures.table(creators)
    for id in ["fitness", "fashion"] {
      guard let niche = Taxonomy.builtIn.niches.first(where: { $0.id == id }) else { continue }
      let seeds = niche.seeds.values.joined().map {
        $0.precomposedStringWithCompatibilityMapping.lowercased()
      }
      for (index, score) in NicheEvaluation.scores(table: table, niche: id).enumerated()
      where score > 0 {
        let text = texts[index].text.precomposedStringWithCompatibilityMapping.lowercased()
        #expect(seeds.contains { text.contains($0) }, "ja \(id): \(texts[index].text)")
      }
    }
  }

  @Test(
    "TweetTopicXL zero-shot figures with the query expanded", .enabled(if: Fixtures.hasRealData))
  func tweetTopicExpanded() throws {
    guard let plain = try NicheEvaluation.run(),
      let expanded = try NicheEvaluation.run(expand: true)
    else { return }
    let (lines, mean) = Self.report(expanded)
    let plainMean = Self.report(plain).mean
    print("expanded (niche.expand):\n" + lines.joined(separator: "\n"))
    print(String(format: "mean AP/base %.2f → %.2f", plainMean, mean))
    // The README's figures: with the grown lexicons expansion lowers the mean ratio
    // (8.41 → 6.67), which is why it is off by default; it adds no Japanese fitness or fashion
    // match (too few feedback texts to learn from: the matches stay those of the seeds).
    #expect(mean > 6.6 && mean < 6.75)
    #expect(mean < plainMean)
    for (language, niche, figures) in expanded where language == "ja" {
      guard niche == "fitness" || niche == "fashion",
        let before = plain.first(where: { $0.0 == language && $0.1 == niche })
      else { continue }
      #expect(figures.matched == before.2.matched, "ja \(niche)")
    }
  }
}
