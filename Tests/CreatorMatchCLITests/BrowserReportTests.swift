import Foundation
import Testing

/// Headless Chromium, when installed (Debian package `chromium`; `CHROMIUM=/path` overrides).
enum Browser {
  /// The browser's path, or `nil` when none is installed.
  static let path: String? = {
    // CHROMIUM names the browser; a value that is not an executable (CHROMIUM=none) skips.
    if let given = ProcessInfo.processInfo.environment["CHROMIUM"] {
      return FileManager.default.isExecutableFile(atPath: given) ? given : nil
    }
    let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
      .split(separator: ":").map(String.init)
    for name in ["chromium", "chromium-browser", "google-chrome", "chrome"] {
      for directory in directories
      where FileManager.default.isExecutableFile(atPath: directory + "/" + name) {
        return directory + "/" + name
      }
    }
    return nil
  }()

  static let skipMessage =
    "chromium not found (apt-get install chromium, or set CHROMIUM=/path): browser tests skipped"

  /// Runs the browser headless on `arguments` plus the page's file URL; standard output, or
  /// `nil` after 90 s.
  static func run(_ arguments: [String], page: String) throws -> String? {
    guard let path else { return nil }
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("creatormatch-browser-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let output = directory.appendingPathComponent("out")
    try Data().write(to: output)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    // A profile of its own per run: runs in parallel do not share (or lock) one.
    process.arguments =
      [
        "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
        "--disable-extensions",
        "--user-data-dir=" + directory.appendingPathComponent("profile").path,
      ] + arguments + [URL(fileURLWithPath: page).absoluteString]
    process.standardOutput = try FileHandle(forWritingTo: output)
    process.standardError = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(90)
    while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
    if process.isRunning {
      process.terminate()
      return nil
    }
    return String(decoding: try Data(contentsOf: output), as: UTF8.self)
  }

  /// A script run in the page before the report's own: it replaces `alert` so that any injected
  /// script that ran is recorded, records every resource the page requested and every
  /// Content-Security-Policy violation, and after load writes what it saw, plus a test of
  /// sorting and filtering, as JSON into `data-probe` on the root element.
  static let probe = """
    <script>
    (function(){var seen={alerts:0,violations:[]};window.alert=function(){seen.alerts++;};
    document.addEventListener("securitypolicyviolation",function(e){seen.violations.push(e.blockedURI);});
    window.addEventListener("load",function(){
    seen.resources=performance.getEntriesByType("resource").map(function(r){return r.name;});
    seen.scripts=document.scripts.length;
    seen.injected=document.querySelectorAll("img,iframe,object,embed,link,[onerror],[onload]").length;
    seen.charts=document.querySelectorAll("svg.chart").length;
    seen.chartTitles=document.querySelectorAll("svg.chart > title").length;
    var table=document.querySelector("table.sortable");
    seen.rows=table?table.tBodies[0].rows.length:0;
    seen.text=document.body.textContent;
    if(table){var b=table.tHead.rows[0].cells[0].querySelector("button");
    b.click();b.click();seen.sortedFirst=table.tBodies[0].rows[0].cells[0].textContent;
    var s=document.querySelector(".filters select");
    if(s&&s.options.length>1){s.value=s.options[1].value;s.dispatchEvent(new Event("change"));
    seen.filterValue=s.value;seen.visible=Array.prototype.filter.call(table.tBodies[0].rows,function(r){return !r.hidden;}).length;
    seen.matching=table.querySelectorAll("tbody tr[data-"+s.name+"='"+s.value+"']").length;}}
    seen.scrollWidth=document.documentElement.scrollWidth;seen.innerWidth=window.innerWidth;
    document.documentElement.setAttribute("data-probe",JSON.stringify(seen));});})();
    </script>
    """

  /// What the probe saw in `page` at a window of `width`×900.
  static func probe(_ page: String, width: Int = 1280) throws -> [String: Any]? {
    let html = try String(contentsOfFile: page, encoding: .utf8)
    let probed = page + ".probe.html"
    try Data(html.replacingOccurrences(of: "<head>\n", with: "<head>\n" + probe).utf8)
      .write(to: URL(fileURLWithPath: probed))
    defer { try? FileManager.default.removeItem(atPath: probed) }
    guard
      let dom = try run(
        ["--window-size=\(width),900", "--virtual-time-budget=5000", "--dump-dom"], page: probed),
      let start = dom.range(of: "data-probe=\"")
    else { return nil }
    let value = dom[start.upperBound...].prefix { $0 != "\"" }
    let json = value.replacingOccurrences(of: "&quot;", with: "\"")
      .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
      .replacingOccurrences(of: "&nbsp;", with: "\u{A0}").replacingOccurrences(
        of: "&amp;", with: "&")
    return try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
  }

  /// Takes a screenshot of `page` and returns the PNG's bytes.
  static func screenshot(_ page: String, width: Int, height: Int, to path: String) throws -> Data? {
    try? FileManager.default.removeItem(atPath: path)
    _ = try run(["--window-size=\(width),\(height)", "--screenshot=" + path], page: page)
    return FileManager.default.contents(atPath: path)
  }

  /// The width and height in a PNG's header, or `nil` when `data` is not a PNG.
  static func pngSize(_ data: Data) -> (width: Int, height: Int)? {
    let bytes = [UInt8](data.prefix(24))
    guard bytes.count == 24, bytes[0..<8] == [137, 80, 78, 71, 13, 10, 26, 10] else { return nil }
    func word(_ offset: Int) -> Int {
      bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
    }
    return (word(16), word(20))
  }
}

/// Each report rendered by headless Chromium: the DOM has the table rows and the charts, the
/// page requested nothing and broke no Content-Security-Policy, hostile text stayed text (no
/// injected element, no alert), sorting and filtering work, a phone width does not scroll
/// sideways, and the screenshot is far from blank.
@Suite(
  "Browser: HTML reports in headless Chromium", .serialized,
  .enabled(if: Browser.path != nil, "\(Browser.skipMessage)"))
struct BrowserReportTests {
  /// The fixture's reports: rank, roi, shortlist and a batch index, written to files.
  static func pages() throws -> (HTMLFixture.Files, [(name: String, path: String, rows: Int)]) {
    let files = try HTMLFixture.write()
    let edges = files.path("edges.tsv")
    try Data(HTMLFixture.edges.utf8).write(to: URL(fileURLWithPath: edges))
    let sketch = files.path("small.cms")
    _ = try CLI.run(["sketch", "--followers", edges, "--out", sketch])
    let common = ["--creators", files.creators, "--brief", files.brief, "--format", "html"]
    var pages: [(String, String, Int)] = []
    for (name, arguments, rows) in [
      ("rank", ["rank"] + common + ["--explain"], 5),
      ("roi", ["roi"] + common + ["--top", "4"], 4),
      ("shortlist", ["shortlist"] + common + ["--sketches", sketch, "--min-score", "1"], -1),
    ] {
      let path = files.path(name + ".html")
      let result = try CLI.run(arguments + ["--out", path])
      #expect(result.status == 0, "\(name): \(result.stderr)")
      pages.append((name, path, rows))
    }
    let briefs = files.path("briefs")
    try FileManager.default.createDirectory(atPath: briefs, withIntermediateDirectories: true)
    try Data(HTMLFixture.briefJSON.utf8).write(to: URL(fileURLWithPath: briefs + "/a.json"))
    let batch = try CLI.run([
      "batch", "--creators", files.creators, "--briefs", briefs, "--out", files.path("out"),
      "--report", files.path("report"), "--quiet",
    ])
    #expect(batch.status == 0, "\(batch.stderr)")
    pages.append(("index", files.path("report/index.html"), 1))
    return (files, pages)
  }

  @Test(
    "each report's DOM has its rows and labeled charts, loads nothing, and keeps hostile text as text"
  )
  func domOfEachReport() throws {
    let (files, pages) = try Self.pages()
    defer { try? FileManager.default.removeItem(atPath: files.directory) }
    for (name, path, rows) in pages {
      let seen = try #require(try Browser.probe(path), "\(name): the browser produced no DOM")
      #expect((seen["alerts"] as? Int) == 0, "\(name): an injected script ran")
      #expect((seen["injected"] as? Int) == 0, "\(name): an injected element exists")
      #expect((seen["scripts"] as? Int) == 2, "\(name): the report's script and the probe only")
      #expect(
        (seen["resources"] as? [String]) == [], "\(name): requested \(seen["resources"] ?? "")")
      #expect((seen["violations"] as? [String]) == [], "\(name): CSP \(seen["violations"] ?? "")")
      if rows >= 0 { #expect((seen["rows"] as? Int) == rows, "\(name): table rows") }
      let charts = seen["charts"] as? Int ?? 0
      #expect(name == "index" ? charts == 0 : charts >= 2, "\(name): \(charts) charts")
      #expect((seen["chartTitles"] as? Int) == charts, "\(name): every chart has a title")
      let text = seen["text"] as? String ?? ""
      #expect(text.contains("</title><script>alert(\"brand\")</script>") || name == "index")
      if name == "rank" {
        #expect(text.contains("\"><img src=x onerror=alert(1)>"), "the handle shows as text")
        #expect(text.contains("<b>Ala</b>"), "the name shows as text")
        // Two clicks on "#": descending, so the last rank comes first.
        #expect((seen["sortedFirst"] as? String) == "5")
        #expect(
          seen["visible"] as? Int == seen["matching"] as? Int, "the filter shows matching rows")
        #expect((seen["visible"] as? Int ?? 0) > 0)
      }
    }
  }

  @Test("printed, the rank report is its summary page then one page per creator card")
  func printOneCardPerPage() throws {
    let files = try HTMLFixture.write()
    defer { try? FileManager.default.removeItem(atPath: files.directory) }
    let page = files.path("rank.html")
    let result = try CLI.run([
      "rank", "--creators", files.creators, "--brief", files.brief, "--format", "html", "--out",
      page,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let pdf = files.path("rank.pdf")
    _ = try Browser.run(["--no-pdf-header-footer", "--print-to-pdf=" + pdf], page: page)
    let bytes = try #require(FileManager.default.contents(atPath: pdf), "no PDF printed")
    // The page tree's root holds the largest /Count: the document's pages. The summary fits one
    // page and each of the 5 cards starts its own (without the print style sheet: 11 pages).
    let text = String(decoding: bytes, as: UTF8.self)
    let counts = text.components(separatedBy: "/Count ").dropFirst().compactMap {
      Int($0.prefix { $0.isNumber })
    }
    #expect(counts.max() == 6, "\(counts)")
  }

  @Test("the probe itself catches an injected element and the request it makes")
  func probeCatchesInjection() throws {
    let files = try HTMLFixture.write()
    defer { try? FileManager.default.removeItem(atPath: files.directory) }
    let page = files.path("bad.html")
    try Data(
      ("<!DOCTYPE html>\n<html>\n<head>\n<title>t</title></head><body>"
        + "<table class=\"sortable\"><thead><tr><th><button>#</button></th></tr></thead>"
        + "<tbody><tr><td>1</td></tr></tbody></table>"
        + "<img src=\"https://example.invalid/x.png\" onerror=\"alert(1)\"></body></html>").utf8
    ).write(to: URL(fileURLWithPath: page))
    let seen = try #require(try Browser.probe(page))
    #expect((seen["injected"] as? Int ?? 0) > 0)
    #expect((seen["alerts"] as? Int ?? 0) + (seen["resources"] as? [String] ?? []).count > 0)
  }

  @Test("at a phone's width (390 px) no report scrolls sideways")
  func phoneWidth() throws {
    let (files, pages) = try Self.pages()
    defer { try? FileManager.default.removeItem(atPath: files.directory) }
    for (name, path, _) in pages {
      let seen = try #require(try Browser.probe(path, width: 390), "\(name): no DOM")
      let scroll = seen["scrollWidth"] as? Int ?? .max
      let inner = seen["innerWidth"] as? Int ?? 0
      #expect(scroll <= inner, "\(name): page is \(scroll) px wide in a \(inner) px window")
    }
  }

  @Test("each report's screenshot is a PNG far larger than a blank page's")
  func screenshots() throws {
    let (files, pages) = try Self.pages()
    defer { try? FileManager.default.removeItem(atPath: files.directory) }
    let blankPage = files.path("blank.html")
    try Data("<!DOCTYPE html><html><body></body></html>".utf8).write(
      to: URL(fileURLWithPath: blankPage))
    let blank = try #require(
      try Browser.screenshot(blankPage, width: 1280, height: 1600, to: files.path("blank.png")))
    #expect(Browser.pngSize(blank)?.width == 1280)
    for (name, path, _) in pages {
      let shot = try #require(
        try Browser.screenshot(path, width: 1280, height: 1600, to: files.path(name + ".png")),
        "\(name): no screenshot")
      let size = Browser.pngSize(shot)
      #expect(size?.width == 1280 && size?.height == 1600, "\(name): \(String(describing: size))")
      // A blank page compresses to a few kilobytes; text, tables and charts do not.
      #expect(shot.count > 4 * blank.count, "\(name): \(shot.count) bytes vs blank \(blank.count)")
    }
  }
}
