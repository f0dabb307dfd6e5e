/// An Aho–Corasick automaton over Unicode scalars that reads UTF-8 bytes directly, so one pass
/// over a page finds every occurrence of every pattern of every lexicon.
///
/// Layout, chosen for speed on Chinese text where most characters lead back to the root: scalars
/// map to dense class numbers (0 = in no pattern), the root has a dense transition table, other
/// states keep their few children in one flat array sorted by class.
public struct PatternAutomaton: Sendable {
    /// Pattern lengths in scalars, by pattern index.
    public let patternLengths: [Int]
    let bmpClass: [UInt16]
    let astralClass: [UInt32: UInt16]
    let rootNext: [Int32]
    let childStart: [Int32]
    let childClass: [UInt16]
    let childState: [Int32]
    let fail: [Int32]
    /// The pattern that ends exactly at a state (-1: none) and the next shorter state on the
    /// fail chain that ends a pattern (-1: none).
    let terminal: [Int32]
    let outputLink: [Int32]

    public var stateCount: Int { fail.count }

    /// Builds the automaton; patterns are identified by their index. Empty patterns never match.
    public init(patterns: [String]) {
        var bmp = [UInt16](repeating: 0, count: 0x10000)
        var astral: [UInt32: UInt16] = [:]
        var classes = 0
        func classOf(_ s: Unicode.Scalar) -> UInt16 {
            if s.value < 0x10000 {
                if bmp[Int(s.value)] == 0 { classes += 1; bmp[Int(s.value)] = UInt16(classes) }
                return bmp[Int(s.value)]
            }
            if let c = astral[s.value] { return c }
            classes += 1; astral[s.value] = UInt16(classes)
            return UInt16(classes)
        }
        // Trie.
        var children: [[UInt16: Int32]] = [[:]]
        var terminal: [Int32] = [-1]
        var depth: [Int] = [0]
        var lengths: [Int] = []
        for (index, pattern) in patterns.enumerated() {
            var state = 0
            for scalar in pattern.unicodeScalars {
                let c = classOf(scalar)
                if let next = children[state][c] { state = Int(next); continue }
                children.append([:]); terminal.append(-1); depth.append(depth[state] + 1)
                children[state][c] = Int32(children.count - 1)
                state = children.count - 1
            }
            lengths.append(pattern.unicodeScalars.count)
            if state != 0, terminal[state] < 0 { terminal[state] = Int32(index) }
        }
        precondition(classes < Int(UInt16.max), "too many distinct characters in patterns")
        // Fail links, breadth first.
        let count = children.count
        var fail = [Int32](repeating: 0, count: count)
        var outputLink = [Int32](repeating: -1, count: count)
        var rootNext = [Int32](repeating: 0, count: classes + 1)
        for (c, s) in children[0] { rootNext[Int(c)] = s }
        var queue = Array(children[0].values)
        var head = 0
        while head < queue.count {
            let state = Int(queue[head]); head += 1
            for (c, child) in children[state] {
                var f = Int(fail[state])
                while f != 0, children[f][c] == nil { f = Int(fail[f]) }
                let ft = Int(children[f][c] ?? 0)
                fail[Int(child)] = Int32(ft)
                outputLink[Int(child)] = terminal[ft] >= 0 ? Int32(ft) : outputLink[ft]
                queue.append(child)
            }
        }
        // Flatten children, sorted by class.
        var start = [Int32](repeating: 0, count: count + 1)
        var childClass: [UInt16] = [], childState: [Int32] = []
        for state in 0..<count {
            start[state] = Int32(childClass.count)
            for (c, s) in children[state].sorted(by: { $0.key < $1.key }) where state != 0 {
                childClass.append(c); childState.append(s)
            }
        }
        start[count] = Int32(childClass.count)
        self.patternLengths = lengths
        self.bmpClass = bmp; self.astralClass = astral; self.rootNext = rootNext
        self.childStart = start; self.childClass = childClass; self.childState = childState
        self.fail = fail; self.terminal = terminal; self.outputLink = outputLink
    }

    /// Calls `match(pattern, start, end)` for every occurrence, with offsets in scalars, in order
    /// of the end offset. Overlapping and nested occurrences are all reported.
    public func scan(_ text: String, _ match: (_ pattern: Int, _ start: Int, _ end: Int) -> Void) {
        var text = text
        text.withUTF8 { scan(utf8: $0, match) }
    }

    /// Same as `scan(_:_:)` on UTF-8 bytes already in hand; they must be valid UTF-8.
    public func scan(utf8 bytes: UnsafeBufferPointer<UInt8>, _ match: (_ pattern: Int, _ start: Int, _ end: Int) -> Void) {
        let n = bytes.count
        var i = 0, scalarIndex = 0
        var state: Int32 = 0
        bmpClass.withUnsafeBufferPointer { bmp in
        rootNext.withUnsafeBufferPointer { root in
        childStart.withUnsafeBufferPointer { starts in
        childClass.withUnsafeBufferPointer { classes in
        childState.withUnsafeBufferPointer { states in
        fail.withUnsafeBufferPointer { fail in
            while i < n {
                // Decode one scalar (the input is valid UTF-8: it came from a Swift String).
                let b0 = UInt32(bytes[i])
                var value: UInt32
                if b0 < 0x80 { value = b0; i += 1 }
                else if b0 < 0xE0 { value = (b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F); i += 2 }
                else if b0 < 0xF0 {
                    value = (b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F); i += 3
                } else {
                    value = (b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12
                        | UInt32(bytes[i + 2] & 0x3F) << 6 | UInt32(bytes[i + 3] & 0x3F); i += 4
                }
                scalarIndex += 1
                let c = value < 0x10000 ? bmp[Int(value)] : (astralClass[value] ?? 0)
                if c == 0 { state = 0; continue }
                // Follow fail links until a state has a transition on c (the root always has one).
                while true {
                    if state == 0 { state = root[Int(c)]; break }
                    var k = Int(starts[Int(state)])
                    let end = Int(starts[Int(state) + 1])
                    var found: Int32 = -1
                    while k < end { if classes[k] == c { found = states[k]; break }; if classes[k] > c { break }; k += 1 }
                    if found >= 0 { state = found; break }
                    state = fail[Int(state)]
                }
                if state != 0 { report(state, scalarIndex, match) }
            }
        }}}}}}
    }

    @inline(__always)
    func report(_ state: Int32, _ end: Int, _ match: (Int, Int, Int) -> Void) {
        var s = terminal[Int(state)] >= 0 ? state : outputLink[Int(state)]
        while s >= 0 {
            let p = Int(terminal[Int(s)])
            match(p, end - patternLengths[p], end)
            s = outputLink[Int(s)]
        }
    }
}
