#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Marsaglia and Tsang's ziggurat tables for exponential and normal samples.
///
/// Nearly every sample costs one 64-bit draw, one table look-up and one multiplication; the
/// logarithms and exponentials of the textbook methods run only in the rare fallback. The layer index
/// and the sample value come from different bits of the draw, so they are independent. The tables
/// are computed once, with the same formulas on every platform.
struct Ziggurat: Sendable {
    static let shared = Ziggurat()

    // Exponential: 256 layers.
    let ke: [UInt32]
    let we: [Double]
    let fe: [Double]
    // Normal: 128 layers (symmetric, the sign comes from the value bits).
    let kn: [UInt32]
    let wn: [Double]
    let fn: [Double]

    static let exponentialR = 7.697_117_470_131_487
    static let normalR = 3.442_619_855_899

    private init() {
        var ke = [UInt32](repeating: 0, count: 256)
        var we = [Double](repeating: 0, count: 256)
        var fe = [Double](repeating: 0, count: 256)
        let m2 = 4_294_967_296.0
        var de = Self.exponentialR
        var te = de
        let ve = 3.949_659_822_581_572e-3
        var q = ve / exp(-de)
        ke[0] = UInt32((de / q) * m2)
        ke[1] = 0
        we[0] = q / m2
        we[255] = de / m2
        fe[0] = 1
        fe[255] = exp(-de)
        for i in stride(from: 254, through: 1, by: -1) {
            de = -log(ve / de + exp(-de))
            ke[i + 1] = UInt32((de / te) * m2)
            te = de
            fe[i] = exp(-de)
            we[i] = de / m2
        }

        var kn = [UInt32](repeating: 0, count: 128)
        var wn = [Double](repeating: 0, count: 128)
        var fn = [Double](repeating: 0, count: 128)
        let m1 = 2_147_483_648.0
        var dn = Self.normalR
        var tn = dn
        let vn = 9.912_563_035_262_17e-3
        q = vn / exp(-0.5 * dn * dn)
        kn[0] = UInt32((dn / q) * m1)
        kn[1] = 0
        wn[0] = q / m1
        wn[127] = dn / m1
        fn[0] = 1
        fn[127] = exp(-0.5 * dn * dn)
        for i in stride(from: 126, through: 1, by: -1) {
            dn = (-2 * log(vn / dn + exp(-0.5 * dn * dn))).squareRoot()
            kn[i + 1] = UInt32((dn / tn) * m1)
            tn = dn
            fn[i] = exp(-0.5 * dn * dn)
            wn[i] = dn / m1
        }
        self.ke = ke
        self.we = we
        self.fe = fe
        self.kn = kn
        self.wn = wn
        self.fn = fn
    }
}

extension RandomStream {
    /// A standard exponential sample (mean 1), by the ziggurat method.
    public mutating func standardExponential() -> Double {
        let table = Ziggurat.shared
        while true {
            let bits = next()
            let layer = Int(bits & 255)
            let value = UInt32(truncatingIfNeeded: bits >> 32)
            if value < table.ke[layer] { return Double(value) * table.we[layer] }
            if layer == 0 { return Ziggurat.exponentialR - log(1 - unit()) }
            let x = Double(value) * table.we[layer]
            if table.fe[layer] + unit() * (table.fe[layer - 1] - table.fe[layer]) < exp(-x) { return x }
        }
    }

    /// A standard normal sample, by the ziggurat method.
    public mutating func standardNormalZiggurat() -> Double {
        let table = Ziggurat.shared
        while true {
            let bits = next()
            let layer = Int(bits & 127)
            let signed = Int32(truncatingIfNeeded: bits >> 32)
            let magnitude = signed.magnitude
            if magnitude < table.kn[layer] { return Double(signed) * table.wn[layer] }
            if layer == 0 {
                // The tail beyond r, by Marsaglia's method.
                var x: Double
                var y: Double
                repeat {
                    x = -log(1 - unit()) / Ziggurat.normalR
                    y = -log(1 - unit())
                } while y + y < x * x
                return signed > 0 ? Ziggurat.normalR + x : -Ziggurat.normalR - x
            }
            let x = Double(signed) * table.wn[layer]
            if table.fn[layer] + unit() * (table.fn[layer - 1] - table.fn[layer]) < exp(-0.5 * x * x) {
                return x
            }
        }
    }
}
