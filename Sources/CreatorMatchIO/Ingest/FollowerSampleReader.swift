import CreatorMatch
import Foundation

/// The columns of a follower sample, for `creatormatch audit`.
public enum FollowerSampleField: String, CaseIterable, Sendable {
  /// The creator followed (optional: one creator when absent).
  case creatorID = "creator_id"
  /// The account's follower count.
  case followers
  /// The account's following count.
  case following
  /// The account's post count.
  case posts
  /// Whether it has a profile picture.
  case hasProfilePicture = "has_profile_picture"
  /// Whether it is private.
  case isPrivate = "is_private"
  /// The username (its length and digits are counted).
  case username
  /// The username's length, when the username itself is not given.
  case usernameLength = "username_length"
  /// The digits in the username, when the username itself is not given.
  case usernameDigits = "username_digits"
  /// The bio's length (optional).
  case bioLength = "bio_length"

  /// Header spellings accepted for the field, normalised by ``normalize(_:)``; InstaFake's own
  /// names are among them so its files read as they are.
  var aliases: [String] {
    switch self {
    case .creatorID: ["creatorid", "creator", "influencer", "influencerid", "account"]
    case .followers:
      ["followers", "followercount", "followerscount", "userfollowercount", "nfollowers"]
    case .following:
      ["following", "followingcount", "follows", "followscount", "userfollowingcount"]
    case .posts: ["posts", "postcount", "postscount", "mediacount", "usermediacount", "media"]
    case .hasProfilePicture:
      [
        "hasprofilepicture", "hasprofilepic", "profilepicture", "profilepic", "userhasprofilpic",
        "userhasprofilepic", "haspic", "avatar",
      ]
    case .isPrivate: ["isprivate", "private", "userisprivate"]
    case .username: ["username", "handle", "user", "screenname", "login"]
    case .usernameLength: ["usernamelength", "handlelength"]
    case .usernameDigits: ["usernamedigits", "usernamedigitcount", "handledigits"]
    case .bioLength: ["biolength", "biographylength", "userbiographylength"]
    }
  }

  /// Lower case with everything but letters and digits removed, so `Has Profile Picture`,
  /// `has_profile_picture` and `hasProfilePicture` are one name.
  static func normalize(_ header: String) -> String {
    String(
      header.lowercased().unicodeScalars.filter {
        $0.properties.isAlphabetic || ("0"..."9").contains($0)
      })
  }

  /// The field named by `name`: its raw value in any case, with or without `_`, `-` or spaces.
  ///
  /// - Parameter name: A field name such as `followers` or `has_profile_picture`.
  public init?(name: String) {
    let wanted = Self.normalize(name)
    guard let field = Self.allCases.first(where: { Self.normalize($0.rawValue) == wanted }) else {
      return nil
    }
    self = field
  }
}

/// A follower sample read from a file, and what was skipped.
public struct FollowerSample: Sendable {
  /// The file read.
  public var file: String
  /// The usable accounts, in file order.
  public var accounts: [FollowerAccount] = []
  /// Each account's line in the file.
  public var lines: [Int] = []
  /// Data rows read (blank lines excluded).
  public var rowsRead = 0
  /// Bad rows skipped.
  public var rowsSkipped = 0
  /// The first problems (at most ten).
  public var firstProblems: [Diagnostic] = []
}

/// Reads a follower sample (CSV, TSV or JSONL, one account a row) for the audience audit.
///
/// Columns are found by name through aliases or `overrides` (`--map`); a bad row is skipped and
/// counted, or stops the read when `strict`. Booleans read `1/0`, `true/false`, `yes/no`;
/// counts accept human forms such as `1.2k`.
public enum FollowerSampleReader {
  /// Reads `path`.
  ///
  /// - Parameters:
  ///   - path: The sample file; JSON when it ends in `.jsonl`/`.ndjson`/`.json` or starts with `{`
  ///     or `[`: one object a line, or one array of objects.
  ///   - overrides: Columns to read fields from, by header name.
  ///   - delimiter: The CSV separator; `nil` detects it.
  ///   - strict: Stop at the first bad row.
  /// - Returns: The accounts and the read's report.
  /// - Throws: ``IngestError`` when the file is missing, a required column is absent, a row is bad
  ///   in strict mode, or no row is usable.
  /// - Complexity: O(file size).
  public static func read(
    path: String, overrides: [FollowerSampleField: String] = [:], delimiter: UInt8? = nil,
    strict: Bool = false
  ) throws(IngestError) -> FollowerSample {
    let bytes = try ByteSource.readAll(path: path)
    var sample = FollowerSample(file: path)
    let lower = path.lowercased()
    let firstByte = bytes.first(where: { $0 > 0x20 && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF })
    if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") || lower.hasSuffix(".json")
      || firstByte == UInt8(ascii: "{") || firstByte == UInt8(ascii: "[")
    {
      try readJSONLines(bytes, into: &sample, overrides: overrides, strict: strict)
    } else {
      try readCSV(bytes, into: &sample, overrides: overrides, delimiter: delimiter, strict: strict)
    }
    if sample.accounts.isEmpty {
      throw .noUsableRows(
        path: path, skipped: sample.rowsSkipped, firstProblem: sample.firstProblems.first)
    }
    return sample
  }

  /// One cell: text from a CSV field or a JSON value, and its column for diagnostics.
  enum Cell {
    case text(String)
    case json(JSONValue)
  }

  /// A row problem: its column and message.
  struct RowProblem: Error {
    var column: Int
    var rule: String
    var message: String
  }

  static func report(
    _ problem: RowProblem, line: Int, into sample: inout FollowerSample, strict: Bool
  ) throws(IngestError) {
    let diagnostic = Diagnostic(
      file: sample.file, line: line, column: problem.column, severity: .error, rule: problem.rule,
      message: problem.message)
    if strict { throw .badRow(diagnostic) }
    sample.rowsSkipped += 1
    if sample.firstProblems.count < 10 { sample.firstProblems.append(diagnostic) }
  }

  static func readCSV(
    _ bytes: [UInt8], into sample: inout FollowerSample, overrides: [FollowerSampleField: String],
    delimiter: UInt8?, strict: Bool
  ) throws(IngestError) {
    var reader = try CSVReader(bytes: bytes, name: sample.file, delimiter: delimiter)
    let header = reader.header
    let normalized = header.map(FollowerSampleField.normalize)
    var columns: [FollowerSampleField: Int] = [:]
    for (field, wanted) in overrides {
      let target = FollowerSampleField.normalize(wanted)
      guard let index = header.firstIndex(of: wanted) ?? normalized.firstIndex(of: target) else {
        throw .unusable(
          Diagnostic(
            file: sample.file, line: reader.headerLine, column: 0, severity: .error,
            rule: "unknown-mapped-column",
            message: "--map \(field.rawValue)=\(wanted): the file has no column \"\(wanted)\"; "
              + "its columns are: " + header.map { "\"\($0)\"" }.joined(separator: ", ")))
      }
      columns[field] = index
    }
    for field in FollowerSampleField.allCases where columns[field] == nil {
      if let index = normalized.firstIndex(where: { field.aliases.contains($0) }) {
        columns[field] = index
      }
    }
    var missing = [
      FollowerSampleField.followers, .following, .posts, .hasProfilePicture, .isPrivate,
    ]
    .filter { columns[$0] == nil }.map(\.rawValue)
    if columns[.username] == nil
      && (columns[.usernameLength] == nil || columns[.usernameDigits] == nil)
    {
      missing.append("username (or username_length and username_digits)")
    }
    guard missing.isEmpty else {
      throw .unusable(
        Diagnostic(
          file: sample.file, line: reader.headerLine, column: 0, severity: .error,
          rule: "missing-column",
          message: "no column for " + missing.joined(separator: ", ")
            + " (map one with --map FIELD=COLUMN); the columns are: "
            + header.map { "\"\($0)\"" }.joined(separator: ", ")))
    }
    var record = CSVRecord()
    while try reader.next(into: &record) {
      if record.count == 0 || (record.count == 1 && record.string(at: 0).allSatisfy(\.isWhitespace))
      {
        continue
      }
      sample.rowsRead += 1
      let row = record
      let result = decode { field in
        guard let index = columns[field] else { return nil }
        let text = index < row.count ? row.string(at: index) : ""
        return (.text(text), index + 1)
      }
      switch result {
      case .success(let account):
        sample.accounts.append(account)
        sample.lines.append(row.line)
      case .failure(let problem):
        try report(problem, line: row.line, into: &sample, strict: strict)
      }
    }
  }

  static func readJSONLines(
    _ bytes: [UInt8], into sample: inout FollowerSample, overrides: [FollowerSampleField: String],
    strict: Bool
  ) throws(IngestError) {
    let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    if bytes[start...].first(where: { $0 > 0x20 }) == UInt8(ascii: "[") {
      // One JSON array of account objects (InstaFake's own layout): lines are the objects' own.
      let node: JSONNode
      do {
        node = try JSONParser.parse(Array(bytes[start...]))
      } catch {
        throw .unusable(.invalidJSON(error, file: sample.file))
      }
      guard case .array(let items) = node.value else { return }
      for item in items {
        sample.rowsRead += 1
        try add(item, line: item.position.line, into: &sample, overrides: overrides, strict: strict)
      }
      return
    }
    try JSONLines.forEachLine(in: bytes, from: start) { lineNumber, line throws(IngestError) in
      if line.allSatisfy({ $0 <= 0x20 }) { return }
      sample.rowsRead += 1
      let node: JSONNode
      do throws(JSONSyntaxError) {
        node = try JSONParser.parse(line)
      } catch {
        try report(
          RowProblem(column: error.position.column, rule: "invalid-json", message: error.message),
          line: lineNumber, into: &sample, strict: strict)
        return
      }
      try add(node, line: lineNumber, into: &sample, overrides: overrides, strict: strict)
    }
  }

  /// Decodes one JSON account object into the sample, or reports why it cannot.
  static func add(
    _ node: JSONNode, line: Int, into sample: inout FollowerSample,
    overrides: [FollowerSampleField: String], strict: Bool
  ) throws(IngestError) {
    guard case .object(let members) = node.value else {
      try report(
        RowProblem(
          column: node.position.column, rule: "not-an-object",
          message: "expected a JSON object for each account, found \(node.value.kindName)"),
        line: line, into: &sample, strict: strict)
      return
    }
    let result = decode { field in
      let member: JSONMember?
      if let wanted = overrides[field] {
        member = members.first { $0.key == wanted }
      } else {
        member = members.first { field.aliases.contains(FollowerSampleField.normalize($0.key)) }
      }
      return member.map { (.json($0.node.value), $0.node.position.column) }
    }
    switch result {
    case .success(let account):
      sample.accounts.append(account)
      sample.lines.append(line)
    case .failure(let problem):
      try report(problem, line: line, into: &sample, strict: strict)
    }
  }

  /// Decodes one row from a lookup of its cells.
  static func decode(_ cell: (FollowerSampleField) -> (Cell, Int)?) -> Result<
    FollowerAccount, RowProblem
  > {
    do throws(RowProblem) {
      func count(_ field: FollowerSampleField, required: Bool = true) throws(RowProblem) -> Double?
      {
        guard let (value, column) = cell(field) else {
          if required {
            throw RowProblem(
              column: 0, rule: "missing-\(field.rawValue)", message: "\(field.rawValue): missing")
          }
          return nil
        }
        let number: Double?
        switch value {
        case .text(let text):
          switch HumanNumber.parse(text) {
          case .value(let parsed, isPercent: false): number = parsed
          case .missing:
            if !required { return nil }
            throw RowProblem(
              column: column, rule: "missing-\(field.rawValue)",
              message: "\(field.rawValue): missing")
          default: number = nil
          }
        case .json(.number(let parsed)): number = parsed
        case .json(.null):
          if !required { return nil }
          throw RowProblem(
            column: column, rule: "missing-\(field.rawValue)", message: "\(field.rawValue): missing"
          )
        case .json: number = nil
        }
        guard let number, number.isFinite, number >= 0 else {
          throw RowProblem(
            column: column, rule: "not-a-count",
            message: "\(field.rawValue): expected a count ≥ 0, found \(describe(value))")
        }
        return number
      }
      func flag(_ field: FollowerSampleField) throws(RowProblem) -> Bool {
        guard let (value, column) = cell(field) else {
          throw RowProblem(
            column: 0, rule: "missing-\(field.rawValue)", message: "\(field.rawValue): missing")
        }
        switch value {
        case .json(.bool(let flag)): return flag
        case .json(.number(let number)) where number == 0 || number == 1: return number == 1
        case .text(let text):
          switch text.trimmingCharacters(in: .whitespaces).lowercased() {
          case "1", "true", "yes", "y", "t": return true
          case "0", "false", "no", "n", "f": return false
          default: break
          }
        default: break
        }
        throw RowProblem(
          column: column, rule: "not-a-boolean",
          message: "\(field.rawValue): expected true/false, yes/no or 1/0, found \(describe(value))"
        )
      }
      var creatorID = ""
      if let (value, _) = cell(.creatorID) {
        switch value {
        case .text(let text): creatorID = text.trimmingCharacters(in: .whitespaces)
        case .json(.string(let text)): creatorID = text
        case .json(.number(let number)): creatorID = JSONWriter.format(number)
        default: break
        }
      }
      var lengthAndDigits: (Int, Int)?
      if let (value, _) = cell(.username) {
        let name: String? =
          switch value {
          case .text(let text): text.trimmingCharacters(in: .whitespaces)
          case .json(.string(let text)): text
          default: nil
          }
        if let name, !name.isEmpty {
          let counts = FollowerAccount.usernameCounts(name)
          lengthAndDigits = (counts.length, counts.digits)
        }
      }
      if lengthAndDigits == nil {
        guard cell(.usernameLength) != nil || cell(.username) == nil else {
          throw RowProblem(
            column: cell(.username)?.1 ?? 0, rule: "missing-username", message: "username: missing")
        }
        let length = try count(.usernameLength) ?? 0
        let digits = try count(.usernameDigits) ?? 0
        guard digits <= length else {
          throw RowProblem(
            column: cell(.usernameDigits)?.1 ?? 0, rule: "digits-exceed-length",
            message: "username_digits: \(Int(digits)) is more than username_length \(Int(length))")
        }
        lengthAndDigits = (Int(length), Int(digits))
      }
      let bio = try count(.bioLength, required: false)
      return .success(
        FollowerAccount(
          creatorID: creatorID, followers: try count(.followers) ?? 0,
          following: try count(.following) ?? 0, posts: try count(.posts) ?? 0,
          hasProfilePicture: try flag(.hasProfilePicture), isPrivate: try flag(.isPrivate),
          usernameLength: lengthAndDigits?.0 ?? 0, usernameDigits: lengthAndDigits?.1 ?? 0,
          bioLength: bio.map { Int($0) }))
    } catch {
      return .failure(error)
    }
  }

  static func describe(_ cell: Cell) -> String {
    switch cell {
    case .text(let text): return text.isEmpty ? "an empty field" : "\"\(text)\""
    case .json(let value): return value.kindName
    }
  }
}
