extension AudiencePlan {
  /// The on-target shares of every row in `range`, written to `shares[row − range.lowerBound]`,
  /// dimension by dimension over contiguous columns (the fast path of the ranking pass).
  ///
  /// The multiplications happen in the order ``evaluate(_:in:)`` uses (gender, age, geography,
  /// interests, each sum in entry order), so both give the same bits for every row.
  func evaluateBlock(_ range: Range<Int>, in table: CreatorTable, into shares: inout [Double]) {
    let base = range.lowerBound
    let count = range.count
    let width = AgeBucket.allCases.count
    let ageWeights = ageMask.map { $0 ? 1.0 : 0.0 }
    let countryWeights = countryAllowed?.map { $0 ? 1.0 : 0.0 } ?? []
    let languageWeights = languageAllowed?.map { $0 ? 1.0 : 0.0 } ?? []
    let interestWeights = interestAllowed?.map { $0 ? 1.0 : 0.0 } ?? []
    let gender = self.gender
    let hasAges = !target.ages.isEmpty
    let hasCountries = countryAllowed != nil
    let hasLanguages = languageAllowed != nil
    let hasInterests = interestAllowed != nil
    let (genderPrior, agePrior, interestPrior) = (self.genderPrior, self.agePrior, self.interestPrior)
    let countryPrior = self.countryPrior
    let languagePrior = self.languagePrior
    let countries = table.audienceCountries
    let languages = table.audienceLanguages
    let interests = table.audienceInterests
    // One loop over every column the target needs, through raw buffers, multiplying in the order
    // evaluate uses: gender, age, geography, interests.
    shares.withUnsafeMutableBufferPointer { out in
      table.femaleShares.withUnsafeBufferPointer { female in
        table.ageShares.withUnsafeBufferPointer { ages in
          countries.offsets.withUnsafeBufferPointer { countryOffsets in
            countries.keys.withUnsafeBufferPointer { countryKeys in
              countries.shares.withUnsafeBufferPointer { countryShares in
                languages.offsets.withUnsafeBufferPointer { languageOffsets in
                  languages.keys.withUnsafeBufferPointer { languageKeys in
                    languages.shares.withUnsafeBufferPointer { languageShares in
                      interests.offsets.withUnsafeBufferPointer { interestOffsets in
                        interests.keys.withUnsafeBufferPointer { interestKeys in
                          interests.shares.withUnsafeBufferPointer { interestShares in
                            for index in 0..<count {
                              let row = base + index
                              var share = 1.0
                              if let gender {
                                let value = female[row]
                                share *= value.isNaN ? genderPrior : (gender == .female ? Double(value) : 1 - Double(value))
                              }
                              if hasAges {
                                let start = row * width
                                if ages[start].isNaN {
                                  share *= agePrior
                                } else {
                                  var sum = 0.0
                                  for bucket in 0..<width { sum += ageWeights[bucket] * Double(ages[start + bucket]) }
                                  share *= sum
                                }
                              }
                              if hasCountries || hasLanguages {
                                var geography = 1.0
                                if hasCountries {
                                  let low = Int(countryOffsets[row])
                                  let high = Int(countryOffsets[row + 1])
                                  var total: Double
                                  if high > low {
                                    total = 0
                                    for entry in low..<high {
                                      total += countryWeights[Int(countryKeys[entry])] * Double(countryShares[entry])
                                    }
                                  } else {
                                    total = Self.homeEstimate(
                                      own: table.countries[row], allowed: countryAllowed ?? [], prior: countryPrior)
                                  }
                                  geography = min(geography, total)
                                }
                                if hasLanguages {
                                  let low = Int(languageOffsets[row])
                                  let high = Int(languageOffsets[row + 1])
                                  var total: Double
                                  if high > low {
                                    total = 0
                                    for entry in low..<high {
                                      total += languageWeights[Int(languageKeys[entry])] * Double(languageShares[entry])
                                    }
                                  } else {
                                    total = Self.homeEstimate(
                                      own: table.languages[row], allowed: languageAllowed ?? [], prior: languagePrior)
                                  }
                                  geography = min(geography, total)
                                }
                                share *= geography
                              }
                              if hasInterests {
                                let low = Int(interestOffsets[row])
                                let high = Int(interestOffsets[row + 1])
                                var total = interestPrior
                                if high > low {
                                  total = 0
                                  for entry in low..<high {
                                    total += interestWeights[Int(interestKeys[entry])] * Double(interestShares[entry])
                                  }
                                }
                                share *= min(total, 1)
                              }
                              out[index] = share
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
    }
  }
}
