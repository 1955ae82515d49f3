/// SplitMix64: a small, fast generator whose sequence depends only on its seed, so the demo
/// is the same on every machine for the same `--seed`.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// An integer in `range`, drawn the same way on every platform (the standard library's
    /// `Int.random(in:using:)` algorithm is not promised to stay the same).
    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    public mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    /// True with probability `percent` in 100.
    public mutating func chance(_ percent: Int) -> Bool { int(1...100) <= percent }
}
