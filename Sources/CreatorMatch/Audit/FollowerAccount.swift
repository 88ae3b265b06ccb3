import Foundation

/// The public profile figures of one follower account, as a follower sample lists them.
///
/// Every field is what a visitor sees on the account's profile page, so a sample can be collected
/// without the account's cooperation (see README § Audience audit).
public struct FollowerAccount: Sendable, Equatable {
  /// The creator whose follower this is; empty when the sample is of one creator.
  public var creatorID: String
  /// The account's follower count.
  public var followers: Double
  /// How many accounts it follows.
  public var following: Double
  /// How many posts it has published.
  public var posts: Double
  /// Whether it has a profile picture.
  public var hasProfilePicture: Bool
  /// Whether the account is private.
  public var isPrivate: Bool
  /// Characters in the username.
  public var usernameLength: Int
  /// Digits in the username.
  public var usernameDigits: Int
  /// Characters in the bio; `nil` when the sample does not record it.
  public var bioLength: Int?

  /// Creates an account from its profile figures.
  ///
  /// - Parameters:
  ///   - creatorID: The creator followed; empty for a one-creator sample.
  ///   - followers: Follower count (≥ 0).
  ///   - following: Following count (≥ 0).
  ///   - posts: Post count (≥ 0).
  ///   - hasProfilePicture: Whether the profile has a picture.
  ///   - isPrivate: Whether the account is private.
  ///   - usernameLength: Characters in the username.
  ///   - usernameDigits: Digits among them.
  ///   - bioLength: Characters in the bio, when known.
  public init(
    creatorID: String = "", followers: Double, following: Double, posts: Double,
    hasProfilePicture: Bool, isPrivate: Bool, usernameLength: Int, usernameDigits: Int,
    bioLength: Int? = nil
  ) {
    self.creatorID = creatorID
    self.followers = followers
    self.following = following
    self.posts = posts
    self.hasProfilePicture = hasProfilePicture
    self.isPrivate = isPrivate
    self.usernameLength = usernameLength
    self.usernameDigits = usernameDigits
    self.bioLength = bioLength
  }

  /// The username's length and digit count, counted the way the model's training data counts
  /// them (Unicode characters; ASCII digits 0–9).
  ///
  /// - Parameter username: The handle, with or without a leading `@`.
  /// - Returns: The length and the number of digits.
  public static func usernameCounts(_ username: String) -> (length: Int, digits: Int) {
    let handle = username.hasPrefix("@") ? username.dropFirst() : Substring(username)
    let digits = handle.unicodeScalars.filter { $0.value >= 0x30 && $0.value <= 0x39 }.count
    return (handle.count, digits)
  }
}
