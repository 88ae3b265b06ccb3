import CreatorMatch
import CreatorMatchIO

/// `--sketches` of `rank`, `roi`, `shortlist` and `batch`: the sketch file a brief's
/// `audience.brand_audience` names the brand's own audience in, for the overlap component.
enum BrandSketches {
  static let option = OptionSpec.value(
    "sketches", "file",
    help: "Audience sketch file from 'creatormatch sketch'; the brief's audience.brand_audience "
      + "names the brand's audience in it.")

  /// The sketch file, when `--sketches` was given.
  static func load(_ path: String?) throws(CLIError) -> SketchSet? {
    guard let path else { return nil }
    return try SketchLoader.load(path)
  }

  /// The brand audience `brief` names, computed against `table`; `nil` when the brief names
  /// none or no sketch file was given (the plan then says why overlap is left out).
  ///
  /// - Throws: A data error when the brief names an audience the sketch file does not hold.
  static func brand(
    for brief: CampaignBrief, sketches: SketchSet?, path: String?, table: CreatorTable,
    threads: Int
  ) throws(CLIError) -> BrandAudience? {
    guard let id = brief.audience.brandAudience, let sketches else { return nil }
    guard let brand = BrandAudience(set: sketches, brandID: id, table: table, threads: threads)
    else {
      throw CLIError(
        "brief \(brief.id): $.audience.brand_audience: \"\(id)\" is not in \(path ?? "the sketch file"); "
          + "add it with 'creatormatch sketch --brand-audience FILE --brand-id \(id)'",
        code: .dataError)
    }
    return brand
  }

  /// The brief compiled against `table` with its brand audience, if any.
  static func plan(
    _ brief: CampaignBrief, table: CreatorTable, rates: CurrencyRates, sketches: SketchSet?,
    path: String?, threads: Int
  ) throws(CLIError) -> BriefPlan {
    let brand = try brand(
      for: brief, sketches: sketches, path: path, table: table, threads: threads)
    return BriefPlan(
      brief: brief, table: table, rates: rates, brand: brand, sketchesLoaded: sketches != nil)
  }
}
