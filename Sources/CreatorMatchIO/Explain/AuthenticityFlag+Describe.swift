import CreatorMatch

extension AuthenticityFlag {
  /// The warning in words with the numbers that raised it, e.g. "engagement z = 3.4 against
  /// same-size peers (likely pods or bought likes)".
  ///
  /// - Parameter evidence: The creator's evidence the flag was raised from.
  /// - Returns: One clause, without the penalty.
  public func describe(_ evidence: Authenticity.Evidence) -> String {
    switch kind {
    case .engagementFarAbovePeers:
      return "engagement z = \(Formatting.fixed(evidence.rawZ, 1)) against same-size peers "
        + "(likely pods or bought likes)"
    case .engagementFarBelowPeers:
      return "engagement z = \(Formatting.fixed(evidence.rawZ, 1)) against same-size peers "
        + "(dead or bought audience)"
    case .fewComments:
      return "\(Formatting.fixed((evidence.commentsPerLike ?? 0) * 1000, 1)) comments per 1,000 "
        + "likes (likes without conversation)"
    case .commentHeavy:
      return "\(Formatting.fixed(evidence.commentsPerLike ?? 0, 2)) comments per like "
        + "(comment-to-enter giveaways)"
    case .followForFollow:
      return "follows \(Formatting.fixed(evidence.followRatio ?? 0, 1))× as many accounts as "
        + "follow it (follow-for-follow)"
    case .followerJump:
      let step = evidence.jumpStep.map { " at step \($0) of \(evidence.jumpSteps ?? $0)" } ?? ""
      return "follower jump +\(Formatting.fixed((evidence.jumpShare ?? 0) * 100, 0))%\(step), "
        + "robust z = \(Formatting.fixed(evidence.jumpZ ?? 0, 1)) (likely bought followers)"
    case .oversponsored:
      return "\(Formatting.fixed((evidence.sponsoredShare ?? 0) * 100, 0))% of recent posts "
        + "sponsored (audience fatigue)"
    case .inauthenticAudience:
      return "\(Self.realShareSource(evidence)) "
        + "\(Formatting.fixed((evidence.realShare ?? 0) * 100, 0))%"
    }
  }

  /// What a real-audience share was measured from, in words.
  static func realShareSource(_ evidence: Authenticity.Evidence) -> String {
    evidence.realShareFromEngagement ? "authentic engagement share" : "real audience"
  }
}
