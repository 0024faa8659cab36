import Testing

@testable import BreakerSimulation

/// What a sweep takes for "every core" inside a container: the cgroup's quota and the CPU affinity.
@Suite struct CPUQuotaTests {
    @Test("cgroup v2 cpu.max: the quota rounded up to whole cores; max is no quota")
    func cpuMax() {
        #expect(CPUQuota.cores(cpuMax: "200000 100000\n") == 2)
        #expect(CPUQuota.cores(cpuMax: "150000 100000") == 2)
        #expect(CPUQuota.cores(cpuMax: "50000 100000") == 1)
        #expect(CPUQuota.cores(cpuMax: "max 100000\n") == nil)
        #expect(CPUQuota.cores(cpuMax: "") == nil)
        #expect(CPUQuota.cores(cpuMax: "100000") == nil)
    }

    @Test("cgroup v1 cfs quota and period; -1 is no quota")
    func cfsQuota() {
        #expect(CPUQuota.cores(quota: "400000\n", period: "100000\n") == 4)
        #expect(CPUQuota.cores(quota: "-1\n", period: "100000\n") == nil)
        #expect(CPUQuota.cores(quota: "100000", period: "0") == nil)
    }

    @Test("the kernel's CPU list: ranges and single CPUs")
    func allowedList() {
        #expect(CPUQuota.cores(allowedList: "\t0-1\n") == 2)
        #expect(CPUQuota.cores(allowedList: "0-3,8,10-11") == 7)
        #expect(CPUQuota.cores(allowedList: "5") == 1)
        for bad in ["", "3-1", "a", "0-", "0,,1"] {
            #expect(CPUQuota.cores(allowedList: bad) == nil, "\(bad)")
        }
    }
}
