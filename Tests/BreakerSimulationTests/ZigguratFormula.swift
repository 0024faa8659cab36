@testable import BreakerSimulation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The ziggurat tables computed from Marsaglia and Tsang's formulas: what ``Ziggurat``'s constants
/// were printed from, and what `EngineInternalsTests` compares them with.
struct ZigguratFormula: Sendable {

    // Exponential: 256 layers.
    let ke: [UInt32]
    let we: [Double]
    let fe: [Double]
    // Normal: 128 layers (symmetric, the sign comes from the value bits).
    let kn: [UInt32]
    let wn: [Double]
    let fn: [Double]

    init() {
        var ke = [UInt32](repeating: 0, count: 256)
        var we = [Double](repeating: 0, count: 256)
        var fe = [Double](repeating: 0, count: 256)
        let m2 = 4_294_967_296.0
        var de = Ziggurat.exponentialR
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
        var dn = Ziggurat.normalR
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
