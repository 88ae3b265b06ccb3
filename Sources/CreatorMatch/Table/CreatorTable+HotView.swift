extension CreatorTable {
  /// Raw buffers of the columns the ranking loop reads for every creator. Valid only inside
  /// ``withHotView(_:)``; indexing is unchecked in release builds (the loop's rows are the
  /// table's own), which is worth about a fifth of the pass.
  struct HotView {
    let platforms: UnsafeBufferPointer<UInt8>
    let tiers: UnsafeBufferPointer<UInt8>
    let followers: UnsafeBufferPointer<Double>
    let countries: UnsafeBufferPointer<UInt16>
    let authenticity: UnsafeBufferPointer<Double>
    let sponsoredShares: UnsafeBufferPointer<Float>
    let categoryMasks: UnsafeBufferPointer<UInt64>
    let idRanks: UnsafeBufferPointer<UInt32>
    let logEngagement: UnsafeBufferPointer<Double>
    let logAuthenticity: UnsafeBufferPointer<Double>
  }

  /// Calls `body` with raw buffers of the hot columns.
  func withHotView<R>(_ body: (HotView) -> R) -> R {
    platforms.withUnsafeBufferPointer { platforms in
      tiers.withUnsafeBufferPointer { tiers in
        followers.withUnsafeBufferPointer { followers in
          countries.withUnsafeBufferPointer { countries in
            authenticity.withUnsafeBufferPointer { authenticity in
              sponsoredShares.withUnsafeBufferPointer { sponsored in
                categoryMasks.withUnsafeBufferPointer { masks in
                  idRanks.withUnsafeBufferPointer { ranks in
                    hot.logEngagement.withUnsafeBufferPointer { logEngagement in
                      hot.logAuthenticity.withUnsafeBufferPointer { logAuthenticity in
                        body(
                          HotView(
                            platforms: platforms, tiers: tiers, followers: followers,
                            countries: countries,
                            authenticity: authenticity, sponsoredShares: sponsored,
                            categoryMasks: masks,
                            idRanks: ranks, logEngagement: logEngagement,
                            logAuthenticity: logAuthenticity))
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}
