/// A country market the generator draws creators from: language, currency, cities, and its
/// share of generated creators.
struct Market: Sendable {
  var country: String
  var language: String
  var currency: String
  var weight: Double
  var cities: [String]
  var neighbors: [String]

  /// First names used in generated handles, by language.
  static let names: [String: [String]] = [
    "en": ["emma", "liam", "mia", "noah", "olivia", "jack", "ava", "ethan", "chloe", "ruby"],
    "pl": ["ania", "kasia", "ola", "marta", "zosia", "kuba", "bartek", "magda", "julka"],
    "uk": ["oksana", "iryna", "olena", "taras", "dmytro", "solomiia", "andrii", "yulia"],
    "ru": ["masha", "ivan", "dasha", "nastya", "artem", "katya", "sasha"],
    "ja": ["yuki", "hana", "kenji", "sora", "aoi", "ren", "mei", "haruto"],
    "de": ["lena", "felix", "mia", "jonas", "lea", "lukas", "hannah", "paul"],
    "es": ["lucia", "pablo", "sofia", "mateo", "valeria", "diego", "carla", "alba"],
    "fr": ["chloe", "louis", "manon", "hugo", "camille", "jules", "lea", "lucas"],
  ]

  static let all: [Market] = [
    Market(
      country: "US", language: "en", currency: "USD", weight: 18,
      cities: ["NYC", "LA", "Austin", "Chicago", "Miami"], neighbors: ["CA", "GB", "MX"]),
    Market(
      country: "GB", language: "en", currency: "GBP", weight: 6,
      cities: ["London", "Manchester", "Leeds", "Bristol"], neighbors: ["US", "IE", "AU"]),
    Market(
      country: "CA", language: "en", currency: "CAD", weight: 3,
      cities: ["Toronto", "Vancouver", "Montreal"], neighbors: ["US", "GB"]),
    Market(
      country: "PL", language: "pl", currency: "PLN", weight: 12,
      cities: ["Warszawa", "Kraków", "Wrocław", "Gdańsk", "Poznań"], neighbors: ["DE", "GB", "UA"]),
    Market(
      country: "UA", language: "uk", currency: "UAH", weight: 10,
      cities: ["Київ", "Львів", "Одеса", "Харків", "Дніпро"], neighbors: ["PL", "DE", "CZ"]),
    Market(
      country: "JP", language: "ja", currency: "JPY", weight: 10,
      cities: ["東京", "大阪", "京都", "福岡", "札幌"], neighbors: ["US", "KR", "TW"]),
    Market(
      country: "DE", language: "de", currency: "EUR", weight: 8,
      cities: ["Berlin", "München", "Hamburg", "Köln"], neighbors: ["AT", "CH", "PL"]),
    Market(
      country: "ES", language: "es", currency: "EUR", weight: 6,
      cities: ["Madrid", "Barcelona", "Valencia", "Sevilla"], neighbors: ["MX", "AR", "US"]),
    Market(
      country: "MX", language: "es", currency: "MXN", weight: 5,
      cities: ["CDMX", "Guadalajara", "Monterrey"], neighbors: ["US", "ES", "CO"]),
    Market(
      country: "FR", language: "fr", currency: "EUR", weight: 7,
      cities: ["Paris", "Lyon", "Marseille", "Bordeaux"], neighbors: ["BE", "CH", "CA"]),
    Market(
      country: "RU", language: "ru", currency: "RUB", weight: 4,
      cities: ["Москва", "Санкт-Петербург", "Казань"], neighbors: ["KZ", "BY", "UA"]),
  ]
}
