import CreatorMatch

/// Writes forecasts as JSON objects with fixed decimals.
package enum ForecastReport {
  /// Writes one creator forecast.
  package static func write(
    _ forecast: CreatorForecast, currency: String, into json: inout JSONWriter
  ) {
    func money(_ value: Double) -> String { value.isFinite ? Formatting.fixed(value, 2) : "null" }
    func ratio(_ value: Double) -> String { value.isFinite ? Formatting.fixed(value, 4) : "null" }
    json.object { object in
      let fields: [(String, String)] = [
        ("impressions_per_post", Formatting.fixed(forecast.impressionsPerPost, 1)),
        ("on_target_share", ratio(forecast.onTargetShare)),
        ("click_through_rate", Formatting.fixed(forecast.clickThroughRate, 6)),
        ("conversion_rate", Formatting.fixed(forecast.conversionRate, 6)),
        ("clicks", Formatting.fixed(forecast.clicks, 2)),
        ("conversions", Formatting.fixed(forecast.conversions, 2)),
        ("revenue", money(forecast.revenue)), ("lifetime_profit", money(forecast.lifetimeProfit)),
        ("price_per_post", money(forecast.pricePerPost)), ("cost", money(forecast.cost)),
        ("roi_p10", ratio(forecast.roiP10)), ("roi_p50", ratio(forecast.roiP50)),
        ("roi_p90", ratio(forecast.roiP90)),
        ("p_roi_positive", ratio(forecast.probabilityOfProfit)),
        ("roas", ratio(forecast.roas)), ("cpm", money(forecast.cpm)), ("cpe", money(forecast.cpe)),
        ("cpa", money(forecast.cpa)),
      ]
      object.key("currency")
      object.string(currency)
      object.key("posts")
      object.integer(forecast.posts)
      object.key("impression_source")
      object.string(forecast.impressionSource.rawValue)
      object.key("price_source")
      object.string(forecast.priceSource.rawValue)
      object.key("price_estimated")
      object.bool(forecast.priceEstimated)
      for (name, value) in fields {
        object.key(name)
        object.rawNumber(value)
      }
    }
  }
}
