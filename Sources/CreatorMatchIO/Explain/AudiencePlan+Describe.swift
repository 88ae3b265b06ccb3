import CreatorMatch

extension AudiencePlan {
  /// The breakdown in words, country and language shown as the min(…) they combine into:
  /// "female 82% × ages 18-34 69% × min(PL 85%, in pl 91%)"; "(est.)" marks estimates.
  package static func describe(_ fits: [DimensionFit]) -> String {
    func describe(_ fit: DimensionFit) -> String {
      "\(fit.label) \(Formatting.percent(fit.share, digits: 0))" + (fit.estimated ? " (est.)" : "")
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
