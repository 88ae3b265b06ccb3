import CreatorMatch
import CreatorMatchIO
import CreatorMatchSupport

/// Which part of the creator table a batch run scores: shard `index` of `count`, creators assigned
/// by a stable hash of their id (`StableHash`), so every machine agrees without coordination.
///
/// ```swift
/// let shard = try ShardSpec(parsing: "2/7")  // the third of seven shards (0-based)
/// shard.contains("c000123")
/// ```
public struct ShardSpec: Sendable, Equatable, CustomStringConvertible {
  /// 0-based shard index.
  public var index: Int
  /// Number of shards, ≥ 1.
  public var count: Int

  /// The whole table as one shard.
  public static let whole = ShardSpec(index: 0, count: 1)

  /// Environment variables that array jobs set to the task's index, in precedence order:
  /// Kubernetes Indexed Jobs, AWS Batch array jobs, Slurm job arrays.
  public static let indexVariables = [
    "JOB_COMPLETION_INDEX", "AWS_BATCH_JOB_ARRAY_INDEX", "SLURM_ARRAY_TASK_ID",
  ]

  /// Creates a shard; `index` must be in `0..<count`.
  public init(index: Int, count: Int) {
    self.index = index
    self.count = count
  }

  /// Why a shard specification is unusable.
  public struct SpecError: Error, Sendable, CustomStringConvertible {
    /// What is wrong.
    public var description: String
  }

  /// Parses `i/n` (0 ≤ i < n).
  public init(parsing text: String) throws(SpecError) {
    let parts = text.split(separator: "/")
    guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1,
      (0..<count).contains(index)
    else {
      throw SpecError(
        description: "'\(text)' is not i/n with 0 ≤ i < n (shards are numbered from 0)")
    }
    self.init(index: index, count: count)
  }

  /// The shard named by an array job's environment, for `count` shards; `nil` when no index
  /// variable is set.
  public static func fromEnvironment(_ environment: [String: String], count: Int) throws(SpecError)
    -> ShardSpec?
  {
    for name in indexVariables {
      guard let value = environment[name] else { continue }
      guard let index = Int(value), (0..<count).contains(index) else {
        throw SpecError(
          description:
            "\(name)=\(value) is not a shard index in 0..<\(count) (number array tasks from 0)")
      }
      return ShardSpec(index: index, count: count)
    }
    return nil
  }

  /// Whether creator `id` belongs to this shard.
  @inlinable
  public func contains(_ id: String) -> Bool {
    count == 1 || Int(StableHash.hash(id) % UInt64(count)) == index
  }

  /// `i/n`.
  public var description: String { "\(index)/\(count)" }
}
