import CreatorMatch

extension AudiencePlan {
  /// The breakdown in words, country and language shown as the min(…) they combine into:
  /// "female 82% × ages 18-34 69% × min(PL 85%, in pl 91%)". An estimate shows how it was
  /// obtained and the lower bound it ranks by: "IN 45% (est. 63%, ranked at its lower bound)";
  /// "(top country only …)" marks a partial share, "(no data …)" an absent dimension.
  package static func describe(_ fits: [DimensionFit]) -> String {
    func describe(_ fit: DimensionFit) -> String {
      let head = "\(label(fit)) \(Formatting.percent(fit.share, digits: 0))"
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

  /// A targeted dimension in words: "female", "ages 18-34", "PL+CZ", "in pl", "into skincare/beauty".
  static func label(_ fit: DimensionFit) -> String {
    let target = fit.target
    switch fit.kind {
    case .gender: return target.gender?.rawValue ?? ""
    case .age: return "ages " + ageLabel(target.ages)
    case .country: return target.countries.joined(separator: "+")
    case .language: return "in " + target.languages.joined(separator: "+")
    case .interest: return "into " + target.interests.joined(separator: "/")
    }
  }

  /// "18-34" for contiguous buckets, else "18-24+45-54".
  static func ageLabel(_ buckets: [AgeBucket]) -> String {
    let sorted = buckets.sorted()
    guard let first = sorted.first, let last = sorted.last else { return "" }
    if last.rawValue - first.rawValue + 1 == sorted.count {
      return last == .age55plus ? "\(first.lowerAge)+" : "\(first.lowerAge)-\(last.upperAge)"
    }
    return sorted.map(\.label).joined(separator: "+")
  }
}
