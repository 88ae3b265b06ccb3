import CreatorMatchSupport
import Foundation
import Testing

@testable import CreatorMatch
@testable import CreatorMatchIO

/// `fit` reads the file window by window into a ``PopulationModel/Fitter`` (document frequencies
/// without a corpus, audience shares and curve samples merged from parallel blocks, sums in sorted
/// order by a radix sort, the residual cut by a selection). Its model file must be the one the
/// whole fit (every creator read, a ``CreatorCorpus`` built, ``PopulationModel/fit(creators:corpus:)``)
/// writes, byte for byte, wherever the windows and blocks are cut and whatever the thread count.
@Suite("Model fitted as the file is read")
struct FitStretchTests {
  static let generated = DatasetGenerator(seed: 43).creators(count: 3_000).map(\.creator)

  /// The model file of the whole fit, the path `fit` took before it read in stretches.
  static func reference(_ creators: [Creator]) -> String {
    let corpus = CreatorCorpus(creators: creators, threads: 2)
    return PopulationModel.fit(creators: creators, corpus: corpus).jsonText()
  }

  static func streamed(_ source: CreatorSource, threads: Int, windowSize: Int) throws -> String {
    var reported: IngestReport?
    let model = try CreatorCatalog.fitModel(source, threads: threads, windowSize: windowSize) {
      report, _ in reported = report
    }
    #expect(reported?.rowsLoaded == model.creatorCount)
    return model.jsonText()
  }

  @Test(
    "generated creators: the whole fit's model bytes for any window size and thread count",
    arguments: [1, 2, 3, 4], [1 << 30, 200_000, 65_536, 7_000])
  func generatedCreators(threads: Int, windowSize: Int) throws {
    let source = CreatorSource(
      path: try Fixtures.file("fit.csv", CreatorCSVWriter.text(Self.generated)))
    let reference = Self.reference(try CreatorCatalog.read(source).creators)
    // The fit must be of substance: fitted curves, terms and priors by key.
    let model = try PopulationModel.decode(Array(reference.utf8), source: "reference")
    #expect(model.curves.filter { $0.source == .fitted }.count >= 3)
    #expect(model.documentFrequencies.counts.count > 500)
    #expect(model.audiencePriors.interests.count > 3)
    #expect(try Self.streamed(source, threads: threads, windowSize: windowSize) == reference)
  }

  @Test(
    "a model whose document count is no integer an Int holds is refused at its JSON path",
    arguments: ["1e300", "1e15", "-1", "2.5"])
  func hugeDocumentCount(count: String) throws {
    let text = Self.reference(Array(Self.generated.prefix(200)))
    // The first term's count, written as `count`.
    let terms = try #require(text.range(of: "\"terms\": {"))
    let colon = try #require(text.range(of: ": ", range: terms.upperBound..<text.endIndex))
    let end = try #require(text[colon.upperBound...].firstIndex { $0 == "," || $0 == "\n" })
    let damaged = text[..<colon.upperBound] + count + text[end...]
    let error = #expect(throws: JSONDocumentError.self) {
      _ = try PopulationModel.decode(Array(damaged.utf8), source: "m.json")
    }
    let message = error.map { "\($0)" } ?? ""
    #expect(message.contains("document_frequencies.terms"), "\(message)")
    #expect(message.contains("expected a document count"), "\(message)")
  }

  @Test(
    "the fit of creators in memory, in blocks of any size, is the whole fit's",
    arguments: [1, 2, 3])
  func inMemory(threads: Int) {
    let reference = Self.reference(Self.generated)
    #expect(
      CreatorCatalog.fitModel(creators: Self.generated, threads: threads).jsonText() == reference)
    for blockSize in [1, 7, 500] {
      var fitter = PopulationModel.Fitter(threads: threads, blockSize: blockSize)
      // Stretches of uneven sizes, cut inside and across blocks.
      var start = 0
      var size = 1
      while start < Self.generated.count {
        let end = min(Self.generated.count, start + size)
        fitter.add(Array(Self.generated[start..<end]))
        start = end
        size = size * 3 + 1
      }
      #expect(fitter.count == Self.generated.count)
      #expect(fitter.model().jsonText() == reference, "block size \(blockSize)")
    }
  }

  @Test("duplicate ids, bad rows and quoted line breaks across windows")
  func hardRows() throws {
    let source = CreatorSource(
      path: try Fixtures.file(
        "hard.csv", ParallelCSVTests.table(seed: 7, rows: 2_000, unterminated: false)))
    let read = try CreatorCatalog.read(source)
    #expect(read.report.rowsSkipped > 10)
    let reference = Self.reference(read.creators)
    for (windowSize, threads) in [(512, 2), (4_096, 1), (1 << 20, 3)] {
      #expect(try Self.streamed(source, threads: threads, windowSize: windowSize) == reference)
    }
  }

  @Test("the committed sample, and with a posts file (read whole), give the whole fit's model")
  func committedSample() throws {
    let path = Fixtures.packageRoot.appendingPathComponent("datasets/creators.csv").path
    let source = CreatorSource(path: path)
    let reference = Self.reference(try CreatorCatalog.read(source).creators)
    #expect(try Self.streamed(source, threads: 2, windowSize: 10_000) == reference)
    let posts = try Fixtures.file(
      "posts.jsonl",
      #"{"creator_id": "c000001", "likes": 100, "comments": 4, "views": 900}"# + "\n"
        + #"{"creator_id": "c000001", "likes": 300, "comments": 9, "views": 2000}"# + "\n")
    let withPosts = CreatorSource(path: path, postsPath: posts)
    var postsReport: PostsReader.Report?
    let model = try CreatorCatalog.fitModel(withPosts, threads: 2) { _, posts in
      postsReport = posts
    }
    #expect(postsReport?.creatorsUpdated == 1)
    #expect(model.jsonText() == Self.reference(try CreatorCatalog.read(withPosts).creators))
    #expect(model.jsonText() != reference)
  }

  @Test("real exports: the whole fit's model bytes", .enabled(if: Fixtures.hasRealData))
  func realExports() throws {
    for (name, source) in Fixtures.realInstagramExports {
      let reference = Self.reference(try CreatorCatalog.read(source).creators)
      for (windowSize, threads) in [(1 << 30, 1), (50_000, 2), (9_000, 4)] {
        #expect(
          try Self.streamed(source, threads: threads, windowSize: windowSize) == reference,
          "\(name)")
      }
    }
  }

  @Test("document frequencies counted in stretches equal the corpus's", arguments: [1, 2, 3])
  func documentFrequencies(seed: UInt64) {
    let creators = Self.generated
    let corpus = CreatorCorpus(creators: creators, threads: 2)
    var expected: [String: Int] = [:]
    for (id, count) in corpus.documentFrequencies().enumerated() {
      expected[corpus.terms[id]] = count
    }
    var random = SeededRandom(seed: seed)
    var counter = DocumentFrequencyCounter(threads: Int(seed), blockSize: 1 + Int(seed) * 37)
    var start = 0
    while start < creators.count {
      let end = min(creators.count, start + 1 + Int(random.next() % 700))
      counter.add(Array(creators[start..<end]))
      start = end
    }
    #expect(counter.documents == creators.count)
    #expect(counter.counts() == expected)
    // Two creators: a term counts once per creator that has it, however often it has it.
    var small = DocumentFrequencyCounter(threads: 1)
    var first = Fixtures.creator("a")
    first.bio = "skincare skincare skincare routine"
    var second = Fixtures.creator("b")
    second.bio = "skincare"
    small.add([first])
    small.add([second])
    let termsOf = { (creator: Creator) in Set(CreatorCorpus(creators: [creator], threads: 1).terms)
    }
    let (termsA, termsB) = (termsOf(first), termsOf(second))
    #expect(small.documents == 2)
    #expect(!termsA.isEmpty && termsB.isSubset(of: termsA) && termsA != termsB)
    for (term, count) in small.counts() {
      #expect(count == (termsA.contains(term) ? 1 : 0) + (termsB.contains(term) ? 1 : 0), "\(term)")
    }
    #expect(small.counts().count == termsA.count)
  }

  /// The residual cut as it was: every index sorted by (|residual|, index), the first
  /// n − n/100 kept in index order.
  static func referenceCurve(_ samples: [PopulationModel.CurveSample]) -> EngagementCurve {
    var (intercept, slope) = PopulationModel.leastSquares(samples)
    let dropCount = samples.count / 100
    let ranked = samples.indices.sorted { lhs, rhs in
      let left = abs(samples[lhs].logRate - intercept - slope * samples[lhs].logFollowers)
      let right = abs(samples[rhs].logRate - intercept - slope * samples[rhs].logFollowers)
      return left != right ? left < right : lhs < rhs
    }
    let kept = ranked.prefix(samples.count - dropCount).sorted().map { samples[$0] }
    (intercept, slope) = PopulationModel.leastSquares(kept)
    var residualSquares = 0.0
    var samplingVariance = 0.0
    for sample in kept {
      let residual = sample.logRate - intercept - slope * sample.logFollowers
      residualSquares += residual * residual
      samplingVariance += EngagementCurve.defaultSigma2 / sample.posts
    }
    return EngagementCurve(
      intercept: intercept, slope: slope,
      tau2: max(
        residualSquares / Double(kept.count - 2) - samplingVariance / Double(kept.count),
        EngagementCurve.minimumTau2),
      sigma2: EngagementCurve.defaultSigma2, sampleSize: kept.count, source: .fitted)
  }

  @Test("the residual cut by selection keeps the samples the full sort kept, ties included")
  func residualCut() {
    var random = SeededRandom(seed: 9)
    for count in [30, 99, 100, 101, 250, 1_000, 5_000] {
      // Sizes and rates on a coarse grid: many samples share a residual, also at the cut.
      var samples = (0..<count).map { _ in
        PopulationModel.CurveSample(
          logFollowers: Double(random.next() % 8), logRate: -3 + Double(random.next() % 5) / 4,
          posts: 12, perPostVariance: nil)
      }
      samples.sort(by: PopulationModel.CurveSample.precedes)
      let fitted = PopulationModel.fitCurve(samples, prior: .feedPrior)
      #expect(fitted == Self.referenceCurve(samples), "\(count) samples")
      #expect(fitted.sampleSize == count - count / 100)
    }
  }

  @Test("radix sort, ascending sum and selection agree with sorted() on random arrays with ties")
  func doubleSort() {
    var random = SeededRandom(seed: 3)
    #expect(DoubleSort.sorted([]) == [])
    #expect(DoubleSort.ascendingSum([]) == 0)
    #expect(DoubleSort.sorted([2.5]) == [2.5])
    var one = [2.5]
    #expect(DoubleSort.select(&one, rank: 0) == 2.5)
    for pair in [[1.0, -1.0], [3.0, 3.0], [-0.5, 7.0]] {
      for rank in 0..<2 {
        var values = pair
        #expect(DoubleSort.select(&values, rank: rank) == pair.sorted()[rank])
      }
    }
    // Both the comparison path (short) and the radix path (long); values from a small set so
    // that many tie, of both signs, with infinities and the extremes.
    let specials = [
      0.0, 1.0, -1.0, 0.25, 1e-300, -1e-300, .infinity, -.infinity, .greatestFiniteMagnitude,
      -.greatestFiniteMagnitude, .leastNonzeroMagnitude, 0.1, 0.7, 0.3,
    ]
    for count in [3, 17, 255, 256, 1_000, 20_000] {
      let values = (0..<count).map { _ in
        random.next() % 3 == 0
          ? specials[Int(random.next() % UInt64(specials.count))]
          : Double(Int(random.next() % 2_001) - 1_000) / 997
      }
      let expected = values.sorted()
      #expect(DoubleSort.sorted(values) == expected, "\(count)")
      let finite = values.filter(\.isFinite)
      let finiteSum = finite.sorted().reduce(0, +)
      #expect(DoubleSort.ascendingSum(finite).bitPattern == finiteSum.bitPattern, "\(count)")
      for rank in Set([0, count / 2, count - 1, Int(random.next() % UInt64(count))]) {
        var scratch = values
        #expect(DoubleSort.select(&scratch, rank: rank) == expected[rank], "\(count) rank \(rank)")
      }
    }
    // Sorted and reversed input (the pivot must not go quadratic, nor wrong).
    let ascending = (0..<5_000).map(Double.init)
    for input in [ascending, Array(ascending.reversed())] {
      var scratch = input
      #expect(DoubleSort.select(&scratch, rank: 1_234) == 1_234)
    }
  }

  @Test("follower-history median by selection equals the sorted array's median")
  func historyMedian() {
    func sortedMedian(_ values: [Double]) -> Double {
      let sorted = values.sorted()
      let middle = sorted.count / 2
      return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
    #expect(FollowerHistory.median([]).isNaN)
    #expect(FollowerHistory.median([4]) == 4)
    #expect(FollowerHistory.median([9, -3]) == 3)
    #expect(FollowerHistory.median([5, 1, 3]) == 3)
    #expect(FollowerHistory.median([2, 2, 8, 2]) == 2)
    var random = SeededRandom(seed: 12)
    for count in 1...60 {
      for _ in 0..<20 {
        // Values from a small range, so that ties are common, also at the middle.
        let values = (0..<count).map { _ in Double(Int(random.next() % 9) - 4) * 1_000.5 }
        #expect(FollowerHistory.median(values) == sortedMedian(values), "\(values)")
      }
    }
    // In place (insertion sort up to 32 values, selection past) as by selection in a copy.
    for count in 0...70 {
      let values = (0..<count).map { _ in Double(Int(random.next() % 9) - 4) * 1_000.5 }
      var scratch = values
      let inPlace = scratch.withUnsafeMutableBufferPointer { FollowerHistory.median(inPlace: $0) }
      if count == 0 {
        #expect(inPlace.isNaN)
      } else {
        #expect(inPlace.bitPattern == sortedMedian(values).bitPattern, "\(values)")
      }
    }
    // The largest jump as the definition computes it, with sorted medians.
    func referenceJump(_ history: [Double]) -> FollowerHistory.Jump? {
      guard history.count >= 4 else { return nil }
      let steps = (1..<history.count).map { history[$0] - history[$0 - 1] }
      let center = sortedMedian(steps)
      let scale = max(1.4826 * sortedMedian(steps.map { abs($0 - center) }), 1)
      var best: FollowerHistory.Jump?
      for (index, step) in steps.enumerated()
      where best.map({ (step - center) / scale + 0 > $0.robustZ }) ?? true {
        let before = history[index]
        best = FollowerHistory.Jump(
          step: index + 1, steps: steps.count, robustZ: (step - center) / scale + 0,
          share: before > 0 ? step / before : (step > 0 ? .infinity : 0))
      }
      return best
    }
    for count in 0...80 {
      var level = Double(random.next() % 50_000)
      let history = (0..<count).map { _ -> Double in
        level = max(
          0, level + Double(Int(random.next() % 2_001) - 900) * (random.chance(0.05) ? 40 : 1))
        return random.chance(0.1) ? 0 : level
      }
      #expect(FollowerHistory.largestJump(history) == referenceJump(history), "\(history)")
    }
    let history: [Double] = [1_000, 1_010, 1_020, 5_000, 5_010, 5_020]
    let jump = FollowerHistory.largestJump(history)
    // Steps 10, 10, 3980, 10, 10: median 10, MAD 0 → scale 1, z = 3970 at step 3.
    #expect(jump?.step == 3)
    #expect(jump?.robustZ == 3_970)
  }

  @Test("a zero robust z is +0 whichever signed zero the history's steps hold")
  func jumpZeroSign() {
    // Steps −0, +0, −0, +0: the median is a zero of either sign depending on how the ties sort;
    // every z is then 0, written +0.
    let jump = FollowerHistory.largestJump([0, -0.0, 0, -0.0, -0.0])
    #expect(jump?.robustZ == 0)
    #expect(jump?.robustZ.sign == .plus)
    #expect(jump?.step == 1)
  }

  @Test("a sorted sum kept as value counts, merged and spilled, equals sorted().reduce(0, +)")
  func sortedSum() {
    var random = SeededRandom(seed: 21)
    #expect(SortedSum().sum() == 0)
    #expect(SortedSum().count == 0)
    // Few distinct values (counted), many (kept whole past the limit), and both merged.
    for distinct in [1, 3, 1_000, SortedSum.maximumDistinct + 1, 100_000] {
      for count in [1, 2, 500, 30_000] {
        let values = (0..<count).map { _ in
          Double(Int(random.next() % UInt64(distinct)) - distinct / 3) / 7.0
        }
        let expected = values.sorted().reduce(0, +)
        var whole = SortedSum()
        for value in values { whole.add(value) }
        #expect(whole.count == count)
        #expect(whole.sum().bitPattern == expected.bitPattern, "\(distinct) \(count)")
        // In parts of uneven size, merged in another order than they were cut.
        var parts = [SortedSum(), SortedSum(), SortedSum()]
        for (index, value) in values.enumerated() { parts[index * index % 3].add(value) }
        var merged = parts[2]
        merged.merge(parts[0])
        merged.merge(parts[1])
        #expect(merged.count == count)
        #expect(merged.sum().bitPattern == expected.bitPattern, "merged \(distinct) \(count)")
      }
    }
    // Repeated additions, not a product: 0.1 added ten times is not 10 × 0.1.
    var tenths = SortedSum()
    tenths.add(0.1, times: 10)
    #expect(tenths.sum() == (0..<10).reduce(0.0) { sum, _ in sum + 0.1 })
    #expect(tenths.sum() != 0.1 * 10)
  }

  @Test("curve samples sorted by radix and runs equal sorted(by: precedes)")
  func curveSampleOrder() {
    var random = SeededRandom(seed: 33)
    for count in [0, 1, 2, 63, 64, 65, 1_000, 20_000] {
      // A coarse grid on every field, so that many samples tie on log followers and on more.
      let samples = (0..<count).map { _ in
        PopulationModel.CurveSample(
          logFollowers: log(Double(1 + random.next() % 40)), logRate: -Double(random.next() % 4),
          posts: Double(1 + random.next() % 3),
          perPostVariance: random.next() % 3 == 0 ? nil : Double(random.next() % 3) / 4)
      }
      let expected = samples.sorted(by: PopulationModel.CurveSample.precedes)
      let sorted = PopulationModel.CurveSample.sorted(samples)
      #expect(sorted.count == count)
      #expect(
        zip(sorted, expected).allSatisfy {
          $0.logFollowers == $1.logFollowers && $0.logRate == $1.logRate && $0.posts == $1.posts
            && $0.perPostVariance == $1.perPostVariance
        }, "\(count)")
    }
    var keys: [UInt64] = [5, 1, 5, 0, 1 << 40, 3]
    var payload: [Int32] = [0, 1, 2, 3, 4, 5]
    DoubleSort.sort(&keys, carrying: &payload)
    #expect(keys == [0, 1, 3, 5, 5, 1 << 40])
    // Stable: the two 5s keep their order.
    #expect(payload == [3, 1, 5, 0, 2, 4])
  }
}
