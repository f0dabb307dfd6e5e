import Foundation

/// A character n-gram language model for formal Chinese.
///
/// Counts of every 1…N-gram (N = 5 by default) over characters, stored as an open-addressing
/// table of 64-bit n-gram hashes and their counts in one flat file that is memory-mapped on load
/// (no parsing: loading is instant whatever the size).
///
/// Smoothing is stupid backoff (Brants et al. 2007, "Large Language Models in Machine
/// Translation"): S(w | h) = c(h w) / c(h) when seen, else 0.4 · S(w | h′) with h′ the shorter
/// history. It is not a normalised probability, and does not need to be: the detector only ever
/// compares two strings of the same length under the same model; Brants et al. found it close to
/// Kneser–Ney on large corpora; and it needs no continuation counts, so the table holds nothing
/// but n-gram counts.
public final class NGramModel: @unchecked Sendable {  // read-only after init
    public let order: Int
    public let totalCharacters: UInt64
    private let capacityMask: Int
    private let keys: UnsafeBufferPointer<UInt64>
    private let counts: UnsafeBufferPointer<UInt32>
    private let storage: Data  // keeps the mapping alive

    static let magic: UInt64 = 0x4D4C_534E_454C_5647  // "GVLENSLM"
    static let version: UInt64 = 1
    static let headerWords = 6

    public static let backoff = 0.4
    /// Sentence boundary, as a character no text contains.
    public static let boundary: Unicode.Scalar = "\u{2}"

    /// Memory-maps a model file written by `govlens lm build`; throws `SpellError` when it is missing,
    /// corrupt or of another version.
    public init(contentsOf url: URL) throws {
        let data: Data
        do { data = try Data(contentsOf: url, options: .alwaysMapped) } catch {
            throw SpellError("无法读取语言模型 \(url.path)：请先运行 govlens lm build")
        }
        guard data.count >= NGramModel.headerWords * 8 else { throw SpellError("语言模型文件 \(url.path) 已损坏（过短）") }
        storage = data
        let header = data.withUnsafeBytes { raw in (0..<NGramModel.headerWords).map { raw.load(fromByteOffset: $0 * 8, as: UInt64.self) } }
        guard header[0] == NGramModel.magic, header[1] == NGramModel.version else {
            throw SpellError("\(url.path) 不是 govlens 语言模型（或版本不符），请重新运行 govlens lm build")
        }
        order = Int(header[2]); totalCharacters = header[3]
        let capacity = Int(header[4])
        guard capacity > 0, capacity & (capacity - 1) == 0,
              data.count == NGramModel.headerWords * 8 + capacity * 12 else { throw SpellError("语言模型文件 \(url.path) 已损坏（大小不符）") }
        capacityMask = capacity - 1
        let base = data.withUnsafeBytes { $0.baseAddress! }
        keys = UnsafeBufferPointer(start: (base + NGramModel.headerWords * 8).assumingMemoryBound(to: UInt64.self), count: capacity)
        counts = UnsafeBufferPointer(start: (base + NGramModel.headerWords * 8 + capacity * 8).assumingMemoryBound(to: UInt32.self),
                                     count: capacity)
    }

    /// Count of the n-gram `s[from..<to]`.
    @inline(__always)
    public func count(_ s: UnsafeBufferPointer<UInt32>, _ from: Int, _ to: Int) -> UInt32 {
        let h = NGramModel.hash(s, from, to)
        var i = Int(truncatingIfNeeded: h) & capacityMask
        while true {
            let k = keys[i]
            if k == h { return counts[i] }
            if k == 0 { return 0 }
            i = (i + 1) & capacityMask
        }
    }

    /// log10 S(s[at] | s[at-order+1 ..< at]), stupid backoff.
    @inline(__always)
    public func logScore(_ s: UnsafeBufferPointer<UInt32>, at: Int) -> Double {
        var penalty = 0.0
        var start = max(0, at - order + 1)
        while start < at {
            let joint = count(s, start, at + 1)
            if joint > 0 { return log10(Double(joint) / Double(max(1, count(s, start, at)))) + penalty }
            penalty += NGramModel.logBackoff
            start += 1
        }
        let unigram = count(s, at, at + 1)
        return log10(max(0.5, Double(unigram)) / Double(max(1, totalCharacters))) + penalty
    }

    static let logBackoff = log10(backoff)

    /// FNV-1a over the scalars, then a final mix; never 0 (0 marks an empty slot).
    @inline(__always)
    static func hash(_ s: UnsafeBufferPointer<UInt32>, _ from: Int, _ to: Int) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for i in from..<to { h = (h ^ UInt64(s[i])) &* 0x100_0000_01b3 }
        h ^= UInt64(to - from) &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 31; h = h &* 0xBF58_476D_1CE4_E5B9; h ^= h >> 29
        return h == 0 ? 1 : h
    }
}

/// A problem with the spelling model or its data files, with a Chinese message saying what to do.
public struct SpellError: Error, Sendable, CustomStringConvertible {
    public var description: String
    /// Wraps a ready-made Chinese message.
    public init(_ description: String) { self.description = description }
}

/// Counts n-grams over a corpus and writes the model file. Unigrams and bigrams are kept whole
/// (they are the denominators and the last resort); longer n-grams seen fewer than `minCount`
/// times are pruned: they carry little evidence and most of the size.
public struct NGramModelBuilder {
    public let order: Int
    public let minCount: UInt32
    private var short: [UInt64: UInt32] = [:]
    private var long: [UInt64: UInt32] = [:]
    public private(set) var characters: UInt64 = 0

    /// An empty builder for n-grams up to `order`; longer n-grams rarer than `minCount` are pruned on write.
    public init(order: Int = 5, minCount: UInt32 = 2) {
        self.order = order; self.minCount = minCount
        long.reserveCapacity(1 << 24)
    }

    public var distinctNGrams: Int { short.count + long.count }

    /// Adds one line (a sentence or paragraph) with a boundary on both sides.
    public mutating func add(line: Substring) {
        var s: [UInt32] = [NGramModel.boundary.value]
        for u in line.unicodeScalars where !u.properties.isWhitespace { s.append(SpellText.normalise(u).value) }
        guard s.count > 1 else { return }
        s.append(NGramModel.boundary.value)
        characters += UInt64(s.count - 2)
        s.withUnsafeBufferPointer { b in
            for end in 1...b.count {
                for n in 1...min(order, end) {
                    let h = NGramModel.hash(b, end - n, end)
                    if n <= 2 { short[h, default: 0] &+= 1 } else { long[h, default: 0] &+= 1 }
                }
            }
        }
    }

    /// Adds a dictionary word `weight` times, without boundaries: it teaches which characters go
    /// together inside words (general vocabulary, names) without inventing sentence context.
    public mutating func add(word: Substring, weight: UInt32) {
        let s = word.unicodeScalars.filter { !$0.properties.isWhitespace }.map { SpellText.normalise($0).value }
        guard !s.isEmpty else { return }
        characters += UInt64(s.count) * UInt64(weight)
        s.withUnsafeBufferPointer { b in
            for end in 1...b.count {
                for n in 1...min(order, end) {
                    let h = NGramModel.hash(b, end - n, end)
                    if n <= 2 { short[h, default: 0] &+= weight } else { long[h, default: 0] &+= weight }
                }
            }
        }
    }

    /// Writes the model to `url`; returns the number of n-grams kept.
    @discardableResult
    public func write(to url: URL) throws -> Int {
        let kept = short.count + long.values.lazy.filter { $0 >= minCount }.count
        var capacity = 1
        while capacity < kept * 3 / 2 + 1 { capacity <<= 1 }
        var keys = [UInt64](repeating: 0, count: capacity), counts = [UInt32](repeating: 0, count: capacity)
        func put(_ k: UInt64, _ v: UInt32) {
            var i = Int(truncatingIfNeeded: k) & (capacity - 1)
            while keys[i] != 0 { i = (i + 1) & (capacity - 1) }
            keys[i] = k; counts[i] = v
        }
        for (k, v) in short { put(k, v) }
        for (k, v) in long where v >= minCount { put(k, v) }
        var data = Data()
        for w in [NGramModel.magic, NGramModel.version, UInt64(order), characters, UInt64(capacity), UInt64(kept)] {
            withUnsafeBytes(of: w.littleEndian) { data.append(contentsOf: $0) }
        }
        keys.withUnsafeBytes { data.append(contentsOf: $0) }
        counts.withUnsafeBytes { data.append(contentsOf: $0) }
        try data.write(to: url, options: .atomic)
        return kept
    }
}
