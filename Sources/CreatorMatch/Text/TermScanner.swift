import Foundation
import Synchronization

/// The ``Tokenizer``'s rules run over UTF-8 bytes, handing each term to the caller as bytes in a
/// reused buffer: no `String` per token or per bigram.
///
/// ASCII is split and lower-cased by a byte table, a run of word bytes at a time. Text with other
/// scalars is read by a per-scalar table (built lazily, 256 scalars at a time) that also says
/// whether NFKC maps the scalar, whatever its neighbours, to one scalar that cannot combine with
/// them (itself, or the scalar a compatibility form such as full-width `Ａ` stands for): when
/// every scalar is such, the text's normalized form is known scalar by scalar and its terms,
/// held back until its end, are handed out. Only text with some other scalar (combining marks,
/// ligatures, `İ`…) drops what it held and is normalized by Foundation and classified with the
/// standard library's Unicode properties. The terms are those of the
/// `String`-based tokenizer this replaced, which the tests keep as the reference.
///
/// - Complexity: O(n) in the text's bytes.
package struct TermScanner: ~Copyable {
  /// Bytes of the term being built; `capacity` bytes plus 8 after them for a bigram.
  private var buffer: UnsafeMutablePointer<UInt8>
  private var capacity: Int

  // The state of the word and the bigram run being read (see `Tokenizer.forEachToken`).
  private var length = 0
  private var characters = 0
  private var allDigits = true
  private var pendingApostrophe = false
  private var previousBigram: UInt32 = 0
  private var bigramRun = 0

  /// While a text with other scalars than ASCII is read, its terms are held here instead of
  /// being handed out, until the text is known to need no normalization (see ``scanUnicode``):
  /// the bytes of the terms back to back, and where each ends.
  private var deferring = false
  private var held: UnsafeMutablePointer<UInt8>
  private var heldCapacity: Int
  private var heldLength = 0
  private var heldEnds: [Int] = []

  /// The letters particular to each language (see ``StemContext/LetterCounts``) of every text
  /// scanned since the caller last reset it: what `LetterCounts.add` of those texts counts, for
  /// a caller that needs the letters of the text it reads (ASCII text has none).
  package var letters = StemContext.LetterCounts()

  /// A scanner with an empty term buffer.
  package init() {
    capacity = 256
    buffer = .allocate(capacity: capacity + 8)
    heldCapacity = 1_024
    held = .allocate(capacity: heldCapacity)
  }

  deinit {
    buffer.deallocate()
    held.deallocate()
  }

  /// Calls `body` with the UTF-8 bytes of each term of `text`, in order. The bytes are valid only
  /// during the call.
  package mutating func scan(
    _ text: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void
  ) {
    guard !text.isEmpty else { return }
    if !Self.isASCII(text) {
      if scanUnicode(text, body) { return }
      // Some scalar needs normalization: the slow, general path.
      letters.add(text)
      scanNormalizing(text, body)
      return
    }
    _ = scanASCII(text, from: 0, body)
    finish(body)
  }

  /// Reads the ASCII bytes of `text` from `start` up to its first other byte, or its end, and
  /// returns where it stopped: the word rules for ASCII, with no scalar to decode, no bigram
  /// and no grapheme extender. A run of word bytes is classified and copied lower-cased into the
  /// word in one pass (the byte-by-byte state machine spent some 40 instructions a byte).
  @inline(__always)
  private mutating func scanASCII(
    _ text: UnsafeBufferPointer<UInt8>, from start: Int,
    _ body: (UnsafeBufferPointer<UInt8>) -> Void
  ) -> Int {
    // Only an empty buffer has no address; answering its end, never `start`, keeps
    // `scanUnicode`'s loop, which continues from the index returned, from standing still.
    guard let base = text.baseAddress else { return text.count }
    // A bigram run is only ever open with no word (a bigram scalar ends the word), and any
    // ASCII byte ends it.
    if bigramRun != 0 { flushBigramRun(body) }
    let table = ASCIITable.byteEntries
    let wordFlag = ScalarFlags.word << 8
    let digitFlag = ScalarFlags.digit << 8
    var index = start
    while index < text.count {
      let byte = base[index]
      if byte >= 0x80 { break }
      let entry = table[Int(byte)]
      if entry & wordFlag != 0 {
        if pendingApostrophe {
          append(0x27)
          allDigits = false
          pendingApostrophe = false
        }
        let runStart = index
        var digits = digitFlag
        // As `append` keeps them: the bytes while the word has at most the longest kept length.
        let limit = length + max(0, Tokenizer.maximumWordLength + 1 - characters)
        while limit > capacity { grow() }
        var written = length
        // One pass: a non-ASCII byte's entry has no flag, so it ends the run like a separator.
        repeat {
          let entry = table[Int(base[index])]
          if entry & wordFlag == 0 { break }
          digits &= entry
          if written < limit {
            buffer[written] = UInt8(truncatingIfNeeded: entry)
            written += 1
          }
          index += 1
        } while index < text.count
        length = written
        characters += index - runStart
        if digits == 0 { allDigits = false }
      } else if entry & (ScalarFlags.apostrophe << 8) != 0 {
        if characters > 0 && !pendingApostrophe {
          pendingApostrophe = true
        } else {
          flushWord(body)
        }
        index += 1
      } else {
        pendingApostrophe = false
        if length != 0 || characters != 0 { flushWord(body) }
        index += 1
      }
    }
    return index
  }

  /// Whether every byte of `text` is ASCII, eight bytes at a time.
  @inline(__always)
  private static func isASCII(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = text.baseAddress else { return true }
    let raw = UnsafeRawPointer(base)
    var index = 0
    var any: UInt64 = 0
    while index + 8 <= text.count {
      any |= raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
      index += 8
    }
    while index < text.count {
      any |= UInt64(base[index])
      index += 1
    }
    return any & 0x8080_8080_8080_8080 == 0
  }

  /// Tokenizes `text` by the scalar table when no scalar needs normalization; returns `false`
  /// (having emitted nothing) otherwise.
  ///
  /// One pass: each scalar's table entry says both whether it is safe and how to read it, so
  /// the terms are held back until the end of the text and dropped at the first unsafe scalar.
  /// (A first pass that only checked every scalar decoded the text twice.)
  private mutating func scanUnicode(
    _ text: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void
  ) -> Bool {
    deferring = true
    heldLength = 0
    heldEnds.removeAll(keepingCapacity: true)
    var lastPageNumber = -1
    var lastPage = ScalarPages.page(0)
    // The letters are counted here rather than in a pass of their own, and kept only if the
    // text is read to its end on this path.
    var found = StemContext.LetterCounts()
    var index = 0
    while index < text.count {
      let byte = text[index]
      if byte < 0x80 {
        index = scanASCII(text, from: index, body)
        continue
      }
      let (scalar, next) = Self.decode(text, at: index)
      index = next
      // Text mostly stays on one page (Cyrillic on page 4, Polish on pages 0 and 1): the last
      // page's address spares the chain of loads that finds a page.
      let pageNumber = Int(scalar >> 8)
      if pageNumber != lastPageNumber {
        guard pageNumber < ScalarPages.pageCount else {
          abandon()
          return false
        }
        lastPageNumber = pageNumber
        lastPage = ScalarPages.page(pageNumber)
      }
      let value = lastPage[Int(scalar & 0xFF)]
      let flags = UInt16(truncatingIfNeeded: value >> 32)
      if flags & ScalarFlags.safe == 0 {
        abandon()
        return false
      }
      let letter = Int(truncatingIfNeeded: value >> ScalarPages.letterShift)
      if letter != 0 { found.add(letter: letter) }
      step(UInt32(truncatingIfNeeded: value), flags: flags, body)
    }
    finish(body)
    letters.add(found)
    deferring = false
    var start = 0
    for end in heldEnds {
      body(UnsafeBufferPointer(start: held + start, count: end - start))
      start = end
    }
    return true
  }

  /// Drops the terms held and the word being read: back to the state of a new text, for the
  /// general path.
  private mutating func abandon() {
    deferring = false
    length = 0
    characters = 0
    allDigits = true
    pendingApostrophe = false
    previousBigram = 0
    bigramRun = 0
  }

  /// Hands a term to `body`, or holds it while ``deferring``.
  @inline(__always)
  private mutating func emit(
    _ term: UnsafeMutablePointer<UInt8>, count: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void
  ) {
    if !deferring {
      body(UnsafeBufferPointer(start: term, count: count))
      return
    }
    if heldLength + count > heldCapacity {
      let larger = UnsafeMutablePointer<UInt8>.allocate(
        capacity: max(heldCapacity * 2, heldLength + count))
      larger.update(from: held, count: heldLength)
      held.deallocate()
      held = larger
      heldCapacity = max(heldCapacity * 2, heldLength + count)
    }
    (held + heldLength).update(from: term, count: count)
    heldLength += count
    heldEnds.append(heldLength)
  }

  /// The general path: Foundation's NFKC, then each scalar's lower-case mapping, classified by the
  /// scalar's Unicode properties (as the `String`-based tokenizer did).
  private mutating func scanNormalizing(
    _ text: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void
  ) {
    let normalized = String(decoding: text, as: UTF8.self).precomposedStringWithCompatibilityMapping
    for scalar in normalized.unicodeScalars {
      if scalar.value < 0x80 {
        let value = ASCIITable.entries[Int(scalar.value)]
        step(UInt32(value & 0xFF), flags: value >> 8, body)
        continue
      }
      for lower in scalar.properties.lowercaseMapping.unicodeScalars {
        step(lower.value, flags: ScalarFlags.of(lower), body)
      }
    }
    finish(body)
  }

  /// Decodes the scalar at `index` of valid UTF-8 (Swift strings always are), returning it and
  /// the index after it.
  @inline(__always)
  private static func decode(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int) {
    let lead = UInt32(text[index])
    if lead < 0x80 { return (lead, index + 1) }
    if lead < 0xE0, index + 1 < text.count {
      return (((lead & 0x1F) << 6) | (UInt32(text[index + 1]) & 0x3F), index + 2)
    }
    if lead < 0xF0, index + 2 < text.count {
      return (
        ((lead & 0x0F) << 12) | ((UInt32(text[index + 1]) & 0x3F) << 6)
          | (UInt32(text[index + 2]) & 0x3F), index + 3
      )
    }
    if index + 3 < text.count {
      return (
        ((lead & 0x07) << 18) | ((UInt32(text[index + 1]) & 0x3F) << 12)
          | ((UInt32(text[index + 2]) & 0x3F) << 6) | (UInt32(text[index + 3]) & 0x3F),
        index + 4
      )
    }
    // A truncated sequence cannot come from a Swift string; it ends the text as a separator.
    return (0x20, text.count)
  }

  /// Feeds one lower-cased scalar with its flags to the word and bigram state machine.
  @inline(__always)
  private mutating func step(
    _ scalar: UInt32, flags: UInt16, _ body: (UnsafeBufferPointer<UInt8>) -> Void
  ) {
    if flags & ScalarFlags.bigram != 0 {
      flushWord(body)
      if previousBigram != 0 {
        let pair = buffer + capacity
        var count = Self.encode(previousBigram, into: pair)
        count += Self.encode(scalar, into: pair + count)
        emit(pair, count: count, body)
      }
      previousBigram = scalar
      bigramRun += 1
    } else if flags & ScalarFlags.apostrophe != 0 {
      if characters > 0 && !pendingApostrophe {
        pendingApostrophe = true
      } else {
        flushWord(body)
        flushBigramRun(body)
      }
    } else if flags & ScalarFlags.word != 0 {
      if bigramRun != 0 { flushBigramRun(body) }
      if pendingApostrophe {
        append(0x27)
        allDigits = false
        pendingApostrophe = false
      }
      append(scalar)
      if flags & ScalarFlags.extend == 0 { characters += 1 }
      if flags & ScalarFlags.digit == 0 { allDigits = false }
    } else {
      pendingApostrophe = false
      if length != 0 || characters != 0 { flushWord(body) }
      if bigramRun != 0 { flushBigramRun(body) }
    }
  }

  /// Ends the text: the last word and bigram run.
  private mutating func finish(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
    flushWord(body)
    flushBigramRun(body)
  }

  @inline(__always)
  private mutating func flushWord(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
    pendingApostrophe = false
    if characters >= 2 && characters <= Tokenizer.maximumWordLength && !allDigits {
      emit(buffer, count: length, body)
    }
    length = 0
    characters = 0
    allDigits = true
  }

  @inline(__always)
  private mutating func flushBigramRun(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
    if bigramRun == 1 {
      let count = Self.encode(previousBigram, into: buffer + capacity)
      emit(buffer + capacity, count: count, body)
    }
    previousBigram = 0
    bigramRun = 0
  }

  /// Appends a scalar's UTF-8 to the word; a word past the longest kept length is only counted.
  @inline(__always)
  private mutating func append(_ scalar: UInt32) {
    if characters > Tokenizer.maximumWordLength { return }
    if length + 4 > capacity { grow() }
    length += Self.encode(scalar, into: buffer + length)
  }

  /// Doubles the buffer (a word of at most 40 characters with many combining marks).
  private mutating func grow() {
    let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2 + 8)
    larger.update(from: buffer, count: length)
    buffer.deallocate()
    buffer = larger
    capacity *= 2
  }

  /// Writes the UTF-8 of `scalar` at `target`; returns the byte count.
  @inline(__always)
  private static func encode(_ scalar: UInt32, into target: UnsafeMutablePointer<UInt8>) -> Int {
    if scalar < 0x80 {
      target[0] = UInt8(scalar)
      return 1
    }
    if scalar < 0x800 {
      target[0] = UInt8(0xC0 | (scalar >> 6))
      target[1] = UInt8(0x80 | (scalar & 0x3F))
      return 2
    }
    if scalar < 0x10000 {
      target[0] = UInt8(0xE0 | (scalar >> 12))
      target[1] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
      target[2] = UInt8(0x80 | (scalar & 0x3F))
      return 3
    }
    target[0] = UInt8(0xF0 | (scalar >> 18))
    target[1] = UInt8(0x80 | ((scalar >> 12) & 0x3F))
    target[2] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
    target[3] = UInt8(0x80 | (scalar & 0x3F))
    return 4
  }
}

/// What the tokenizer needs to know of a (lower-cased) scalar.
enum ScalarFlags {
  /// Part of a word: alphabetic, a decimal digit or a grapheme extender.
  static let word: UInt16 = 1
  /// A grapheme extender: in the word, not counted in its length.
  static let extend: UInt16 = 2
  /// A decimal digit (a word of only these is dropped).
  static let digit: UInt16 = 4
  /// An apostrophe (U+0027, U+2019, U+02BC).
  static let apostrophe: UInt16 = 8
  /// A script written without spaces: makes bigrams.
  static let bigram: UInt16 = 16
  /// In a table entry: NFKC maps the scalar in any text to one scalar that composes with no
  /// neighbour (itself, or the one a compatibility form stands for), which lower-cases to one
  /// scalar; the entry reads as that.
  static let safe: UInt16 = 32

  /// The flags of `scalar` from its Unicode properties, as the `String`-based tokenizer tested
  /// them.
  static func of(_ scalar: Unicode.Scalar) -> UInt16 {
    if Tokenizer.isBigramScript(scalar) { return bigram }
    if Tokenizer.isApostrophe(scalar) { return apostrophe }
    guard Tokenizer.isWordScalar(scalar) else { return 0 }
    let properties = scalar.properties
    var flags = word
    if properties.isGraphemeExtend { flags |= extend }
    if properties.numericType == .decimal { flags |= digit }
    return flags
  }
}

/// Lower-case scalar and flags of each ASCII byte: scalar in the low 8 bits, flags above.
enum ASCIITable {
  static let entries: [UInt16] = (0..<128).map { value -> UInt16 in
    let scalar = Unicode.Scalar(UInt8(value))
    let lower = (value >= 0x41 && value <= 0x5A) ? value + 0x20 : value
    return UInt16(lower) | (ScalarFlags.of(scalar) << 8)
  }

  /// ``entries`` for every byte value, 0 (no flag) for the bytes of non-ASCII scalars, in
  /// memory that lives as long as the process: a look-up by any byte needs no range check.
  /// Shared by every thread unchecked: written once, before the pointer is published, then only
  /// read.
  nonisolated(unsafe) static let byteEntries: UnsafePointer<UInt16> = {
    let table = UnsafeMutablePointer<UInt16>.allocate(capacity: 256)
    table.initialize(repeating: 0, count: 256)
    for (byte, entry) in entries.enumerated() { table[byte] = entry }
    return UnsafePointer(table)
  }()
}

/// Table entries of non-ASCII scalars, 256 to a page, each page computed once on first use and
/// shared by every scanner for the life of the process (a look-up is one atomic load).
enum ScalarPages {
  /// Pages covering U+0000…U+10FFFF.
  static let pageCount = 0x1100

  /// One address a page: 0 until the page is computed, then its entries (never freed). Read
  /// with acquire ordering, so a reader that sees an address sees the page's entries.
  private static let addresses = PageAddresses()

  /// The atomic page addresses, in memory that lives as long as the process.
  private final class PageAddresses: @unchecked Sendable {
    // Safe to share: every access to the slots is atomic.
    let slots: UnsafeMutablePointer<Atomic<UInt>>

    init() {
      slots = .allocate(capacity: ScalarPages.pageCount)
      for index in 0..<ScalarPages.pageCount { (slots + index).initialize(to: Atomic(0)) }
    }
  }

  /// The page `page`, computing it if no scanner has yet.
  @inline(__always)
  static func page(_ page: Int) -> UnsafePointer<UInt64> {
    let known = addresses.slots[page].load(ordering: .acquiring)
    if let pointer = UnsafePointer<UInt64>(bitPattern: known) { return pointer }
    return compute(page)
  }

  /// Computes page `page` and publishes it; a race computes the same page twice and keeps the
  /// first published.
  private static func compute(_ page: Int) -> UnsafePointer<UInt64> {
    let computed = UnsafeMutablePointer<UInt64>.allocate(capacity: 256)
    for offset in 0..<256 { computed[offset] = entry(UInt32(page << 8 | offset)) }
    let (exchanged, original) = addresses.slots[page].compareExchange(
      expected: 0, desired: UInt(bitPattern: computed), ordering: .acquiringAndReleasing)
    // A failed exchange means another scanner published first (its address is not 0).
    guard !exchanged, let existing = UnsafePointer<UInt64>(bitPattern: original) else {
      return UnsafePointer(computed)
    }
    computed.deallocate()
    return existing
  }

  /// The entry of one scalar: 0 (not safe) unless NFKC maps it in any text to one scalar that
  /// composes with nothing, then that scalar's lower case and flags, and the letter of the
  /// scalar as written.
  static func entry(_ value: UInt32) -> UInt64 {
    guard value >= 0x80, let scalar = Unicode.Scalar(value) else { return 0 }
    // CJK ideographs and Hangul syllables have no compatibility mapping and compose with
    // nothing that follows them here (conjoining jamo are unsafe below); skipping Foundation
    // for them keeps CJK text from paying for a page of normalizations per 256 ideographs.
    if (0x3400...0x4DBF).contains(value) || (0x4E00...0x9FFF).contains(value)
      || (0xAC00...0xD7A3).contains(value) || (0x20000...0x2A6DF).contains(value)
    {
      return UInt64(value) | UInt64(ScalarFlags.safe | ScalarFlags.bigram) << 32
    }
    let properties = scalar.properties
    switch properties.generalCategory {
    case .nonspacingMark, .spacingMark, .enclosingMark, .surrogate, .privateUse, .unassigned:
      return 0
    default: break
    }
    // Conjoining jamo compose with the syllable before them; a non-zero combining class reorders.
    if (0x1100...0x11FF).contains(value) || properties.canonicalCombiningClass.rawValue != 0 {
      return 0
    }
    let alone = String(scalar)
    let letter = UInt64(StemContext.LetterCounts.letter(of: alone)) << letterShift
    let normalized = Array(alone.precomposedStringWithCompatibilityMapping.unicodeScalars)
    if normalized != [scalar] {
      // A compatibility form that NFKC maps to one other scalar (full-width `｜` and `Ａ`,
      // half-width kana, `²`, `ª`, compatibility ideographs), which is itself safe: that
      // scalar composes with no neighbour, so NFKC maps the form to it in any text, and the
      // form reads as it. (The full-width `｜` sent a fiftieth of the generated creators' parts
      // down the general path, a ninth of the text's instructions.) The letter is the form's
      // own: the letters are counted in the text as written.
      guard normalized.count == 1, let target = normalized.first?.value else { return 0 }
      let reading: UInt64
      if target < 0x80 {
        let ascii = ASCIITable.entries[Int(target)]
        reading = UInt64(ascii & 0xFF) | UInt64(ascii >> 8 | ScalarFlags.safe) << 32
      } else {
        reading = entry(target)
      }
      guard UInt16(truncatingIfNeeded: reading >> 32) & ScalarFlags.safe != 0 else { return 0 }
      return (reading & ((1 << letterShift) - 1)) | letter
    }
    let lower = Array(properties.lowercaseMapping.unicodeScalars)
    guard lower.count == 1 else { return 0 }
    let flags = ScalarFlags.of(lower[0]) | ScalarFlags.safe
    return UInt64(lower[0].value) | UInt64(flags) << 32 | letter
  }

  /// Where an entry keeps the scalar's letter particular to a language (see
  /// ``StemContext/LetterCounts/letter(of:)``), 0 for none.
  static let letterShift: UInt64 = 48
}
