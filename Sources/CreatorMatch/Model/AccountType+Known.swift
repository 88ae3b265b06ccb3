extension AccountType {
  /// Well-known non-creator accounts by handle (lower case, without `@`): brands, clubs and
  /// leagues, public bodies, media pages and politicians among Instagram's most followed accounts,
  /// typed by their own public self-description.
  ///
  /// Why a list: "top influencer" exports such as the Kaggle top-200 Instagram file carry no
  /// category or bio for these accounts, so no text rule can see that `nike` is a brand. The list
  /// is exact-match only (never a prefix), so it cannot catch a person by accident; extend it, or
  /// give the type in the data's categories, for other markets.
  public static let knownAccounts: [String: AccountType] = {
    var table: [String: AccountType] = [:]
    let groups: [(AccountType, [String])] = [
      (
        .brand,
        [
          "nike", "nikefootball", "nikesportswear", "nikewomen", "nikerunning", "jumpman23",
          "adidas", "adidasoriginals", "adidasfootball", "adidaswomen", "puma", "underarmour",
          "gymshark", "lululemon", "gucci", "louisvuitton", "chanelofficial", "dior", "prada",
          "versace", "balenciaga", "zara", "hm", "victoriassecret", "sephora", "fentybeauty",
          "kyliecosmetics", "hudabeauty", "maccosmetics", "nyxcosmetics", "benefitcosmetics",
          "lorealparis", "maybelline", "starbucks", "cocacola", "redbull", "mcdonalds",
          "playstation", "xbox", "nintendo", "apple", "samsung", "netflix", "disney", "marvel",
          "pixar", "mercedesbenz", "bmw", "ferrari", "porsche", "lamborghini",
        ]
      ),
      (
        .organization,
        [
          "nasa", "fcbarcelona", "realmadrid", "psg", "juventus", "manchesterunited",
          "mancity", "liverpoolfc", "chelseafc", "acmilan", "inter", "fcbayern", "arsenal",
          "nba", "nfl", "mlb", "nhl", "ufc", "wwe", "championsleague", "premierleague", "laliga",
          "fifaworldcup", "olympics", "whitehouse", "unicef", "pmoindia", "bcci",
        ]
      ),
      (
        .media,
        [
          "natgeo", "natgeotravel", "natgeoyourshot", "natgeowild", "9gag", "bbcnews", "cnn",
          "nytimes", "espn", "sportscenter", "bleacherreport", "houseofhighlights", "433",
          "brfootball", "goal", "complex", "voguemagazine", "vogueparis", "time", "ladbible",
          "worldstar", "theshaderoom", "mtv", "enews", "buzzfeed", "tasty", "nowthisnews",
        ]
      ),
      (
        .politician,
        [
          "narendramodi", "barackobama", "joebiden", "potus", "kamalaharris",
          "realdonaldtrump", "jokowi", "prabowo", "zelenskyy_official", "amitshah.official",
          "myogiadityanath", "rahulgandhi", "arvindkejriwal", "emmanuelmacron",
          "justinpjtrudeau", "jairmessiasbolsonaro", "lulaoficial", "rterdogan", "aoc",
          "berniesanders",
        ]
      ),
    ]
    for (type, handles) in groups {
      for handle in handles { table[handle] = type }
    }
    return table
  }()
}
