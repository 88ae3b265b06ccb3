import Foundation

/// ISO 3166-1 alpha-2 country codes and the English names and common aliases that real exports
/// use in their place ("United States", "USA", "South Korea", "Czech Republic").
///
/// Creator tables from analytics tools often name countries instead of coding them; this is how
/// CreatorMatch reads both.
package enum CountryCatalog {
  /// The code for `text`: a two-letter code (any case) or a known name or alias; `nil` otherwise.
  ///
  /// Text that was UTF-8 mis-decoded as Latin-1 (`CÃ´te d'Ivoire`) is repaired first.
  package static func code(for text: String) -> String? {
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    if trimmed.count == 2, trimmed.allSatisfy({ $0.isASCII && $0.isLetter }) {
      let upper = trimmed.uppercased()
      return codes.contains(upper) ? upper : (upper == "UK" ? "GB" : nil)
    }
    let key = normalizedName(trimmed)
    if let code = byName[key] { return code }
    if let repaired = MojibakeRepair.repair(trimmed), let code = byName[normalizedName(repaired)] {
      return code
    }
    return nil
  }

  /// The English name of a code, or the code itself when unknown.
  package static func name(of code: String) -> String {
    names[code] ?? code
  }

  /// Whether `code` is an assigned ISO 3166-1 alpha-2 code.
  package static func isValid(_ code: String) -> Bool { codes.contains(code) }

  static func normalizedName(_ text: String) -> String {
    let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    return String(folded.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) })
  }

  private static let table: [(code: String, names: [String])] = {
    let raw = """
      AD Andorra;AE United Arab Emirates,UAE,Emirates;AF Afghanistan;AG Antigua and Barbuda;\
      AI Anguilla;AL Albania;AM Armenia;AO Angola;AQ Antarctica;AR Argentina;AS American Samoa;\
      AT Austria;AU Australia;AW Aruba;AX Aland Islands;AZ Azerbaijan;\
      BA Bosnia and Herzegovina,Bosnia;BB Barbados;BD Bangladesh;BE Belgium;BF Burkina Faso;\
      BG Bulgaria;BH Bahrain;BI Burundi;BJ Benin;BL Saint Barthelemy;BM Bermuda;BN Brunei;\
      BO Bolivia;BQ Caribbean Netherlands,Bonaire;BR Brazil,Brasil;BS Bahamas,The Bahamas;\
      BT Bhutan;BW Botswana;BY Belarus;BZ Belize;CA Canada;CC Cocos Islands;\
      CD Democratic Republic of the Congo,DR Congo,Congo-Kinshasa;CF Central African Republic;\
      CG Republic of the Congo,Congo,Congo-Brazzaville;CH Switzerland;\
      CI Cote d'Ivoire,Ivory Coast;CK Cook Islands;CL Chile;CM Cameroon;CN China;CO Colombia;\
      CR Costa Rica;CU Cuba;CV Cape Verde,Cabo Verde;CW Curacao;CX Christmas Island;CY Cyprus;\
      CZ Czechia,Czech Republic;DE Germany,Deutschland;DJ Djibouti;DK Denmark;DM Dominica;\
      DO Dominican Republic;DZ Algeria;EC Ecuador;EE Estonia;EG Egypt;EH Western Sahara;\
      ER Eritrea;ES Spain,Espana;ET Ethiopia;FI Finland;FJ Fiji;FK Falkland Islands;\
      FM Micronesia;FO Faroe Islands;FR France;GA Gabon;\
      GB United Kingdom,UK,Great Britain,Britain,England,Scotland,Wales,Northern Ireland;\
      GD Grenada;GE Georgia;GF French Guiana;GG Guernsey;GH Ghana;GI Gibraltar;GL Greenland;\
      GM Gambia,The Gambia;GN Guinea;GP Guadeloupe;GQ Equatorial Guinea;GR Greece;\
      GT Guatemala;GU Guam;GW Guinea-Bissau;GY Guyana;HK Hong Kong;HN Honduras;HR Croatia;\
      HT Haiti;HU Hungary;ID Indonesia;IE Ireland;IL Israel;IM Isle of Man;IN India;\
      IQ Iraq;IR Iran;IS Iceland;IT Italy,Italia;JE Jersey;JM Jamaica;JO Jordan;JP Japan;\
      KE Kenya;KG Kyrgyzstan;KH Cambodia;KI Kiribati;KM Comoros;KN Saint Kitts and Nevis;\
      KP North Korea;KR South Korea,Korea,Republic of Korea;KW Kuwait;KY Cayman Islands;\
      KZ Kazakhstan;LA Laos;LB Lebanon;LC Saint Lucia;LI Liechtenstein;LK Sri Lanka;\
      LR Liberia;LS Lesotho;LT Lithuania;LU Luxembourg;LV Latvia;LY Libya;MA Morocco;\
      MC Monaco;MD Moldova;ME Montenegro;MF Saint Martin;MG Madagascar;MH Marshall Islands;\
      MK North Macedonia,Macedonia;ML Mali;MM Myanmar,Burma;MN Mongolia;MO Macau,Macao;\
      MP Northern Mariana Islands;MQ Martinique;MR Mauritania;MS Montserrat;MT Malta;\
      MU Mauritius;MV Maldives;MW Malawi;MX Mexico;MY Malaysia;MZ Mozambique;NA Namibia;\
      NC New Caledonia;NE Niger;NF Norfolk Island;NG Nigeria;NI Nicaragua;\
      NL Netherlands,The Netherlands,Holland;NO Norway;NP Nepal;NR Nauru;NU Niue;\
      NZ New Zealand;OM Oman;PA Panama;PE Peru;PF French Polynesia;PG Papua New Guinea;\
      PH Philippines;PK Pakistan;PL Poland,Polska;PM Saint Pierre and Miquelon;PN Pitcairn;\
      PR Puerto Rico;PS Palestine;PT Portugal;PW Palau;PY Paraguay;QA Qatar;RE Reunion;\
      RO Romania;RS Serbia;RU Russia,Russian Federation;RW Rwanda;SA Saudi Arabia;\
      SB Solomon Islands;SC Seychelles;SD Sudan;SE Sweden;SG Singapore;SH Saint Helena;\
      SI Slovenia;SK Slovakia;SL Sierra Leone;SM San Marino;SN Senegal;SO Somalia;\
      SR Suriname;SS South Sudan;ST Sao Tome and Principe;SV El Salvador;SX Sint Maarten;\
      SY Syria;SZ Eswatini,Swaziland;TC Turks and Caicos Islands;TD Chad;TG Togo;\
      TH Thailand;TJ Tajikistan;TK Tokelau;TL Timor-Leste,East Timor;TM Turkmenistan;\
      TN Tunisia;TO Tonga;TR Turkey,Turkiye;TT Trinidad and Tobago;TV Tuvalu;TW Taiwan;\
      TZ Tanzania;UA Ukraine,Ukraina;UG Uganda;UM United States Minor Outlying Islands;\
      US United States,USA,United States of America,America,US;UY Uruguay;UZ Uzbekistan;\
      VA Vatican City,Holy See;VC Saint Vincent and the Grenadines;VE Venezuela;\
      VG British Virgin Islands;VI US Virgin Islands,U.S. Virgin Islands;VN Vietnam,Viet Nam;\
      VU Vanuatu;WF Wallis and Futuna;WS Samoa;XK Kosovo;YE Yemen;YT Mayotte;\
      ZA South Africa;ZM Zambia;ZW Zimbabwe
      """
    return raw.split(separator: ";").map { entry in
      let code = String(entry.prefix(2))
      let names = entry.dropFirst(3).split(separator: ",").map(String.init)
      return (code, names)
    }
  }()

  private static let codes: Set<String> = Set(table.map(\.code))

  private static let names: [String: String] = Dictionary(
    table.map { ($0.code, $0.names.first ?? $0.code) }, uniquingKeysWith: { first, _ in first })

  private static let byName: [String: String] = {
    var result: [String: String] = [:]
    for entry in table {
      for name in entry.names { result[normalizedName(name)] = entry.code }
    }
    return result
  }()
}
