// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "berdaya",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "berdaya", targets: ["berdaya"]),
        .library(name: "BerdayaKit", targets: ["BerdayaKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        .target(
            name: "BerdayaKit",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "berdaya",
            dependencies: [
                "BerdayaKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "BerdayaKitTests",
            dependencies: ["BerdayaKit", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(name: "berdayaTests", dependencies: ["berdaya", "BerdayaKit"]),
    ]
)
