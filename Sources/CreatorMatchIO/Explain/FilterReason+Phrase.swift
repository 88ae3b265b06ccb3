import CreatorMatch

extension FilterReason {
  /// The reason in words for summaries and warnings ("creator country not allowed").
  public var phrase: String {
    switch self {
    case .platform: return "other platform"
    case .followers: return "followers out of range"
    case .tier: return "tier not allowed"
    case .creatorCountry: return "creator country not allowed"
    case .excludedID: return "excluded by id"
    case .authenticity: return "authenticity below minimum"
    case .sponsoredShare: return "too many sponsored posts"
    case .excludedTerm: return "text contains an excluded term"
    case .accountType: return "account type not allowed"
    case .excludedCategory: return "excluded category"
    }
  }
}
