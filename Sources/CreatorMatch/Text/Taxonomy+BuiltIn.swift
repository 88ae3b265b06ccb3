extension Taxonomy {
  /// The built-in taxonomy: 18 niches with seed terms in en, es, de, fr, pl, ru, uk and ja.
  public static let builtIn = Taxonomy(niches: [
    Niche(
      id: "beauty",
      labels: [
        "makeup", "cosmetics", "beauty makeup", "nails", "hair", "uroda", "красота", "краса",
      ],
      seeds: [
        "en": [
          "beauty", "makeup", "cosmetics", "lipstick", "mascara", "eyeshadow", "nails", "manicure",
        ],
        "es": ["belleza", "maquillaje", "cosméticos", "labial", "uñas"],
        "de": ["schönheit", "makeup", "kosmetik", "lippenstift", "nägel"],
        "fr": ["beauté", "maquillage", "cosmétiques", "rouge à lèvres", "ongles"],
        "pl": ["uroda", "makijaż", "kosmetyki", "szminka", "paznokcie"],
        "ru": ["красота", "макияж", "косметика", "помада", "маникюр"],
        "uk": ["краса", "макіяж", "косметика", "помада", "манікюр"],
        "ja": ["美容", "メイク", "化粧", "コスメ", "ネイル"],
      ]),
    Niche(
      id: "skincare",
      labels: ["skin care", "skincare", "pielęgnacja", "уход за кожей", "догляд за шкірою"],
      seeds: [
        "en": [
          "skincare", "skin care", "serum", "moisturizer", "sunscreen", "spf", "acne", "retinol",
          "cleanser",
        ],
        "es": ["cuidado de la piel", "sérum", "crema hidratante", "protector solar", "acné"],
        "de": ["hautpflege", "serum", "feuchtigkeitscreme", "sonnenschutz", "akne"],
        "fr": ["soins de la peau", "sérum", "crème hydratante", "écran solaire", "acné"],
        "pl": [
          "pielęgnacja", "pielęgnacja twarzy", "serum", "krem nawilżający", "trądzik", "cera",
        ],
        "ru": ["уход за кожей", "сыворотка", "увлажняющий крем", "солнцезащитный", "акне"],
        "uk": ["догляд за шкірою", "сироватка", "зволожувальний крем", "сонцезахисний", "акне"],
        "ja": ["スキンケア", "美容液", "保湿", "日焼け止め", "肌"],
      ]),
    Niche(
      id: "fashion",
      labels: [
        "clothing outfits", "modeling", "accessories jewellery", "luxury", "style", "moda", "мода",
        "streetwear",
      ],
      seeds: [
        "en": [
          "fashion", "style", "outfit", "ootd", "streetwear", "clothing", "dress", "designer",
        ],
        "es": ["moda", "estilo", "ropa", "vestido", "look"],
        "de": ["mode", "stil", "outfit", "kleidung", "kleid"],
        "fr": ["mode", "style", "tenue", "vêtements", "robe"],
        "pl": ["moda", "styl", "stylizacja", "ubrania", "sukienka"],
        "ru": ["мода", "стиль", "образ", "одежда", "платье"],
        "uk": ["мода", "стиль", "образ", "одяг", "сукня"],
        "ja": ["ファッション", "コーデ", "服", "古着", "おしゃれ"],
      ]),
    Niche(
      id: "fitness",
      labels: ["fitness gym", "gym", "trainers coaches", "workout", "фитнес", "фітнес"],
      seeds: [
        "en": [
          "fitness", "workout", "gym", "training", "bodybuilding", "crossfit", "hiit",
          "personal trainer",
        ],
        "es": ["fitness", "entrenamiento", "gimnasio", "ejercicio", "rutina"],
        "de": ["fitness", "training", "fitnessstudio", "workout", "muskelaufbau"],
        "fr": ["fitness", "entraînement", "musculation", "salle de sport"],
        "pl": ["fitness", "trening", "siłownia", "ćwiczenia", "trener personalny"],
        "ru": ["фитнес", "тренировка", "спортзал", "упражнения", "тренер"],
        "uk": ["фітнес", "тренування", "спортзал", "вправи", "тренер"],
        "ja": ["筋トレ", "フィットネス", "ジム", "トレーニング", "ダイエット"],
      ]),
    Niche(
      id: "food",
      labels: ["food cooking", "cooking", "recipes", "foodie", "kulinaria", "кулинария"],
      seeds: [
        "en": ["food", "recipe", "cooking", "foodie", "baking", "chef", "vegan", "restaurant"],
        "es": ["comida", "receta", "cocina", "chef", "vegano"],
        "de": ["essen", "rezept", "kochen", "backen", "vegan"],
        "fr": ["cuisine", "recette", "gastronomie", "pâtisserie", "végan"],
        "pl": ["jedzenie", "przepis", "gotowanie", "kuchnia", "pieczenie"],
        "ru": ["еда", "рецепт", "кулинария", "готовка", "выпечка"],
        "uk": ["їжа", "рецепт", "кулінарія", "готування", "випічка"],
        "ja": ["料理", "レシピ", "グルメ", "ご飯", "スイーツ"],
      ]),
    Niche(
      id: "travel",
      labels: ["nature landscapes", "tourism", "podróże", "путешествия", "подорожі"],
      seeds: [
        "en": [
          "travel", "trip", "wanderlust", "vacation", "backpacking", "tourism", "adventure",
          "hotel",
        ],
        "es": ["viajes", "viajar", "turismo", "vacaciones", "aventura"],
        "de": ["reisen", "reise", "urlaub", "abenteuer", "fernweh"],
        "fr": ["voyage", "voyager", "vacances", "tourisme", "aventure"],
        "pl": ["podróże", "podróż", "wakacje", "turystyka", "przygoda"],
        "ru": ["путешествия", "путешествие", "туризм", "отпуск", "приключения"],
        "uk": ["подорожі", "подорож", "туризм", "відпустка", "пригоди"],
        "ja": ["旅行", "旅", "観光", "温泉", "絶景"],
      ]),
    Niche(
      id: "gaming",
      labels: ["games", "video games", "esports", "gry", "игры", "ігри"],
      seeds: [
        "en": [
          "gaming", "gamer", "esports", "streamer", "playstation", "xbox", "nintendo", "videogames",
        ],
        "es": ["videojuegos", "gamer", "jugador"],
        "de": ["gaming", "zocken", "videospiele"],
        "fr": ["jeux vidéo", "gamer", "esport"],
        "pl": ["gry", "gaming", "gracz"],
        "ru": ["игры", "геймер", "киберспорт", "стрим"],
        "uk": ["ігри", "геймер", "кіберспорт", "стрім"],
        "ja": ["ゲーム", "ゲーム実況", "実況", "eスポーツ"],
      ]),
    Niche(
      id: "tech",
      labels: [
        "technology", "computers gadgets", "machinery technologies", "science", "gadgets",
        "технологии", "технології",
      ],
      seeds: [
        "en": ["tech", "technology", "gadgets", "smartphone", "coding", "software", "unboxing"],
        "es": ["tecnología", "gadgets", "móvil", "programación"],
        "de": ["technik", "technologie", "gadgets", "smartphone", "programmieren"],
        "fr": ["technologie", "tech", "gadgets", "smartphone", "programmation"],
        "pl": ["technologia", "gadżety", "smartfon", "programowanie"],
        "ru": ["технологии", "гаджеты", "смартфон", "программирование"],
        "uk": ["технології", "гаджети", "смартфон", "програмування"],
        "ja": ["ガジェット", "テクノロジー", "スマホ", "プログラミング"],
      ]),
    Niche(
      id: "family",
      labels: ["parenting", "kids toys", "kids", "moms", "rodzina", "семья", "сім'я"],
      seeds: [
        "en": [
          "family", "parenting", "mom", "mum", "dad", "baby", "kids", "motherhood", "toddler",
        ],
        "es": ["familia", "mamá", "maternidad", "bebé", "niños"],
        "de": ["familie", "mama", "baby", "kinder", "elternzeit"],
        "fr": ["famille", "maman", "bébé", "enfants", "parentalité"],
        "pl": ["rodzina", "mama", "macierzyństwo", "dziecko", "dzieci"],
        "ru": ["семья", "мама", "материнство", "малыш", "дети"],
        "uk": ["сім'я", "родина", "мама", "материнство", "малюк", "діти"],
        "ja": ["子育て", "ママ", "育児", "赤ちゃん", "家族"],
      ]),
    Niche(
      id: "pets",
      labels: ["pet", "animals", "dogs", "cats", "zwierzęta", "животные", "тварини"],
      seeds: [
        "en": ["pets", "dog", "cat", "puppy", "kitten", "dogsofinstagram", "petlover"],
        "es": ["mascotas", "perro", "gato", "cachorro"],
        "de": ["haustiere", "hund", "katze", "welpe"],
        "fr": ["animaux", "chien", "chat", "chiot"],
        "pl": ["zwierzęta", "pies", "kot", "szczeniak"],
        "ru": ["питомцы", "собака", "кошка", "щенок", "котик"],
        "uk": ["тварини", "собака", "кіт", "цуценя", "котик"],
        "ja": ["ペット", "犬", "猫", "子犬", "わんこ"],
      ]),
    Niche(
      id: "home",
      labels: [
        "interior", "home interior", "home decor", "interior design", "diy", "wnętrza", "интерьер",
      ],
      seeds: [
        "en": [
          "interior", "interior design", "home decor", "decor", "diy", "renovation", "furniture",
        ],
        "es": ["decoración", "interiorismo", "hogar", "muebles"],
        "de": ["einrichtung", "wohnen", "innenarchitektur", "deko", "möbel"],
        "fr": ["décoration", "intérieur", "maison", "meubles", "déco"],
        "pl": ["wnętrza", "aranżacja wnętrz", "meble", "dekoracje"],
        "ru": ["интерьер", "дизайн интерьера", "декор", "ремонт"],
        "uk": ["інтер'єр", "дизайн інтер'єру", "декор", "ремонт"],
        "ja": ["インテリア", "部屋", "家具", "収納", "暮らし"],
      ]),
    Niche(
      id: "finance",
      labels: [
        "finance economics", "business careers", "business", "investing", "finanse", "финансы",
      ],
      seeds: [
        "en": [
          "finance", "investing", "stocks", "money", "crypto", "personal finance", "budgeting",
        ],
        "es": ["finanzas", "inversiones", "dinero", "ahorro"],
        "de": ["finanzen", "investieren", "aktien", "geld", "sparen"],
        "fr": ["finance", "investissement", "bourse", "argent", "épargne"],
        "pl": ["finanse", "inwestowanie", "giełda", "pieniądze", "oszczędzanie"],
        "ru": ["финансы", "инвестиции", "акции", "деньги", "криптовалюта"],
        "uk": ["фінанси", "інвестиції", "акції", "гроші", "криптовалюта"],
        "ja": ["投資", "資産運用", "株", "お金", "節約"],
      ]),
    Niche(
      id: "music",
      labels: ["musicians", "singer", "muzyka", "музыка", "музика"],
      seeds: [
        "en": ["music", "musician", "singer", "song", "guitar", "concert", "producer", "rapper"],
        "es": ["música", "cantante", "canción", "guitarra"],
        "de": ["musik", "sänger", "lied", "gitarre", "konzert"],
        "fr": ["musique", "chanteur", "chanson", "guitare", "concert"],
        "pl": ["muzyka", "piosenkarka", "piosenka", "gitara", "koncert"],
        "ru": ["музыка", "певица", "песня", "гитара", "концерт"],
        "uk": ["музика", "співачка", "пісня", "гітара", "концерт"],
        "ja": ["音楽", "歌手", "歌", "ギター", "ライブ"],
      ]),
    Niche(
      id: "sports",
      labels: [
        "sport", "sports with a ball", "racing sports", "winter sports", "athletes", "спорт",
      ],
      seeds: [
        "en": [
          "sports", "football", "soccer", "basketball", "tennis", "athlete", "cycling", "marathon",
        ],
        "es": ["deporte", "fútbol", "baloncesto", "atleta"],
        "de": ["sport", "fußball", "basketball", "tennis", "radsport"],
        "fr": ["sport", "football", "basket", "tennis", "athlète"],
        "pl": ["sport", "piłka nożna", "koszykówka", "tenis", "kolarstwo"],
        "ru": ["спорт", "футбол", "баскетбол", "теннис", "спортсмен"],
        "uk": ["спорт", "футбол", "баскетбол", "теніс", "спортсмен"],
        "ja": ["スポーツ", "サッカー", "野球", "テニス", "マラソン"],
      ]),
    Niche(
      id: "wellness",
      labels: ["health", "wellbeing", "mindfulness", "zdrowie", "здоровье", "здоров'я"],
      seeds: [
        "en": [
          "wellness", "health", "mindfulness", "meditation", "healthy", "nutrition", "selfcare",
        ],
        "es": ["bienestar", "salud", "meditación", "nutrición"],
        "de": ["wellness", "gesundheit", "achtsamkeit", "meditation", "ernährung"],
        "fr": ["bien-être", "santé", "méditation", "nutrition"],
        "pl": ["zdrowie", "wellness", "medytacja", "zdrowe odżywianie"],
        "ru": ["здоровье", "медитация", "осознанность", "правильное питание"],
        "uk": ["здоров'я", "медитація", "усвідомленість", "здорове харчування"],
        "ja": ["健康", "瞑想", "ウェルネス", "栄養", "セルフケア"],
      ]),
    Niche(
      id: "photography",
      labels: ["photo", "photographers", "fotografia", "фотография", "фотографія"],
      seeds: [
        "en": ["photography", "photographer", "photo", "camera", "portrait"],
        "es": ["fotografía", "fotógrafo"],
        "de": ["fotografie", "fotograf", "kamera"],
        "fr": ["photographie", "photographe"],
        "pl": ["fotografia", "fotograf", "aparat"],
        "ru": ["фотография", "фотограф", "фотосессия"],
        "uk": ["фотографія", "фотограф", "фотосесія"],
        "ja": ["写真", "カメラ", "写真家", "フォト"],
      ]),
    Niche(
      id: "automotive",
      labels: ["cars motorbikes", "cars", "auto", "motorsport", "motoryzacja", "автомобили"],
      seeds: [
        "en": ["cars", "car", "automotive", "motorsport", "supercar", "motorcycle"],
        "es": ["coches", "autos", "motor"],
        "de": ["autos", "auto", "motorsport", "motorrad"],
        "fr": ["voitures", "automobile", "moto"],
        "pl": ["samochody", "motoryzacja", "motocykl"],
        "ru": ["автомобили", "машины", "авто", "мотоцикл"],
        "uk": ["автомобілі", "авто", "мотоцикл"],
        "ja": ["車", "愛車", "バイク", "自動車"],
      ]),
    Niche(
      id: "lifestyle",
      labels: ["lifestyle", "vlog", "daily life", "styl życia", "лайфстайл"],
      seeds: [
        "en": ["lifestyle", "vlog", "daily", "life", "blogger"],
        "es": ["estilo de vida", "vlog", "bloguera"],
        "de": ["lifestyle", "alltag", "bloggerin"],
        "fr": ["lifestyle", "quotidien", "blogueuse"],
        "pl": ["lifestyle", "codzienność", "blogerka"],
        "ru": ["лайфстайл", "блогер", "повседневность"],
        "uk": ["лайфстайл", "блогерка", "буденність"],
        "ja": ["日常", "暮らし", "ライフスタイル", "ブログ"],
      ]),
  ])
}
