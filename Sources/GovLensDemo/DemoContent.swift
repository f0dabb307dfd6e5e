import Foundation

/// Deterministic pseudo-random numbers (SplitMix64): the same seed gives the same site (and the
/// same fuzz inputs).
public struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    /// A generator starting from `seed`.
    public init(seed: UInt64) { state = seed }
    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func int(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
    mutating func pick<T>(_ a: [T]) -> T { a[int(a.count)] }
}

/// Word lists for plausible county-government text (titles and paragraphs).
public enum DemoContent {
    static let county = "青山县"
    static let towns = ["城关镇", "青溪镇", "白石乡", "柳塘镇", "云岭乡", "河口镇"]
    static let departments = ["县发展和改革局", "县教育局", "县财政局", "县自然资源和规划局", "县生态环境分局",
                              "县住房和城乡建设局", "县农业农村局", "县卫生健康局", "县应急管理局", "县市场监督管理局"]
    static let topics = ["安全生产", "乡村振兴", "营商环境优化", "防汛抗旱", "森林防火", "招商引资", "民生实事",
                         "生态环境保护", "食品安全", "疫情防控", "文明城市创建", "基层治理", "耕地保护", "政务公开"]
    static let actions = ["召开", "部署", "推进", "开展", "调研", "督导", "召开专题会议研究"]
    static let docKinds = ["实施方案", "工作方案", "管理办法", "实施意见", "工作要点"]
    static let sentences = [
        "会议强调，要深入贯彻落实党中央、国务院决策部署，压实工作责任，确保各项任务落到实处。",
        "各乡镇、各部门要进一步提高思想认识，加强组织领导，形成工作合力。",
        "要坚持问题导向，聚焦群众急难愁盼问题，持续提升服务水平。",
        "会议听取了相关单位工作情况汇报，对下一阶段重点工作进行了安排部署。",
        "要严格落实值班值守制度，及时报送重要信息，确保社会大局和谐稳定。",
        "要加强督促检查，对工作推进不力的单位予以通报，确保取得实效。",
        "县政府有关负责同志参加会议。",
        "下一步，将继续完善工作机制，推动相关工作常态化、制度化开展。",
    ]

    static func articleTitle(_ r: inout SeededRandom, column: String) -> String {
        switch column {
        case "通知公告": return "关于做好\(r.pick(topics))工作的通知"
        case "政策文件": return "\(county)人民政府办公室关于印发\(county)\(r.pick(topics))\(r.pick(docKinds))的通知"
        case "部门动态": return "\(r.pick(departments))\(r.pick(actions))\(r.pick(topics))工作"
        case "乡镇动态": return "\(r.pick(towns))\(r.pick(actions))\(r.pick(topics))工作"
        case "人事信息": return "\(county)\(2020 + r.int(4))年公开招聘事业单位工作人员拟聘用人员公示"
        case "规划计划": return "\(county)\(r.pick(topics))“十四五”规划"
        case "财政预决算": return "\(r.pick(departments))\(2020 + r.int(4))年部门决算公开"
        default: return "\(county)\(r.pick(actions))\(r.pick(topics))工作会议"
        }
    }

    static func paragraphs(_ r: inout SeededRandom, count: Int) -> [String] {
        (0..<count).map { _ in (0..<(2 + r.int(3))).map { _ in r.pick(sentences) }.joined() }
    }

    /// The first half of a gzip stream: Content-Encoding that cannot be inflated.
    static let truncatedGzip: [UInt8] = [0x1f,0x8b,0x08,0x00,0x33,0x41,0x02,0x6b,0x02,0xff,0xb3,0xc9,0x28,0xc9,0xcd,0xb1,0xb3,0xc9,0x48,0x4d,0x4c,0xb1,0xb3,0x29,0xc9,0x2c,0xc9,0x49,0xb5,0x7b,0xd6,0xb1,0xea,0xd9,0xb4,0xb5,0xcf,0x67,0xb5,0x3c,0xed,0xeb,0x7e,0xbe,0x67,0xe5,0xcb,0x85,0x5b,0x5f,0xce,0x5d,0x64,0xa3,0x0f,0x91,0xb4,0xd1,0x87,0x28,0x4d,0xca,0x4f,0xa9,0xb4,0xb3,0x29,0xb0,0x7b,0x39,0x77,0xd2,0xd3,0x8d]

    /// A one-page PDF whose text is Chinese: a CID font (Identity-H, not embedded) with a
    /// ToUnicode map, which is what pdftotext reads text from, as in real 公文 PDFs.
    public static func pdf(lines: [String]) -> Data {
        var cids: [Unicode.Scalar: Int] = [:]
        var order: [Unicode.Scalar] = []
        for s in lines.joined().unicodeScalars where s.value < 0x10000 && cids[s] == nil {
            order.append(s); cids[s] = order.count
        }
        let hex = { (n: Int) in String(format: "%04X", n) }
        var content = "BT /F1 12 Tf 72 760 Td 16 TL\n"
        for line in lines {
            content += "<" + line.unicodeScalars.compactMap { cids[$0].map(hex) }.joined() + "> Tj T*\n"
        }
        content += "ET"
        var cmap = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            + "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            + "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        for start in stride(from: 0, to: order.count, by: 100) {
            let block = order[start..<min(order.count, start + 100)]
            cmap += "\(block.count) beginbfchar\n"
            for s in block { cmap += "<\(hex(cids[s]!))> <\(hex(Int(s.value)))>\n" }
            cmap += "endbfchar\n"
        }
        cmap += "endcmap CMapName currentdict /CMap defineresource pop end end"
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream",
            "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
            "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 8 0 R /DW 1000 >>",
            "<< /Length \(cmap.utf8.count) >>\nstream\n\(cmap)\nendstream",
            "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 4 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>",
        ]
        var out = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (i, o) in objects.enumerated() {
            offsets.append(out.utf8.count)
            out += "\(i + 1) 0 obj\n\(o)\nendobj\n"
        }
        let xref = out.utf8.count
        out += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for o in offsets { out += String(format: "%010d 00000 n \n", o) }
        out += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Data(out.utf8)
    }

    /// A 1×1 PNG.
    static let png: [UInt8] = [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
        0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
        0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0x00,
        0x00, 0x03, 0x01, 0x01, 0x00, 0xC9, 0xFE, 0x92, 0xEF, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E,
        0x44, 0xAE, 0x42, 0x60, 0x82,
    ]
}
