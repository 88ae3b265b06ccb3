import CreatorMatch
import CreatorMatchIO

/// Our top rows for the peers to compare with.
enum PeerPlan {
  static func topJSON(_ top: Ranking) -> String {
    var json = JSONWriter()
    json.object { object in
      object.key("top_rows")
      object.array { list in for row in top.rows { list.integer(row.row) } }
    }
    return json.text + "\n"
  }
}
