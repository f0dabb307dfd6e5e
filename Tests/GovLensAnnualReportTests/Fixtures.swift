import Foundation
import GovLensAnnualReport

/// The real reports and their hand transcriptions (Fixtures/SOURCE.txt).
enum Fixtures {
    static func url(_ name: String) -> URL {
        Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures")!
    }
    static func data(_ name: String) throws -> Data { try Data(contentsOf: url(name)) }
    static func text(_ name: String) throws -> String { try String(contentsOf: url(name), encoding: .utf8) }

    /// `*.truth.json`: every cell of tables 2–4.
    struct Truth: Decodable {
        struct Row: Decodable { var values: [String: Int]; var printed_label: String? }
        struct Table3: Decodable { var columns: [String]; var rows: [String: Row] }
        var table2: [String: [String: [String: Double]]]
        var table3: Table3
        var table4: [String: [String: Int]]
    }

    static func truth(_ name: String) throws -> Truth {
        try JSONDecoder().decode(Truth.self, from: data(name + ".truth.json"))
    }

    /// Parsed once per process: pdftotext runs are the slow part of the suite.
    static let hongze = Task { try await AnnualReportReader().read(data("hongze-2024.pdf"), name: "hongze-2024.pdf") }
    static let huaian = Task { try await AnnualReportReader().read(data("huaian-city-2024.pdf"), name: "huaian-city-2024.pdf") }
}
