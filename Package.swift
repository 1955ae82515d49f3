// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "berdaya",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "berdaya", targets: ["berdaya"]),
        .library(name: "BerdayaKit", targets: ["BerdayaKit"]),
        .library(name: "BerdayaReports", targets: ["BerdayaReports"]),
        .library(name: "XLSX", targets: ["XLSX"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        .target(
            name: "BerdayaKit",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                // Scrypt, the passphrase KDF of sealed files (backups, recovery sheets).
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ]
        ),
        .systemLibrary(
            name: "CXlsxWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        // A small Swift layer over libxlsxwriter; it knows nothing of the domain.
        .target(name: "XLSX", dependencies: ["CXlsxWriter"]),
        // The synthetic demo (`berdaya demo`, and the tests' DemoCache): invented people, built only
        // through BerdayaKit's public services, so the library ships no demo. No product: only the
        // executable and the tests use it. Crypto for the demo's own identity key.
        .target(
            name: "BerdayaDemo",
            dependencies: ["BerdayaKit", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // Templates, datasets, privacy rules and workbook output.
        .target(
            name: "BerdayaReports",
            dependencies: ["BerdayaKit", "XLSX", .product(name: "Yams", package: "Yams")]
        ),
        // The web app: Hummingbird routes, Mustache views kept as resources, the same services.
        .target(
            name: "BerdayaWeb",
            dependencies: [
                "BerdayaKit", "BerdayaReports",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [.copy("Views")]
        ),
        // Writes the same cells through XLSX as scripts/xlsx-bench.c does in plain C.
        .executableTarget(name: "xlsx-bench", dependencies: ["XLSX"]),
        .executableTarget(
            name: "berdaya",
            dependencies: [
                "BerdayaKit",
                "BerdayaDemo",
                "BerdayaReports",
                "BerdayaWeb",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // What the test targets share: temporary folders that remove themselves, the demo built
        // once per test process. Only test targets depend on it; it is no product.
        .target(name: "BerdayaTestSupport", dependencies: ["BerdayaKit", "BerdayaDemo"], path: "Tests/BerdayaTestSupport"),
        .testTarget(
            name: "BerdayaKitTests",
            dependencies: ["BerdayaKit", "BerdayaTestSupport", .product(name: "PropertyBased", package: "swift-property-based")],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "BerdayaDemoTests",
            dependencies: ["BerdayaDemo", "BerdayaKit", "BerdayaTestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(name: "berdayaTests", dependencies: ["berdaya", "BerdayaKit", "BerdayaTestSupport",
                                                          .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(
            name: "BerdayaWebTests",
            dependencies: ["BerdayaWeb", "BerdayaKit", "BerdayaReports", "BerdayaTestSupport",
                           .product(name: "HummingbirdTesting", package: "hummingbird")]
        ),
        .testTarget(
            name: "BerdayaReportsTests",
            dependencies: ["BerdayaReports", "BerdayaKit", "BerdayaTestSupport", "XLSX", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                           .product(name: "GRDB", package: "GRDB.swift")]
        ),
    ]
)
