extension Taxonomy {
  /// The built-in taxonomy: the core niches (the original 3–10 seeds per language) with their
  /// seed lists grown to about 70–210 terms per language in the twelve most asked-for niches (the
  /// lists, their sources and licences: <doc:Lexicons>). Same niches, ids, labels and order as
  /// the core taxonomy.
  public static let builtIn = Taxonomy(core, seeds: Lexicon.grow(core.niches).map(\.seeds))

  /// The core taxonomy: 29 niches with 3–10 seed terms in en, es, de, fr, pl, ru, uk and ja.
  /// The dataset generator writes bios from these lists, so growing the built-in lists leaves
  /// generated data unchanged.
  ///
  /// The first 18 are the original niches; the rest were added for the labels of real creator
  /// exports (HypeAuditor-style "Cinema & Actors/actresses", "Humor & Fun & Happiness", "Shows",
  /// "Literature & Journalism", "Adult content", …). New niches go at the end: a niche's index is
  /// its bit in every category mask.
  static let core = Taxonomy(niches: [
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
        "clothing outfits", "modeling", "accessories jewellery", "style", "moda", "мода",
        "streetwear", "fasion", "fashion style",
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
      labels: [
        "fitness gym", "gym", "trainers coaches", "workout", "фитнес", "фітнес", "fitness health",
      ],
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
      labels: [
        "food cooking", "cooking", "recipes", "foodie", "kulinaria", "кулинария", "food dining",
      ],
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
      labels: [
        "nature landscapes", "tourism", "podróże", "путешествия", "подорожі", "travel adventure",
      ],
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
        "technology", "computers gadgets", "machinery technologies", "gadgets", "технологии",
        "технології",
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
        "business entrepreneurs",
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
      labels: ["lifestyle", "vlog", "daily life", "styl życia", "лайфстайл", "diaries daily life"],
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
    Niche(
      id: "entertainment",
      labels: [
        "cinema actors actresses", "cinema", "actors", "actresses", "actor", "actress", "film",
        "films", "movies", "television", "shows", "tv shows", "celebrity", "celebrities",
        "film tv", "kino", "кино", "кіно", "film tv video", "celebrity pop culture",
      ],
      seeds: [
        "en": ["film", "movie", "cinema", "actor", "actress", "tv series", "trailer", "premiere"],
        "es": ["cine", "película", "actor", "actriz", "serie", "estreno"],
        "de": ["film", "kino", "schauspieler", "schauspielerin", "serie", "premiere"],
        "fr": ["cinéma", "film", "acteur", "actrice", "série", "avant-première"],
        "pl": ["kino", "film", "aktor", "aktorka", "serial", "premiera"],
        "ru": ["кино", "фильм", "актёр", "актриса", "сериал", "премьера"],
        "uk": ["кіно", "фільм", "актор", "акторка", "серіал", "прем'єра"],
        "ja": ["映画", "俳優", "女優", "ドラマ", "芸能"],
      ]),
    Niche(
      id: "comedy",
      labels: [
        "humor fun happiness", "humor", "humour", "comedy", "memes", "meme", "funny", "humor memes",
        "юмор", "гумор",
      ],
      seeds: [
        "en": ["comedy", "funny", "memes", "humor", "jokes", "standup", "comedian", "prank"],
        "es": ["comedia", "humor", "memes", "chistes", "humorista"],
        "de": ["comedy", "lustig", "witze", "humor", "memes"],
        "fr": ["humour", "drôle", "blagues", "humoriste", "mèmes"],
        "pl": ["komedia", "humor", "śmieszne", "memy", "kabaret"],
        "ru": ["юмор", "комедия", "приколы", "мемы", "стендап"],
        "uk": ["гумор", "комедія", "приколи", "меми", "стендап"],
        "ja": ["お笑い", "芸人", "コント", "ネタ", "爆笑"],
      ]),
    Niche(
      id: "news",
      labels: [
        "literature journalism", "journalism", "news", "news media", "journalists",
        "current affairs", "новости", "новини", "news social concern",
      ],
      seeds: [
        "en": ["news", "journalism", "journalist", "reporter", "headlines", "breaking news"],
        "es": ["noticias", "periodismo", "periodista", "reportero", "actualidad"],
        "de": ["nachrichten", "journalismus", "journalistin", "reporter", "aktuelles"],
        "fr": ["actualités", "journalisme", "journaliste", "reporter", "infos"],
        "pl": ["wiadomości", "dziennikarstwo", "dziennikarz", "reporter", "informacje"],
        "ru": ["новости", "журналистика", "журналист", "репортер"],
        "uk": ["новини", "журналістика", "журналіст", "репортер"],
        "ja": ["ニュース", "報道", "記者", "ジャーナリスト", "時事"],
      ]),
    Niche(
      id: "education",
      labels: [
        "education", "learning", "teachers", "teaching", "study", "edtech", "edukacja",
        "образование", "освіта", "learning educational",
      ],
      seeds: [
        "en": ["education", "learning", "teacher", "study", "students", "tutorial", "lesson"],
        "es": ["educación", "aprender", "profesor", "estudiar", "clase"],
        "de": ["bildung", "lernen", "lehrer", "studium", "nachhilfe"],
        "fr": ["éducation", "apprendre", "professeur", "études", "cours"],
        "pl": ["edukacja", "nauka", "nauczyciel", "studia", "lekcja"],
        "ru": ["образование", "обучение", "учитель", "учёба", "урок"],
        "uk": ["освіта", "навчання", "вчитель", "уроки"],
        "ja": ["勉強", "教育", "学習", "先生", "受験"],
      ]),
    Niche(
      id: "science",
      labels: ["science", "astronomy", "nauka popularna", "наука"],
      seeds: [
        "en": ["science", "scientist", "physics", "biology", "chemistry", "space", "research"],
        "es": ["ciencia", "científico", "física", "biología", "espacio"],
        "de": ["wissenschaft", "forschung", "physik", "biologie", "weltraum"],
        "fr": ["science", "scientifique", "physique", "biologie", "espace"],
        "pl": ["nauka", "naukowiec", "fizyka", "biologia", "kosmos"],
        "ru": ["наука", "учёный", "физика", "биология", "космос"],
        "uk": ["наука", "науковець", "фізика", "біологія", "космос"],
        "ja": ["科学", "研究", "物理", "宇宙", "理科"],
      ]),
    Niche(
      id: "luxury",
      labels: ["luxury", "luxury goods", "luxury lifestyle", "luksus", "люкс"],
      seeds: [
        "en": ["luxury", "luxurious", "haute couture", "watches", "yacht", "high end"],
        "es": ["lujo", "alta costura", "relojes", "yate"],
        "de": ["luxus", "haute couture", "uhren", "yacht"],
        "fr": ["luxe", "haute couture", "montres", "yacht"],
        "pl": ["luksus", "luksusowy", "zegarki", "jacht"],
        "ru": ["люкс", "роскошь", "часы", "яхта"],
        "uk": ["люкс", "розкіш", "годинники", "яхта"],
        "ja": ["高級", "ラグジュアリー", "ブランド", "腕時計"],
      ]),
    Niche(
      id: "shopping",
      labels: [
        "shopping retail", "shopping", "retail", "deals", "ecommerce", "e commerce", "zakupy",
        "шопинг", "шопінг",
      ],
      seeds: [
        "en": ["shopping", "haul", "deals", "discount", "sale", "coupon", "giveaway"],
        "es": ["compras", "ofertas", "descuento", "rebajas", "sorteo"],
        "de": ["shopping", "angebote", "rabatt", "schnäppchen", "gewinnspiel"],
        "fr": ["shopping", "bons plans", "promo", "soldes", "concours"],
        "pl": ["zakupy", "promocje", "rabat", "wyprzedaż", "rozdanie"],
        "ru": ["шопинг", "скидки", "распродажа", "розыгрыш", "покупки"],
        "uk": ["шопінг", "знижки", "розпродаж", "розіграш", "покупки"],
        "ja": ["購入品", "セール", "お買い物", "プレゼント企画", "通販"],
      ]),
    Niche(
      id: "books",
      labels: [
        "literature", "books", "bookstagram", "reading", "writers", "książki", "книги",
      ],
      seeds: [
        "en": ["books", "bookstagram", "reading", "novel", "author", "booklover", "poetry"],
        "es": ["libros", "lectura", "novela", "escritora", "poesía"],
        "de": ["bücher", "lesen", "roman", "autorin", "buchliebe"],
        "fr": ["livres", "lecture", "roman", "écrivain", "poésie"],
        "pl": ["książki", "czytanie", "powieść", "pisarka", "poezja"],
        "ru": ["книги", "чтение", "роман", "писатель", "поэзия"],
        "uk": ["книжки", "читання", "роман", "письменниця", "поезія"],
        "ja": ["読書", "本", "小説", "作家", "書評"],
      ]),
    Niche(
      id: "art",
      labels: [
        "art", "arts", "artists", "drawing", "painting", "illustration", "crafts", "sztuka",
        "искусство", "мистецтво", "arts culture",
      ],
      seeds: [
        "en": ["art", "artist", "painting", "drawing", "illustration", "sketch", "artwork"],
        "es": ["arte", "artista", "pintura", "dibujo", "ilustración"],
        "de": ["kunst", "künstlerin", "malerei", "zeichnung", "illustration"],
        "fr": ["art", "artiste", "peinture", "dessin", "illustration"],
        "pl": ["sztuka", "artystka", "malarstwo", "rysunek", "ilustracja"],
        "ru": ["искусство", "художник", "живопись", "рисунок", "иллюстрация"],
        "uk": ["мистецтво", "художниця", "живопис", "малюнок", "ілюстрація"],
        "ja": ["イラスト", "絵", "アート", "絵画", "デザイン"],
      ]),
    Niche(
      id: "politics",
      labels: ["politics", "political", "government", "polityka", "политика", "політика"],
      seeds: [
        "en": ["politics", "election", "government", "policy", "parliament", "campaign trail"],
        "es": ["política", "elecciones", "gobierno", "congreso"],
        "de": ["politik", "wahlen", "regierung", "bundestag"],
        "fr": ["politique", "élections", "gouvernement", "parlement"],
        "pl": ["polityka", "wybory", "rząd", "sejm"],
        "ru": ["политика", "выборы", "правительство", "парламент"],
        "uk": ["політика", "вибори", "уряд", "парламент"],
        "ja": ["政治", "選挙", "政府", "国会"],
      ]),
    Niche(
      // Two words on purpose: a one-word id or label also matches single words of free-form
      // labels, and "young adult fiction" must not be taken for adult content.
      id: "adult content",
      labels: [
        "adult content", "nsfw", "18 plus", "erotic", "erotica", "onlyfans",
        "contenido para adultos", "erotik", "эротика", "еротика",
      ],
      seeds: [
        "en": ["nsfw", "onlyfans", "erotic", "adult content", "lingerie model"],
        "es": ["erótico", "contenido para adultos", "sensual"],
        "de": ["erotik", "erotisch", "inhalte für erwachsene"],
        "fr": ["érotique", "contenu adulte", "charme"],
        "pl": ["erotyka", "erotyczne", "treści dla dorosłych"],
        "ru": ["эротика", "для взрослых", "откровенные"],
        "uk": ["еротика", "для дорослих", "відверті"],
        "ja": ["アダルト", "グラビア", "セクシー"],
      ]),
  ])
}
