import Foundation

/// A small fixed creator table and brief for the HTML report tests, with hostile text in the
/// places a report shows: a handle that closes an attribute and opens an `<img onerror>`, a
/// name with markup, a category with `<svg onload>`, a brand that closes the title and opens a
/// script, a keyword with an `<img>`; and a bio with a script (bios are not shown, but must not
/// leak either).
enum HTMLFixture {
  static let creatorsCSV = """
    id,handle,name,platform,followers,following,avg_likes,avg_comments,avg_views,posts_sampled,sponsored_share,country,language,categories,bio,price_per_post,currency,aud_female,aud_age_18_24,aud_age_25_34,aud_countries,aud_languages,aud_interests,aud_real_share
    h001,\"\"\"><img src=x onerror=alert(1)>\",<b>Ala</b>,instagram,24000,800,1100,40,,12,0.1,PL,pl,skincare,<script>alert('bio')</script> krem nawilżający skincare serum,900,PLN,0.85,0.4,0.35,PL:0.8|DE:0.1,pl:0.85|en:0.1,skincare:0.6|beauty:0.2,0.9
    h002,ola.glow,,tiktok,88000,300,2600,60,21000,12,0.2,PL,pl,beauty,pielęgnacja twarzy i serum każdego dnia,,,0.8,0.45,0.3,PL:0.75,pl:0.8,beauty:0.5|skincare:0.3,0.85
    h003,cera_lab,,instagram,9100,700,520,18,,12,0.05,PL,pl,skincare,cera i krem – recenzje,350,PLN,0.9,0.3,0.4,PL:0.9,pl:0.9,skincare:0.7,0.93
    h004,kasia.daily,,instagram,150000,2000,1500,15,,12,0.45,PL,pl,lifestyle,codzienność i moda,,,0.7,0.3,0.3,PL:0.6|GB:0.2,pl:0.6|en:0.3,fashion:0.4|beauty:0.2,0.7
    h005,zosia_skin,,tiktok,41000,900,4100,120,12000,12,0.15,PL,pl,skincare,skincare serum krem pielęgnacja,1200,PLN,0.88,0.5,0.3,PL:0.85,pl:0.9,skincare:0.65,0.9
    h006,marek.games,,instagram,30000,400,900,30,,12,0.1,PL,pl,<svg onload=alert(4)>,gry i gracz,,,0.2,0.5,0.3,PL:0.7,pl:0.7,gaming:0.8,0.9

    """

  static let briefJSON = """
    {
      "id": "hostile-brief",
      "brand": "</title><script>alert(\\"brand\\")</script>",
      "goal": "conversions",
      "platforms": ["instagram", "tiktok"],
      "niche": {
        "keywords": {"pielęgnacja": 1.0, "serum": 1.0, "krem nawilżający": 0.8, "skincare": 0.8,
          "<img src=x onerror=alert(3)>": 0.5},
        "categories": ["skincare", "beauty"]
      },
      "audience": {"countries": ["PL"], "languages": ["pl"], "gender": "female",
        "age": ["18-34"], "interests": ["skincare", "beauty"]},
      "constraints": {"min_followers": 1000, "max_followers": 500000, "min_authenticity": 0.6,
        "max_sponsored_share": 0.5},
      "economics": {"currency": "PLN", "budget": 4000, "posts_per_creator": 2,
        "average_order_value": 149, "gross_margin": 0.7, "conversion_rate": 0.025,
        "click_through_rate": 0.012, "repeat_purchases": 2.0, "fixed_cost_per_creator": 150},
      "top": 10
    }

    """

  /// Followers of the fixture's creators: h002 and h005 share f1…f4; h001 shares f10 with h003.
  static let edges =
    "creator_id\tfollower_id\n"
    + (1...8).map { "h002\tf\($0)\n" }.joined()
    + (1...6).map { "h005\tf\($0)\n" }.joined()
    + (10...13).map { "h001\tf\($0)\n" }.joined()
    + ["h003\tf10\n", "h003\tf20\n", "h003\tf21\n"].joined()

  /// The fixture written to a fresh temporary directory.
  struct Files {
    var directory: String
    var creators: String
    var brief: String

    /// A path in the directory.
    func path(_ name: String) -> String { directory + "/" + name }
  }

  /// Writes the creators as `small.csv` and the brief as `brief.json`.
  static func write() throws -> Files {
    let creators = try CLI.file("small.csv", creatorsCSV)
    let directory = URL(fileURLWithPath: creators).deletingLastPathComponent().path
    let brief = directory + "/brief.json"
    try Data(briefJSON.utf8).write(to: URL(fileURLWithPath: brief))
    return Files(directory: directory, creators: creators, brief: brief)
  }

  /// The hostile strings and how each must appear once escaped.
  static let hostile: [(raw: String, escaped: String)] = [
    ("\"><img src=x onerror=alert(1)>", "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"),
    ("<b>Ala</b>", "&lt;b&gt;Ala&lt;/b&gt;"),
    ("<svg onload=alert(4)>", "&lt;svg onload=alert(4)&gt;"),
    (
      "</title><script>alert(\"brand\")</script>",
      "&lt;/title&gt;&lt;script&gt;alert(&quot;brand&quot;)&lt;/script&gt;"
    ),
    ("<img src=x onerror=alert(3)>", "&lt;img src=x onerror=alert(3)&gt;"),
  ]

  /// The references in `html` to anything outside the file. Tags (escaped text holds no `<`)
  /// must carry no `src=`, `url(`, `http:`, `https:` or `//`, and every `href` is a fragment
  /// (`#card-1`) or a sibling `.html` file (the batch index's links); the style sheet and the
  /// script must not `@import`, `url(`, `fetch`, or name `http:`, `https:`, `//`; and no `<link>`,
  /// `<img>`, `<iframe>`, `<object>` or `<embed>` element exists.
  static func externalReferences(_ html: String) -> [String] {
    var found: [String] = []
    var blocks: [String] = []
    for (open, close) in [("<style>", "</style>"), ("<script>", "</script>")] {
      for part in html.components(separatedBy: open).dropFirst() {
        blocks.append(part.components(separatedBy: close)[0])
      }
    }
    for block in blocks {
      for needle in [
        "@import", "url(", "http:", "https:", "//", "fetch(", "xmlhttprequest", "import(",
      ]
      where block.lowercased().contains(needle) {
        found.append("code: \(needle)")
      }
    }
    var withoutCode = html
    for block in blocks where !block.isEmpty {
      withoutCode = withoutCode.replacingOccurrences(of: block, with: "")
    }
    for tag in withoutCode.components(separatedBy: "<").dropFirst() {
      let inside = String(tag.prefix { $0 != ">" }).lowercased()
      for element in ["link", "img", "iframe", "object", "embed"]
      where inside == element || inside.hasPrefix(element + " ") {
        found.append("element <\(element)>")
      }
      for needle in [" src=", "url(", "http:", "https:", "//", "xlink:href"]
      where inside.contains(needle) {
        found.append("tag <\(inside.prefix(40))>: \(needle)")
      }
      for part in inside.components(separatedBy: "href=\"").dropFirst() {
        let target = String(part.prefix { $0 != "\"" })
        let sibling =
          target.hasSuffix(".html")
          && target.allSatisfy { $0.isLetter || $0.isNumber || "._-".contains($0) }
        if !target.hasPrefix("#") && !sibling { found.append("href=\"\(target)\"") }
      }
    }
    return found
  }

  /// Checks that `html` shows every hostile string escaped and never raw, and that its only
  /// script element is the report's own.
  static func hostileProblems(_ html: String) -> [String] {
    var problems: [String] = []
    for (raw, _) in hostile where html.contains(raw) { problems.append("raw: \(raw)") }
    let scripts = html.components(separatedBy: "<script").count - 1
    if scripts != 1 { problems.append("\(scripts) <script elements") }
    for tag in ["<img", "<svg onload", "<b>"] where html.contains(tag) {
      problems.append("element \(tag)")
    }
    return problems
  }
}
