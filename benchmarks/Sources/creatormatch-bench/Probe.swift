import CreatorMatch
import Dispatch
import Foundation

/// Times tokenizing a CSV file alone (no decoding), to split ingest cost.
func probeTokenize(_ path: String) throws -> Double {
  let start = DispatchTime.now().uptimeNanoseconds
  var reader = try CSVReader(path: path)
  var record = CSVRecord()
  var fields = 0
  while try reader.next(into: &record) { fields += record.count }
  blackHole(fields)
  return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}
