// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "govlens",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "govlens", targets: ["govlens"]),
        .library(name: "GovLensChecks", targets: ["GovLensChecks"]),
    ],
    dependencies: [
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0",
                       providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]),
        // Value types only: no I/O, no dependencies.
        .target(name: "GovLensCore", resources: [.copy("Data")]),
        // Text engines: charset decoding, Chinese dates, lexicon automaton, personal numbers.
        .target(name: "GovLensText", dependencies: ["GovLensCore"], resources: [.copy("Data"), .copy("Lexicons")]),
        // Character n-gram language model and confusion sets: typos no word list knows. Optimised
        // even in debug builds: tests, setup and the model build run it over millions of characters.
        .target(name: "GovLensSpell", resources: [.copy("Data")],
                swiftSettings: [.unsafeFlags(["-O"])]),
        // libxml2 → page model.
        .target(name: "GovLensHTML", dependencies: ["CLibXML2", "GovLensCore", "GovLensText"]),
        // Documents → text: PDF (poppler), DOCX/XLSX (ZIP + XML), DOC/XLS (catdoc), HTML, plain text.
        .target(name: "GovLensDocuments", dependencies: [
            "GovLensCore", "GovLensText", "GovLensHTML",
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        // 政府信息公开工作年度报告: the form (data), the parser (PDF word positions or text), the checks.
        .target(name: "GovLensAnnualReport", dependencies: [
            "GovLensCore", "GovLensText", "GovLensDocuments", .product(name: "Yams", package: "Yams"),
        ], resources: [.copy("Resources")]),
        // 政务新媒体: the account register, posts through source adapters (feeds, platform exports),
        // the account checks and their report. Downward only: the text checks come in as a function.
        .target(name: "GovLensNewMedia", dependencies: [
            "GovLensCore", "GovLensText", "GovLensDocuments", .product(name: "Yams", package: "Yams"),
        ], resources: [.copy("Resources")]),
        // Fetching, frontier, robots.txt, politeness.
        .target(name: "GovLensCrawl", dependencies: [
            "GovLensCore", "GovLensText", "GovLensHTML",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "DequeModule", package: "swift-collections"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ]),
        // One type per check (its IDs, basis and examples), the registry, rule files and the site model.
        .target(name: "GovLensChecks", dependencies: [
            "GovLensCore", "GovLensText", "GovLensHTML", "GovLensCrawl", "GovLensSpell", "GovLensAnnualReport",
            "GovLensNewMedia", .product(name: "Yams", package: "Yams"),
        ], resources: [.copy("Rules")]),
        // The pipelines that feed the checks: site scan, homepage probes, attachments, check-text;
        // the one place where options are resolved against the rule book.
        .target(name: "GovLensScan", dependencies: [
            "GovLensCore", "GovLensText", "GovLensHTML", "GovLensCrawl", "GovLensDocuments", "GovLensSpell", "GovLensChecks",
            "GovLensAnnualReport",
        ]),
        // Rule packs, scoring, ranking and statistics: values in, values out, no disk.
        .target(name: "GovLensScoring", dependencies: [
            "GovLensCore", "GovLensDocuments", .product(name: "Yams", package: "Yams"),
        ]),
        // Renderers only: JSON, Markdown, and the 通报 (DOCX) with its 附件 (XLSX).
        .target(name: "GovLensReports", dependencies: [
            "GovLensCore", "GovLensChecks", "GovLensScoring", "GovLensDocuments",
            .product(name: "Mustache", package: "swift-mustache"),
        ], resources: [.copy("Templates")]),
        // The assessment use case: shipped packs, units, manual sheets and scans in, files out.
        .target(name: "GovLensAssessment", dependencies: [
            "GovLensCore", "GovLensChecks", "GovLensScoring", "GovLensReports", "GovLensDocuments", "GovLensNewMedia",
        ], resources: [.copy("Packs")]),
        // The store: one set of SQL over SQLite (GRDB, the default) and PostgreSQL (PostgresNIO).
        .target(name: "GovLensStore", dependencies: [
            "GovLensCore", .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ]),
        // The platform's work: setting units and users up, the durable scan-job runner.
        .target(name: "GovLensMonitor", dependencies: [
            "GovLensCore", "GovLensChecks", "GovLensScan", "GovLensStore", "GovLensScoring", "GovLensDocuments",
            "GovLensAssessment", "GovLensReports", "GovLensNewMedia",
            .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Yams", package: "Yams"),
        ]),
        // The web application and API (Hummingbird 2): built by one function from its dependencies.
        .target(name: "GovLensServer", dependencies: [
            "GovLensCore", "GovLensChecks", "GovLensScan", "GovLensStore", "GovLensMonitor", "GovLensReports", "GovLensScoring",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Mustache", package: "swift-mustache"),
        ], resources: [.copy("Assets")]),
        // The generated demo county site and its loopback server (demo, tests, benchmarks).
        .target(name: "GovLensDemo", dependencies: [
            "GovLensCore", "GovLensText", "GovLensDocuments", "GovLensChecks", "GovLensScan", "GovLensStore", "GovLensMonitor",
            "GovLensAnnualReport", "GovLensNewMedia",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
        ]),
        .executableTarget(name: "govlens", dependencies: [
            "GovLensCore", "GovLensChecks", "GovLensScan", "GovLensScoring", "GovLensAssessment", "GovLensReports",
            "GovLensStore", "GovLensDemo", "GovLensSpell", "GovLensMonitor", "GovLensServer", "GovLensAnnualReport",
            "GovLensNewMedia", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Hummingbird", package: "hummingbird"),
        ]),
        .testTarget(name: "GovLensCoreTests", dependencies: ["GovLensCore"]),
        .testTarget(name: "GovLensAnnualReportTests", dependencies: [
            "GovLensAnnualReport", "GovLensCore", "GovLensDocuments", "GovLensChecks", "GovLensScan",
        ], resources: [.copy("Fixtures")]),
        .testTarget(name: "GovLensNewMediaTests", dependencies: [
            "GovLensNewMedia", "GovLensChecks", "GovLensCore", "GovLensDocuments", "GovLensAssessment", "GovLensScoring",
        ]),
        .testTarget(name: "GovLensStoreTests", dependencies: ["GovLensStore", "GovLensCore"]),
        .testTarget(name: "GovLensServerTests", dependencies: [
            "GovLensServer", "GovLensMonitor", "GovLensStore", "GovLensScan", "GovLensChecks", "GovLensDemo", "GovLensCore", "GovLensReports",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
        ]),
        .testTarget(name: "GovLensReportsTests", dependencies: [
            "GovLensReports", "GovLensScoring", "GovLensChecks", "GovLensCore", "GovLensDocuments",
        ]),
        .testTarget(name: "GovLensTextTests", dependencies: ["GovLensText", "GovLensCore"], resources: [.copy("Fixtures")]),
        .testTarget(name: "GovLensDocumentsTests", dependencies: ["GovLensDocuments", "GovLensDemo", "GovLensText"]),
        .testTarget(name: "GovLensHTMLTests", dependencies: ["GovLensHTML", "GovLensText", "GovLensCore", "GovLensDemo"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "GovLensCrawlTests", dependencies: ["GovLensCrawl", "GovLensDemo", "GovLensCore", "GovLensText"]),
        .testTarget(name: "GovLensSpellTests", dependencies: ["GovLensSpell"], resources: [.copy("Fixtures")]),
        .testTarget(name: "GovLensScoringTests", dependencies: [
            "GovLensScoring", "GovLensAssessment", "GovLensChecks", "GovLensReports", "GovLensDocuments", "GovLensCore", "GovLensText",
        ], resources: [.copy("Fixtures")]),
        .testTarget(name: "GovLensChecksTests", dependencies: [
            "GovLensChecks", "GovLensScan", "GovLensDemo", "GovLensReports", "GovLensStore", "GovLensSpell", "GovLensCore",
            "GovLensCrawl", "GovLensHTML", "GovLensText", "GovLensDocuments", "GovLensAnnualReport", "GovLensNewMedia",
        ], resources: [.copy("Fixtures")]),
    ]
)
