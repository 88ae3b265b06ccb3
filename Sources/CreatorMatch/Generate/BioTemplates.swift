/// Bio sentence templates per language; `{a}` and `{b}` are niche terms, `{city}` a city.
enum BioTemplates {
  static let byLanguage: [String: [String]] = [
    "en": [
      "{a} & {b} tips from {city}", "Sharing my {a} journey ✨ {b} lover", "{a} | {b} | {city}",
      "Daily {a} inspo and honest {b} reviews", "Your {city} guide to {a} and {b}",
    ],
    "pl": [
      "{a} i {b} na co dzień 💫 {city}", "Dzielę się pasją: {a}, {b}", "{a} | {b} | {city}",
      "Codziennie o {a} ✨ {b}", "Szczerze o {a} i {b} z {city}",
    ],
    "uk": [
      "{a} та {b} щодня 💛 {city}", "Пишу про {a} і {b}", "{a} | {b} | {city}",
      "Чесно про {a} ✨ {b}", "{city} • {a} • {b}",
    ],
    "ru": [
      "{a} и {b} каждый день ✨ {city}", "Пишу про {a} и {b}", "{a} | {b} | {city}",
      "Честно про {a} • {b}",
    ],
    "ja": [
      "{city}在住｜{a}｜{b}", "{a}と{b}の毎日✨", "{a}が好き。{b}も発信中", "{city}から{a}を発信｜{b}",
    ],
    "de": [
      "{a} & {b} im Alltag 🌿 {city}", "Alles über {a} und {b}", "{a} | {b} | {city}",
      "Ehrlich über {a} ✨ {b}",
    ],
    "es": [
      "{a} y {b} cada día ✨ {city}", "Amante de {a} y {b}", "{a} | {b} | {city}",
      "Comparto mi pasión: {a}, {b}",
    ],
    "fr": [
      "{a} et {b} au quotidien ✨ {city}", "Passionnée de {a} et {b}", "{a} | {b} | {city}",
      "Mes conseils {a} • {b}",
    ],
  ]

  static let fillers: [String: [String]] = [
    "en": ["coffee addict", "dreamer", "DM for collabs", "new video every week", "mom of two"],
    "pl": ["kawa i książki", "współpraca: DM", "nowe wideo co tydzień", "marzycielka"],
    "uk": ["кава і книжки", "співпраця: DM", "нове відео щотижня"],
    "ru": ["кофе и книги", "сотрудничество в DM", "новое видео каждую неделю"],
    "ja": ["お仕事はDMへ", "毎週投稿", "カフェ巡り"],
    "de": ["Kaffeeliebe", "Kooperationen per DM", "neues Video jede Woche"],
    "es": ["café y libros", "colaboraciones por DM", "video nuevo cada semana"],
    "fr": ["café et livres", "collab en DM", "nouvelle vidéo chaque semaine"],
  ]
}
