/// The social platform a creator account lives on.
///
/// The platform decides which engagement-rate basis applies (views on ``tiktok`` and
/// ``youtube``, followers elsewhere) and which peer curve a creator is compared against.
public enum Platform: String, Sendable, CaseIterable, Comparable, Codable {
  /// Instagram.
  case instagram
  /// TikTok.
  case tiktok
  /// YouTube.
  case youtube
  /// X, formerly Twitter.
  case x
  /// Facebook.
  case facebook
  /// Twitch.
  case twitch
  /// Pinterest.
  case pinterest
  /// LinkedIn.
  case linkedin
  /// Any other platform.
  case other

  /// Whether engagement rate is measured against views, when views are known
  /// (<doc:Formulas#Engagement-rate>).
  public var measuresEngagementByViews: Bool {
    self == .tiktok || self == .youtube
  }

  /// A two-letter label for narrow tables.
  public var shortLabel: String {
    switch self {
    case .instagram: return "ig"
    case .tiktok: return "tt"
    case .youtube: return "yt"
    case .x: return "x"
    case .facebook: return "fb"
    case .twitch: return "tw"
    case .pinterest: return "pi"
    case .linkedin: return "li"
    case .other: return "--"
    }
  }

  /// The platform named by `text`, accepting common spellings ("IG", "Insta", "Twitter",
  /// "Tik Tok", "YT"); `nil` when it names none.
  public init?(parsing text: String) {
    let key = text.lowercased().filter { $0.isLetter }
    switch key {
    case "instagram", "ig", "insta": self = .instagram
    case "tiktok", "tt", "douyin": self = .tiktok
    case "youtube", "yt", "youtubeshorts": self = .youtube
    case "x", "twitter", "xcom": self = .x
    case "facebook", "fb", "meta": self = .facebook
    case "twitch": self = .twitch
    case "pinterest": self = .pinterest
    case "linkedin": self = .linkedin
    case "other": self = .other
    default: return nil
    }
  }

  /// Orders platforms by declaration order, so per-platform output is stable.
  public static func < (lhs: Platform, rhs: Platform) -> Bool {
    lhs.ordinal < rhs.ordinal
  }

  /// Position in `allCases`.
  public var ordinal: Int {
    Platform.allCases.firstIndex(of: self) ?? 0
  }
}
