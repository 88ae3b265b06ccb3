import Foundation

/// ISO 639-1 language codes and their English and native names, for tables that name languages.
package enum LanguageCatalog {
  /// The code for `text`: a two-letter code (any case) or a known name; `nil` otherwise.
  package static func code(for text: String) -> String? {
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    let lower = trimmed.lowercased()
    if lower.count == 2, lower.allSatisfy({ $0.isASCII && $0.isLetter }) {
      return codes.contains(lower) ? lower : nil
    }
    return byName[CountryCatalog.normalizedName(trimmed)]
  }

  /// The English name of a code, or the code itself when unknown.
  package static func name(of code: String) -> String {
    table.first(where: { $0.code == code })?.names.first ?? code
  }

  private static let table: [(code: String, names: [String])] = {
    let raw = """
      ar Arabic;bg Bulgarian;bn Bengali;ca Catalan;cs Czech;da Danish;de German,Deutsch;\
      el Greek;en English;es Spanish,Espanol,Castellano;et Estonian;fa Persian,Farsi;\
      fi Finnish;fil Filipino;fr French,Francais;he Hebrew;hi Hindi;hr Croatian;hu Hungarian;\
      id Indonesian,Bahasa Indonesia;it Italian,Italiano;ja Japanese,日本語;ka Georgian;\
      kk Kazakh;ko Korean,한국어;lt Lithuanian;lv Latvian;ms Malay;nl Dutch;no Norwegian;\
      pl Polish,Polski;pt Portuguese,Portugues;ro Romanian;ru Russian,Русский;sk Slovak;\
      sl Slovenian;sr Serbian;sv Swedish;sw Swahili;ta Tamil;th Thai;tl Tagalog;tr Turkish;\
      uk Ukrainian,Українська;ur Urdu;uz Uzbek;vi Vietnamese;zh Chinese,中文
      """
    return raw.split(separator: ";").map { entry in
      let parts = entry.split(separator: " ", maxSplits: 1)
      let names = parts.count > 1 ? parts[1].split(separator: ",").map(String.init) : []
      return (String(parts[0]), names)
    }
  }()

  private static let codes: Set<String> = Set(table.map(\.code).filter { $0.count == 2 })

  private static let byName: [String: String] = {
    var result: [String: String] = [:]
    for entry in table {
      for name in entry.names { result[CountryCatalog.normalizedName(name)] = entry.code }
    }
    return result
  }()
}

/// Repairs text whose UTF-8 bytes were decoded as Latin-1 or Windows-1252 (mojibake such as
/// `CÃ´te d'Ivoire` for `Côte d'Ivoire`), a common defect in spreadsheet round trips.
package enum MojibakeRepair {
  /// The repaired text, or `nil` when `text` does not look like such mojibake.
  package static func repair(_ text: String) -> String? {
    guard text.unicodeScalars.contains(where: { $0.value == 0xC3 || $0.value == 0xC2 }) else {
      return nil
    }
    var bytes: [UInt8] = []
    for scalar in text.unicodeScalars {
      guard scalar.value <= 0xFF else { return nil }
      bytes.append(UInt8(scalar.value))
    }
    guard let repaired = String(validating: bytes, as: UTF8.self), repaired != text else {
      return nil
    }
    return repaired
  }
}
