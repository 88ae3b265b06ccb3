import Foundation
import Testing

@testable import CreatorMatch
@testable import CreatorMatchIO

/// The HTML writer's escaping, the chart scales and ticks, the score waterfall and the
/// portfolio histogram, against hand-computed values.
@Suite("HTML output: escaping, scales, waterfall, histogram")
struct HTMLOutputTests {
  @Test("escape turns the five markup characters into references and leaves the rest")
  func escape() {
    #expect(HTMLWriter.escape("a&b<c>d\"e'f") == "a&amp;b&lt;c&gt;d&quot;e&#39;f")
    #expect(HTMLWriter.escape("Kraków 💫 – ok") == "Kraków 💫 – ok")
    #expect(
      HTMLWriter.escape("<script>alert('x')</script>")
        == "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
    #expect(
      HTMLWriter.escape("\"><img src=x onerror=alert(1)>")
        == "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;")
    // Already escaped text is escaped again: the page shows what the data says, literally.
    #expect(HTMLWriter.escape("&amp;") == "&amp;amp;")
  }

  @Test("elements and attributes escape their values; nil attributes are left out")
  func writer() {
    var html = HTMLWriter()
    html.element("td", ["class": "num", "title": "a\"b", "data-v": nil], text: "<1>")
    html.element("a", ["href": "#card-1\" onclick=\"x"]) { $0.text("x & y") }
    #expect(
      html.text
        == "<td class=\"num\" title=\"a&quot;b\">&lt;1&gt;</td>"
        + "<a href=\"#card-1&quot; onclick=&quot;x\">x &amp; y</a>")
  }

  @Test("the page names its version, forbids outside resources and escapes its title")
  func page() {
    let first = HTMLPage.document(title: "<T>", subtitle: "s & t", version: "9.9") { html in
      html.element("p", text: "body")
    }
    let second = HTMLPage.document(title: "<T>", subtitle: "s & t", version: "9.9") { html in
      html.element("p", text: "body")
    }
    #expect(first == second)
    #expect(first.contains("<title>&lt;T&gt;</title>"))
    #expect(first.contains("content=\"default-src 'none';"))
    #expect(first.contains("Made with CreatorMatch 9.9."))
    #expect(first.contains("@media print"))
    #expect(first.contains("@media (max-width:640px)"))
  }

  @Test("linear scales map proportionally and tick at 1, 2 or 5 × 10ⁿ")
  func linearScale() {
    let scale = SVGChart.Scale(lower: 0, upper: 100, start: 10, end: 210)
    #expect(scale(25) == 60)
    #expect(scale(-5) == 10, "clamped")
    #expect(scale.ticks == [0, 20, 40, 60, 80, 100])
    let roi = SVGChart.Scale(lower: -1, upper: 2, start: 0, end: 300)
    #expect(roi(0) == 100)
    // The step is the first of 1, 2, 5 × 10ⁿ at least a fifth of the range (3/5 = 0.6): 1.
    #expect(roi.ticks == [-1, 0, 1, 2])
  }

  @Test("log scales map decades evenly and tick at powers of ten (and 3× for short ranges)")
  func logScale() {
    let followers = SVGChart.Scale(
      lower: 1_000, upper: 1_000_000, start: 0, end: 300, logarithmic: true)
    #expect(abs(followers(10_000) - 100) < 1e-9)
    #expect(followers.ticks == [1_000, 10_000, 100_000, 1_000_000])
    let rates = SVGChart.Scale(lower: 0.01, upper: 1, start: 0, end: 100, logarithmic: true)
    #expect(abs(rates(0.1) - 50) < 1e-9)
    #expect(rates.ticks.count == 5)
    #expect(zip(rates.ticks, [0.01, 0.03, 0.1, 0.3, 1]).allSatisfy { abs($0 - $1) < 1e-12 })
  }

  @Test("the waterfall takes each weighted component's points off 100 and ends at the score")
  func waterfall() {
    let scores = ComponentScores(
      engagement: 0.5, audience: 0.5, niche: 0.5, authenticity: 0.5, value: nil)
    let weights = ComponentWeights(
      engagement: 0.25, audience: 0.25, niche: 0.25, authenticity: 0.25, value: 0)
    let (lost, score) = HTMLComponents.waterfall(scores, weights: weights)
    // 100 × 0.5^0.25 = 84.0896: the first step takes off 15.9104, the last leaves 50.
    #expect(abs(lost[0] - 15.910_358) < 1e-6)
    #expect(abs(lost[1] - 100 * (pow(0.5, 0.25) - pow(0.5, 0.5))) < 1e-9)
    #expect(lost[4] == 0, "value is not weighted")
    #expect(abs(score - 50) < 1e-9)
    #expect(abs(score - scores.composite(weights)) < 1e-9)
    #expect(abs(lost.reduce(0, +) + score - 100) < 1e-9)
  }

  @Test("the histogram bins 0…100 between P1 and P99 with the tails counted apart")
  func histogram() {
    let values = (0...100).map(Double.init).reversed() + [Double.infinity]
    let histogram = PortfolioSimulation.Histogram.of(Array(values), bins: 4)
    // Type-7 P1 and P99 of 0…100 plus +∞ (102 values, the finite 101 used): 1 and 99.
    #expect(histogram.lower == 1)
    #expect(histogram.binWidth == 24.5)
    // [1, 25.5): 1…25; [25.5, 50): 26…49; [50, 74.5): 50…74; [74.5, 99]: 75…99.
    #expect(histogram.counts == [25, 24, 25, 25])
    #expect(histogram.below == 1, "0")
    #expect(histogram.above == 2, "100 and +∞")
    let same = PortfolioSimulation.Histogram.of([2, 2, 2], bins: 2)
    #expect(same.counts == [3, 0])
    #expect(PortfolioSimulation.Histogram.of([], bins: 3).counts == [0, 0, 0])
  }

  @Test("a stacked bar's segments are as long as their values")
  func stackedBar() {
    var html = HTMLWriter()
    SVGChart.stackedBars(
      &html, id: "t", title: "t", description: "d",
      bars: [.init(label: "a", segments: [25, 75])],
      series: [("x", "#000"), ("y", "#fff")], maximum: 100, caption: "c")
    // The axis runs from 130 to 624 (494 px): 25 is 123.5 px, 75 is 370.5 px.
    #expect(html.text.contains("x=\"130.0\" y=\"29.0\" width=\"123.5\""))
    #expect(html.text.contains("x=\"253.5\" y=\"29.0\" width=\"370.5\""))
    #expect(html.text.contains("<title id=\"t-t\">t</title><desc id=\"t-d\">d</desc>"))
  }
}
