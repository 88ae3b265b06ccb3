/// The skeleton of every HTML report: doctype, head with the inline style sheet, a header, the
/// body the report writes, a timestamp-free footer with the version, and the one inline script.
///
/// Nothing outside the file is referenced: no fonts, images, style sheets or scripts, and a
/// Content-Security-Policy of `default-src 'none'` tells the browser to load nothing else even
/// if a report were edited to ask for it.
package enum HTMLPage {
  /// The whole page.
  ///
  /// - Parameters:
  ///   - title: The page title (escaped).
  ///   - subtitle: A line under the title (escaped).
  ///   - version: The CreatorMatch version for the footer.
  ///   - body: Writes the report's sections.
  /// - Returns: The document, ending in a newline.
  package static func document(
    title: String, subtitle: String, version: String, body: (inout HTMLWriter) -> Void
  ) -> String {
    var html = HTMLWriter()
    html.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
    html.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
    html.raw(
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        + "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n")
    html.open("meta", ["name": "generator", "content": "CreatorMatch \(version)"])
    html.raw("\n")
    html.element("title", text: title)
    html.raw("\n<style>\n" + style + "</style>\n</head>\n<body>\n")
    html.element("header", ["class": "page-head"]) { head in
      head.element("p", ["class": "brandline"], text: "CreatorMatch report")
      head.element("h1", text: title)
      head.element("p", ["class": "subtitle"], text: subtitle)
    }
    html.raw("\n<main>\n")
    body(&html)
    html.raw("</main>\n")
    html.element("footer") { footer in
      footer.text(
        "Made with CreatorMatch \(version). Every formula is published in the CreatorMatch "
          + "documentation; the same inputs give the same bytes (no timestamp). "
          + "Marks: \(RankingReport.markLegend), * price estimated.")
    }
    html.raw("\n<script>\n" + HTMLScript.source + "</script>\n</body>\n</html>\n")
    return html.text
  }

  /// Writes a titled section.
  ///
  /// - Parameters:
  ///   - html: The writer.
  ///   - id: The section's id.
  ///   - title: Its heading.
  ///   - content: Writes the content.
  package static func section(
    _ html: inout HTMLWriter, id: String, title: String, _ content: (inout HTMLWriter) -> Void
  ) {
    html.open("section", ["id": id, "class": "block", "aria-labelledby": id + "-h"])
    html.element("h2", ["id": id + "-h"], text: title)
    content(&html)
    html.close("section")
    html.raw("\n")
  }

  /// A definition list of label–value pairs (the brief in words, the data used).
  ///
  /// - Parameters:
  ///   - html: The writer.
  ///   - pairs: Labels and values, both escaped.
  package static func facts(_ html: inout HTMLWriter, _ pairs: [(String, String)]) {
    html.element("dl", ["class": "facts"]) { list in
      for (label, value) in pairs {
        list.element("div") { pair in
          pair.element("dt", text: label)
          pair.element("dd", text: value)
        }
      }
    }
  }

  /// A column heading of a table the page's script sorts.
  package struct SortableColumn {
    /// The heading.
    var title: String
    /// Whether the column sorts (and aligns) as numbers.
    var numeric: Bool
    /// What a short heading means, shown as its tooltip.
    var meaning: String? = nil
    /// Whether the column is hidden at phone width.
    var phoneHidden = false

    /// A column; `meaning` and `phoneHidden` as for the ranking table's terse headings.
    package init(_ title: String, numeric: Bool, meaning: String? = nil, phoneHidden: Bool = false)
    {
      self.title = title
      self.numeric = numeric
      self.meaning = meaning
      self.phoneHidden = phoneHidden
    }
  }

  /// The `<thead>` of a sortable table: each heading a button the script listens to, numeric
  /// columns marked `data-type="num"`.
  ///
  /// - Parameters:
  ///   - html: The writer.
  ///   - columns: The headings, in order.
  package static func sortableHead(_ html: inout HTMLWriter, _ columns: [SortableColumn]) {
    html.open("thead")
    html.open("tr")
    for column in columns {
      let classes = [column.numeric ? "num" : nil, column.phoneHidden ? "hide-phone" : nil]
        .compactMap { $0 }
      html.open(
        "th",
        [
          "scope": "col", "class": classes.isEmpty ? nil : classes.joined(separator: " "),
          "data-type": column.numeric ? "num" : nil, "title": column.meaning,
        ])
      html.element("button", ["type": "button"], text: column.title)
      html.close("th")
    }
    html.close("tr")
    html.close("thead")
  }

  /// A bulleted list of escaped lines.
  ///
  /// - Parameters:
  ///   - html: The writer.
  ///   - lines: The items.
  ///   - className: The list's class.
  package static func list(_ html: inout HTMLWriter, _ lines: [String], className: String) {
    guard !lines.isEmpty else { return }
    html.element("ul", ["class": className]) { list in
      for line in lines { list.element("li", text: line) }
    }
  }

  /// The style sheet: a print style with one creator card per page, a phone layout below 640 px,
  /// and colors with at least 4.5:1 contrast for text. The five component colors are the
  /// Okabe–Ito palette, distinguishable with the common color-vision deficiencies.
  static let style = """
    :root{--ink:#1b2433;--muted:#4f5b6d;--line:#d9dee7;--bg:#f5f7fa;--card:#fff;--accent:#0b5cad;
    --eng:#0072b2;--aud:#d55e00;--niche:#009e73;--auth:#cc79a7;--val:#8a6d00;--good:#0a7a3d;--bad:#b3261e}
    *{box-sizing:border-box}
    html{-webkit-text-size-adjust:100%}
    body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
    .page-head{background:#13294b;color:#fff;padding:20px 28px 18px}
    .page-head h1{margin:0;font-size:26px;line-height:1.2;font-weight:650}
    .brandline{margin:0 0 4px;font-size:12px;letter-spacing:.08em;text-transform:uppercase;color:#b9c8e0}
    .subtitle{margin:6px 0 0;color:#dbe4f3}
    main{max-width:1280px;margin:0 auto;padding:18px 20px 8px}
    .block{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:16px 20px;margin:0 0 18px}
    h2{font-size:18px;margin:0 0 10px;font-weight:650}
    h3{font-size:15px;margin:14px 0 6px;font-weight:650}
    .grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(320px,100%),1fr));gap:16px}
    .grid>*{min-width:0}
    .facts{display:grid;grid-template-columns:repeat(auto-fit,minmax(220px,1fr));gap:6px 18px;margin:0}
    .facts div{border-left:3px solid var(--accent);padding:2px 0 2px 10px}
    .facts dt{font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
    .facts dd{margin:0;font-weight:550}
    .notes{margin:8px 0 0;padding-left:20px;color:var(--muted);font-size:13px}
    .warn{color:var(--bad);font-weight:600}
    .funnel th{white-space:normal;font-weight:500}.funnel td.bar{width:30%;min-width:60px}
    .meter{display:block;height:10px;background:var(--accent);border-radius:2px;min-width:1px}
    .table-wrap{overflow-x:auto;-webkit-overflow-scrolling:touch}
    table{border-collapse:collapse;width:100%;font-size:13.5px}
    caption{text-align:left;color:var(--muted);font-size:12.5px;padding:0 0 6px}
    th,td{padding:5px 7px;border-bottom:1px solid var(--line);text-align:left;white-space:nowrap}
    th{background:#eef2f7;font-weight:600;position:sticky;top:0}
    th button{all:inherit;display:inline;cursor:pointer;padding:0}
    th[aria-sort=ascending] button::after{content:" \\25B2";font-size:10px}
    th[aria-sort=descending] button::after{content:" \\25BC";font-size:10px}
    td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
    tbody tr:hover{background:#f0f5fc}
    tr.link{cursor:pointer}
    td a{color:var(--accent);text-decoration:none;font-weight:600}
    td a:focus,td a:hover{text-decoration:underline}
    .mark{color:var(--bad);font-weight:700;margin-left:1px}
    .flag{display:inline-block;background:#fde8e6;color:var(--bad);border-radius:3px;padding:0 5px;font-size:12px;font-weight:600}
    .filters{display:flex;flex-wrap:wrap;gap:12px;align-items:center;margin:0 0 10px;font-size:13px}
    .filters select{font:inherit;padding:3px 6px}
    .count{color:var(--muted)}
    .legend{font-size:12.5px;color:var(--muted);margin:8px 0 0}
    .chart{width:100%;height:auto;display:block;max-width:100%}
    svg text{font:11px system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;fill:#3c4656}
    svg .title{font-size:12.5px;font-weight:600;fill:var(--ink)}
    svg .axis{stroke:#8792a2;stroke-width:1}
    svg .gridline{stroke:#e6eaf0;stroke-width:1}
    tbody th{background:none;font-weight:600}
    .key{display:flex;flex-wrap:wrap;gap:4px 14px;font-size:12.5px;margin:6px 0 0;padding:0;list-style:none}
    .key li::before{content:"";display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:5px;background:var(--c)}
    .card{scroll-margin-top:12px;content-visibility:auto;contain-intrinsic-size:auto 1100px}
    .card:target{outline:3px solid var(--accent);outline-offset:2px}
    .card-head{display:flex;flex-wrap:wrap;justify-content:space-between;gap:8px;align-items:baseline}
    .card-head h2{margin:0}
    .score{font-size:28px;font-weight:700;color:var(--accent)}
    .score small{font-size:13px;color:var(--muted);font-weight:500}
    .meta{color:var(--muted);font-size:13px;margin:2px 0 8px}
    .explain{margin:0;padding-left:18px;font-size:13.5px}
    .explain li{margin:2px 0}
    .back{font-size:12.5px}
    .back a{color:var(--accent)}
    footer{max-width:1280px;margin:0 auto;padding:6px 20px 28px;color:var(--muted);font-size:12px}
    @media (max-width:640px){
    body{font-size:14px}.page-head{padding:14px 14px}.page-head h1{font-size:20px}
    main{padding:10px 8px}.block{padding:12px 10px;border-radius:6px}
    .grid{grid-template-columns:1fr}th,td{padding:4px 5px}.hide-phone{display:none}}
    @media print{
    body{background:#fff;font-size:11pt}.page-head{background:#fff;color:#000;border-bottom:2px solid #000;padding:0 0 6px}
    .page-head .subtitle,.brandline{color:#333}main{max-width:none;padding:0}
    .block{border:none;padding:0;margin:0 0 12pt}.filters,.back,script{display:none}
    th{position:static}tr{break-inside:avoid}.table-wrap{overflow:visible}
    .card{break-before:page;break-inside:avoid;content-visibility:visible}.card:target{outline:none}
    a{color:inherit;text-decoration:none}}

    """
}
