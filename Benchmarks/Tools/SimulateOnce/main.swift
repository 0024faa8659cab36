import BreakerSimulation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// One simulation on the main thread, nothing else: the program to count instructions and mispredicted
// branches with `valgrind --tool=cachegrind --branch-sim=yes`, whose counts stay steady where wall
// time on a shared machine does not. (valgrind 3.19 crashes on `breaker-sim` itself, in its dispatch
// threads.) Usage: simulate-once FILE [SECONDS]

let arguments = CommandLine.arguments
guard arguments.count == 2 || arguments.count == 3 else {
    print("usage: simulate-once FILE [SECONDS]")
    exit(64)
}
do {
    var scenario = try ScenarioLoader.load(file: arguments[1])
    if arguments.count == 3 {
        guard let seconds = Int64(arguments[2]), seconds > 0 else {
            print("simulate-once: SECONDS must be a positive whole number (got \(arguments[2]))")
            exit(64)
        }
        scenario.duration = seconds * 1_000_000_000
    }
    var simulation = Simulation(scenario: scenario)
    simulation.run()
    print("\(simulation.simulatedCalls) simulated calls")
} catch {
    print("simulate-once: \(error)")
    exit(65)
}
