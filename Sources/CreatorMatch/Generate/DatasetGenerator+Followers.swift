import CreatorMatchSupport
import Foundation

extension DatasetGenerator {
  /// Writes follower edges (`creator_id<TAB>follower_id`) for generated creators, a random share
  /// `sampleRate` of each audience, to `write` in chunks.
  ///
  /// Audiences overlap the way real ones do: a creator's followers come 70% from a pool of its
  /// (country, niche) community, 24% from its country and 6% from everywhere, and within each
  /// pool a few very active users follow many creators (indices drawn as ⌊P·u^α⌋, α = 2, 2 and
  /// 1.5). Pools model 300k, 20M and 100M people, scaled by the sample rate. Creators in the same
  /// market and niche therefore share a visible part of their audiences, and the shortlist can
  /// avoid paying twice for them. Creator `i`'s edges depend only on the seed and `i`.
  ///
  /// - Returns: the number of edges written.
  public func writeFollowerEdges(
    for generated: [Generated], sampleRate: Double, write: (String) throws -> Void
  ) rethrows -> Int {
    let rate = min(max(sampleRate, 1e-6), 1)
    let pools: [(share: Double, people: Double, skew: Double)] = [
      (0.7, 300_000, 2), (0.24, 20_000_000, 2), (0.06, 100_000_000, 1.5),
    ]
    var text = "creator_id\tfollower_id\n# sample-rate \(rate)\n"
    var written = 0
    for (index, item) in generated.enumerated() {
      let creator = item.creator
      var random = SeededRandom(
        seed: StableHash.mix(seed ^ 0xF011_0E25 &+ UInt64(index) &* 0x9E37_79B9))
      let draws = Int((creator.followers * rate).rounded())
      var seen = Set<UInt64>()
      seen.reserveCapacity(draws)
      let country = creator.country ?? "XX"
      for _ in 0..<draws {
        for _ in 0..<4 {
          let pool = random.weightedIndex(pools.map(\.share))
          let size = max(pools[pool].people * rate, 10)
          let position = UInt64(size * pow(random.nextUnit(), pools[pool].skew))
          let key: UInt64
          let label: String
          switch pool {
          case 0:
            key = StableHash.hash("\(country)/\(item.niche)") &+ position
            label = "\(country)-\(item.niche)-\(position)"
          case 1:
            key = StableHash.hash(country) &+ position
            label = "\(country)-\(position)"
          default:
            key = position
            label = "g\(position)"
          }
          if seen.insert(key).inserted {
            text += creator.id + "\t" + label + "\n"
            written += 1
            break
          }
        }
        if text.utf8.count > 1 << 20 {
          try write(text)
          text = ""
        }
      }
    }
    try write(text)
    return written
  }
}
