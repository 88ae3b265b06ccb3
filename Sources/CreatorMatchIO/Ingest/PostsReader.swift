import CreatorMatch
import Foundation

/// Reads a posts file (JSONL, one post per line: `creator_id, timestamp, likes, comments, shares,
/// saves, views, sponsored, caption, hashtags`) and folds it into creators.
///
/// For every creator with posts, the per-post averages, `posts_sampled` and `sponsored_share` are
/// replaced by the posts' figures, captions and hashtags join the creator's text, and the sample
/// variance of ln ER across its posts is kept so the population fit can pool σ²
/// (the CreatorMatch article Formulas § Peer curve).
public enum PostsReader {
  /// What merging posts did.
  public struct Report: Sendable {
    /// Post lines read (blank lines excluded).
    public var postsRead = 0
    /// Posts used.
    public var postsUsed = 0
    /// Creators that received posts.
    public var creatorsUpdated = 0
    /// Posts whose creator id is not in the table.
    public var unknownCreatorPosts = 0
    /// Bad lines skipped.
    public var badLines = 0
    /// The first problems.
    public var firstProblems: [Diagnostic] = []
  }

  /// Known post keys.
  static let keys = [
    "creator_id", "timestamp", "likes", "comments", "shares", "saves", "views", "sponsored",
    "caption", "hashtags", "id", "post_id", "url",
  ]

  struct Accumulator {
    var count = 0.0
    var likes = 0.0
    var likeCount = 0.0
    var comments = 0.0
    var commentCount = 0.0
    var shares = 0.0
    var shareCount = 0.0
    var saves = 0.0
    var saveCount = 0.0
    var views = 0.0
    var viewCount = 0.0
    var sponsored = 0.0
    var sponsoredCount = 0.0
    var captions: [String] = []
    var hashtags: [String] = []
    var perPost: [(engagements: Double, views: Double?)] = []
  }

  /// Merges the posts in `path` into `creators`.
  ///
  /// - Parameters:
  ///   - path: A posts file (CSV, TSV or JSONL), one post a row, keyed by creator id.
  ///   - creators: The creators to update in place.
  ///   - strict: Stop at the first bad line instead of skipping it.
  /// - Returns: The counts of posts read and used and the first problems.
  /// - Throws: ``IngestError`` when the file is missing or unreadable, or a line is bad in strict
  ///   mode.
  /// - Complexity: O(p + c) for p posts and c creators.
  public static func merge(path: String, into creators: inout [Creator], strict: Bool = false)
    throws(IngestError) -> Report
  {
    let bytes = try ByteSource.readAll(path: path)
    var rowByID: [String: Int] = [:]
    for (row, creator) in creators.enumerated() { rowByID[creator.id] = row }
    var accumulators: [Int: Accumulator] = [:]
    var report = Report()
    func problem(_ line: Int, _ column: Int, _ message: String) throws(IngestError) {
      let diagnostic = Diagnostic(
        file: path, line: line, column: column, severity: .error, rule: "bad-post",
        message: message)
      if strict { throw .badRow(diagnostic) }
      report.badLines += 1
      if report.firstProblems.count < 10 { report.firstProblems.append(diagnostic) }
    }
    let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    try JSONLines.forEachLine(in: bytes, from: start) { lineNumber, line throws(IngestError) in
      if line.allSatisfy({ $0 <= 0x20 }) { return }
      report.postsRead += 1
      let node: JSONNode
      do throws(JSONSyntaxError) {
        node = try JSONParser.parse(line)
      } catch {
        try problem(lineNumber, error.position.column, error.message)
        return
      }
      guard case .object(let members) = node.value else {
        try problem(lineNumber, 1, "expected a JSON object per line")
        return
      }
      guard let idNode = members.first(where: { $0.key == "creator_id" })?.node else {
        try problem(lineNumber, 1, "creator_id: required key is missing")
        return
      }
      let id: String
      switch idNode.value {
      case .string(let text): id = text
      case .number(let number): id = JSONWriter.format(number)
      default:
        try problem(lineNumber, idNode.position.column, "creator_id: expected a string")
        return
      }
      guard let row = rowByID[id] else {
        report.unknownCreatorPosts += 1
        return
      }
      var accumulator = accumulators[row] ?? Accumulator()
      var engagements = 0.0
      var views: Double?
      var bad = false
      for member in members {
        let value = member.node.value
        switch member.key {
        case "likes", "comments", "shares", "saves", "views":
          guard case .number(let number) = value, number >= 0 else {
            if case .null = value { continue }
            try problem(
              lineNumber, member.node.position.column,
              "\(member.key): expected a count ≥ 0, found \(value.kindName)")
            bad = true
            continue
          }
          switch member.key {
          case "likes":
            accumulator.likes += number
            accumulator.likeCount += 1
            engagements += number
          case "comments":
            accumulator.comments += number
            accumulator.commentCount += 1
            engagements += number
          case "shares":
            accumulator.shares += number
            accumulator.shareCount += 1
            engagements += number
          case "saves":
            accumulator.saves += number
            accumulator.saveCount += 1
            engagements += number
          default:
            accumulator.views += number
            accumulator.viewCount += 1
            views = number
          }
        case "sponsored":
          switch value {
          case .bool(let flag): accumulator.sponsored += flag ? 1 : 0
          case .number(let number): accumulator.sponsored += number > 0 ? 1 : 0
          default: continue
          }
          accumulator.sponsoredCount += 1
        case "caption":
          if case .string(let text) = value, accumulator.captions.count < 30 {
            accumulator.captions.append(text)
          }
        case "hashtags":
          if let text = CreatorFileReader.flatten(value, field: .hashtags), !text.isEmpty {
            accumulator.hashtags.append(text.replacingOccurrences(of: "|", with: " "))
          }
        default:
          continue
        }
      }
      if bad { return }
      accumulator.count += 1
      accumulator.perPost.append((engagements, views))
      accumulators[row] = accumulator
      report.postsUsed += 1
    }
    for (row, accumulator) in accumulators.sorted(by: { $0.key < $1.key }) {
      apply(accumulator, to: &creators[row])
    }
    report.creatorsUpdated = accumulators.count
    return report
  }

  static func apply(_ posts: Accumulator, to creator: inout Creator) {
    var stats = creator.engagement
    func mean(_ sum: Double, _ count: Double) -> Double? { count > 0 ? sum / count : nil }
    stats.likes = mean(posts.likes, posts.likeCount)
    stats.comments = mean(posts.comments, posts.commentCount)
    stats.shares = mean(posts.shares, posts.shareCount)
    stats.saves = mean(posts.saves, posts.saveCount)
    stats.views = mean(posts.views, posts.viewCount) ?? stats.views
    stats.total = nil
    stats.rate = nil
    stats.postsSampled = posts.count
    creator.engagement = stats
    if let share = mean(posts.sponsored, posts.sponsoredCount) { creator.sponsoredShare = share }
    if !posts.captions.isEmpty { creator.captions = posts.captions.joined(separator: "\n") }
    if !posts.hashtags.isEmpty {
      creator.hashtags = ([creator.hashtags] + posts.hashtags).filter { !$0.isEmpty }
        .joined(separator: " ")
    }
    // Per-post ln ER and its sample variance.
    let byViews = creator.platform.measuresEngagementByViews
    let logs = posts.perPost.compactMap { post -> Double? in
      let basis = byViews ? (post.views ?? creator.followers) : creator.followers
      guard basis > 0 else { return nil }
      return log(max(post.engagements / basis, EngagementModel.minimumRate))
    }
    if logs.count >= 2 {
      let average = logs.reduce(0, +) / Double(logs.count)
      let squares = logs.reduce(0) { $0 + ($1 - average) * ($1 - average) }
      creator.perPostLogRateVariance = squares / Double(logs.count - 1)
    }
  }
}
