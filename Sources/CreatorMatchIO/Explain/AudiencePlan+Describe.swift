import CreatorMatch

extension AudiencePlan {
  /// The breakdown in words, country and language shown as the min(…) they combine into:
  /// "female 82% × ages 18-34 69% × min(PL 85%, in pl 91%)". An estimate shows how it was
  /// obtained and the lower bound it ranks by: "IN 45% (est. 63%, ranked at its lower bound)";
  /// "(top country only …)" marks a partial share, "(no data …)" an absent dimension.
  package static func describe(_ fits: [DimensionFit]) -> String {
    func describe(_ fit: DimensionFit) -> String {
      let head = "\(fit.label) \(Formatting.percent(fit.share, digits: 0))"
      switch fit.evidence {
      case .measured: return head
      case .absent: return head + " (no creator has this data)"
      case .partial, .estimated:
        let kind = fit.evidence == .partial ? "partial" : "est."
        guard fit.estimate != fit.share else { return head + " (\(kind))" }
        return head
          + " (\(kind) \(Formatting.percent(fit.estimate, digits: 0)), ranked at its lower bound)"
      }
    }
    var parts: [String] = []
    let geography = fits.filter { $0.kind == .country || $0.kind == .language }
    for fit in fits where fit.kind != .country && fit.kind != .language {
      parts.append(describe(fit))
    }
    if geography.count == 2 {
      parts.append("min(" + geography.map(describe).joined(separator: ", ") + ")")
    } else if let only = geography.first {
      parts.append(describe(only))
    }
    return parts.joined(separator: " × ")
  }
}
