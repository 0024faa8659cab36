extension Scenario {
    /// A fingerprint of everything the scenario says, after `--set` overrides: 16 hexadecimal digits
    /// (64-bit FNV-1a over the model's full textual form).
    ///
    /// Shards of one sweep carry it, and `sweep merge` refuses shards whose fingerprints differ: two
    /// scenarios with the same `name`, or one run with different overrides, never merge silently. It
    /// is the same in every process and on every machine for the same scenario and breaker-sim
    /// version (the model has no dictionaries, whose order would vary); a version that changes the
    /// model may change it, and its shards then need making again.
    public var fingerprint: String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in String(reflecting: self).utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hex(UInt32(hash >> 32), digits: 8) + hex(UInt32(hash & 0xFFFF_FFFF), digits: 8)
    }
}

extension Scenario {
    /// The most calls a run of the scenario is expected to simulate: every request's longest route,
    /// every retry taken (an upper bound of the work, which the validator's limit and the run and sweep
    /// estimates use).
    public var expectedCalls: Double { Self.expectedCalls(clients: clients, duration: duration) }

    /// ``expectedCalls`` for `clients` over `duration`.
    static func expectedCalls(clients: [ClientProfile], duration: Nanoseconds) -> Double {
        let seconds = Double(duration) / 1e9
        return clients.reduce(0.0) { total, client in
            let callsPerRequest = Double(client.routes.map(\.calls.count).max() ?? 1)
            return total + client.rate * Double(client.instances) * seconds * callsPerRequest
                * Double(1 + (client.retry?.max ?? 0))
        }
    }
}
