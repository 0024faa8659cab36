import Testing

@testable import BreakerSimulation

private let ms = ScenarioUnits.ms
private let s = ScenarioUnits.s
private let min = ScenarioUnits.min

private func load(_ overrides: [String], json: String = designExampleJSON) throws(ScenarioError) -> Scenario {
    try ScenarioLoader.parse(Array(json.utf8), file: "flaky.json", overrides: overrides)
}

private func problems(_ overrides: [String], json: String = designExampleJSON) -> [String] {
    scenarioProblems(json, file: "flaky.json", overrides: overrides)
}

@Suite struct OverrideTests {
    @Test func byName() throws {
        let scenario = try load([
            "clients.checkout.breaker.allowed_fails=5", "services.payments.error_rate=0.1",
        ])
        #expect(scenario.clients[0].breaker?.allowedFails == 5)
        #expect(scenario.services[0].errorRate == 0.1)
    }

    @Test func byIndex() throws {
        let scenario = try load([
            "services.0.error_rate=0.25", "clients.0.instances=3", "services.0.phases.1.for=90s",
        ])
        #expect(scenario.services[0].errorRate == 0.25)
        #expect(scenario.clients[0].instances == 3)
        #expect(scenario.services[0].phases[1].length == 90 * s)
    }

    @Test("the bracket paths that messages print are accepted: services[0].phases[1].for")
    func bracketPaths() throws {
        let scenario = try load(["services[0].phases[1].for=90s", "clients[0].instances=3"])
        #expect(scenario.services[0].phases[1].length == 90 * s)
        #expect(scenario.clients[0].instances == 3)
        #expect(fieldPathSegments("clients.web[eu].rate") == ["clients", "web[eu]", "rate"])
        #expect(fieldPathSegments("a[0][1].b[x]") == ["a", "0", "1", "b[x]"])
        #expect(fieldPathSegments(#"clients["web.v2"].rate"#) == ["clients", "web.v2", "rate"])
        #expect(fieldPathSegments(#"a["say \"hi\""][2]"#) == ["a", #"say "hi""#, "2"])
        for malformed in ["", "a..b", "a.", ".a", #"a["b"#, #"a["b"]c"#, #"a[""]"#, "a[0]b"] {
            #expect(fieldPathSegments(malformed) == nil, "\(malformed)")
        }
    }

    @Test("a name with dots is addressed in brackets and quotes, as messages print it")
    func namesWithDots() throws {
        let text = """
            {"name": "dots", "duration": "1m",
             "services": [{"name": "db.primary", "latency": {"dist": "constant", "value": "5ms"}}],
             "clients": [{"name": "web.v2", "calls": "db.primary", "rate": 5}]}
            """
        let scenario = try load(
            [#"clients["web.v2"].rate=20"#, #"services["db.primary"].error_rate=0.5"#], json: text)
        #expect(scenario.clients[0].rate == 20)
        #expect(scenario.services[0].errorRate == 0.5)
        // Unquoted, the dot splits the name.
        let unquoted = problems(["clients.web.v2.rate=20"], json: text)
        #expect(unquoted.first?.contains(#"no client named "web""#) == true, "\(unquoted)")
    }

    @Test("a problem an override causes elsewhere names it: a shorter duration leaves phases past the end")
    func overridesNamedForTheProblemsTheyCause() {
        let found = problems(["duration=90s"])
        #expect(!found.isEmpty)
        #expect(found.allSatisfy { $0.hasSuffix("(from --set duration=90s)") }, "\(found)")
        #expect(found.first?.contains("phases[0].at: starts at") == true)
    }

    @Test func phasesByLabel() throws {
        let scenario = try load(["services.payments.phases.brownout.error_rate=0.9"])
        #expect(scenario.services[0].phases[0].errorRate == 0.9)
    }

    @Test func topLevelValuesAsStringsAndJSON() throws {
        let scenario = try load([
            "duration=9m", "name=Short run", "seed=7", "sample_every=0.5", #"description="quoted""#,
        ])
        #expect(scenario.duration == 9 * min)
        #expect(scenario.name == "Short run")
        #expect(scenario.seed == 7)
        #expect(scenario.sampleEvery == 500 * ms)
        #expect(scenario.description == "quoted")
    }

    @Test func aValueThatIsNotJSONIsAString() throws {
        // `true` is JSON, so it is a boolean; `-5s` and `2m` are not, so they are strings.
        let scenario = try load([
            "clients.checkout.retry.retry_rejected=true", "clients.checkout.breaker.retry_timer=2m",
            "services.payments.phases.0.at=1m", "description=",
        ])
        #expect(scenario.clients[0].retry?.retryRejected == true)
        #expect(scenario.clients[0].breaker?.retryTimer == 2 * min)
        #expect(scenario.services[0].phases[0].at == 1 * min)
        #expect(scenario.description == "")
        #expect(
            problems(["clients.checkout.timeout=-5s"]) == [
                #"flaky.json: clients[0].timeout: must be greater than 0 (got "-5s") (from --set clients.checkout.timeout=-5s)"#
            ])
    }

    @Test func nullAndObjects() throws {
        let scenario = try load([
            "clients.checkout.breaker=null", #"clients.checkout.retry={"max": 1, "jitter": "none"}"#,
            "services.payments.capacity=null",
        ])
        #expect(scenario.clients[0].breaker == nil)
        #expect(
            scenario.clients[0].retry == RetryPolicy(max: 1, backoff: 100 * ms, cap: 10 * s, jitter: .none))
        #expect(scenario.services[0].capacity == nil)
    }

    @Test func newKeyOnAnExistingObject() throws {
        let json = scenarioJSON()
        let scenario = try load(
            ["clients.checkout.arrival=uniform", "clients.checkout.instances=4"], json: json)
        #expect(scenario.clients[0].arrival == .uniform)
        #expect(scenario.clients[0].instances == 4)
    }

    @Test func missingKnownObjectsAreCreatedOnTheWay() throws {
        // The client of scenarioJSON has no retry and no explicit breaker; the service has no capacity.
        let json = scenarioJSON()
        let scenario = try load(
            [
                "clients.checkout.retry.max=2", "clients.checkout.breaker.allowed_fails=9",
                "services.payments.capacity.concurrency=4",
            ], json: json)
        #expect(scenario.clients[0].retry == RetryPolicy(max: 2, backoff: 100 * ms, cap: 10 * s))
        #expect(scenario.clients[0].breaker == BreakerSettings(allowedFails: 9))
        #expect(scenario.services[0].capacity == Capacity(concurrency: 4, queue: 0))
        // A breaker set to null (unprotected) comes back with defaults for what is not set.
        let unprotected = try load(
            ["clients.checkout.breaker=null", "clients.checkout.breaker.retry_timer=5s"], json: json)
        #expect(unprotected.clients[0].breaker == BreakerSettings(retryTimer: 5 * s))
    }

    @Test func laterOverridesWin() throws {
        let scenario = try load(["seed=1", "seed=2", "clients.checkout.rate=1", "clients.checkout.rate=3"])
        #expect(scenario.seed == 2)
        #expect(scenario.clients[0].rate == 3)
    }

    @Test func renamingAndThenAddressingByTheNewName() throws {
        let scenario = try load([
            "services.payments.name=billing", "clients.checkout.calls=billing",
            "services.billing.error_rate=0",
        ])
        #expect(scenario.services[0].name == "billing")
        #expect(scenario.services[0].errorRate == 0)
        #expect(scenario.clients[0].calls == "billing")
    }

    @Test(
        arguments: [
            (
                "clients.chekout.breaker.allowed_fails=5",
                #"flaky.json: --set clients.chekout.breaker.allowed_fails: no client named "chekout" in clients (did you mean "checkout"?)"#
            ),
            (
                "services.inventory.error_rate=1",
                #"flaky.json: --set services.inventory.error_rate: no service named "inventory" in services (names: "payments")"#
            ),
            (
                "clients.checkout.breakr.allowed_fails=5",
                #"flaky.json: --set clients.checkout.breakr.allowed_fails: clients[0] has no key "breakr" (did you mean "breaker"?)"#
            ),
            (
                "clents.checkout.rate=5",
                #"flaky.json: --set clents.checkout.rate: the document has no key "clents" (did you mean "clients"?)"#
            ),
            (
                "services.3.error_rate=0.1",
                "flaky.json: --set services.3.error_rate: services has 1 element; index 3 is out of range"
            ),
            (
                "services.payments.phases.9.for=1m",
                "flaky.json: --set services.payments.phases.9.for: services[0].phases has 4 elements; index 9 is out of range"
            ),
            (
                "name.first=x",
                #"flaky.json: --set name.first: name is a string, so it has no "first""#
            ),
            (
                "clients.checkout.rate.max=1",
                #"flaky.json: --set clients.checkout.rate.max: clients[0].rate is a number, so it has no "max""#
            ),
            (
                "duration",
                "flaky.json: --set duration: malformed override (expected PATH=VALUE, e.g. clients.checkout.rate=20)"
            ),
            (
                "=5",
                "flaky.json: --set =5: malformed path (expected keys separated by dots, e.g. clients.checkout.rate; a name with dots in brackets and quotes: clients[\"web.v2\"].rate)"
            ),
            (
                "clients..rate=5",
                "flaky.json: --set clients..rate: malformed path (expected keys separated by dots, e.g. clients.checkout.rate; a name with dots in brackets and quotes: clients[\"web.v2\"].rate)"
            ),
            (
                #"clients.checkout.retry={"max": 2"#,
                "flaky.json: --set clients.checkout.retry: value is not valid JSON: expected ',' or '}' at line 1 column 10 (end of file)"
            ),
            (
                #"clients.checkout.retry={"max": 2, "max": 3}"#,
                #"flaky.json: --set clients.checkout.retry: value has duplicate key "max""#
            ),
        ] as [(String, String)])
    func badOverride(override: String, expected: String) {
        #expect(problems([override]) == [expected])
    }

    @Test func valueProblemsNameTheOverrideThatCausedThem() {
        #expect(
            problems(["clients.checkout.rate=-1", "clients.checkout.breaker.alowed_fails=5"]) == [
                "flaky.json: clients[0].rate: must be greater than 0 (got -1) (from --set clients.checkout.rate=-1)",
                #"flaky.json: clients[0].breaker: unknown key "alowed_fails" (did you mean "allowed_fails"?) (from --set clients.checkout.breaker.alowed_fails=5)"#,
            ])
        #expect(
            problems([#"services.payments.latency={"dist": "uniform"}"#]) == [
                #"flaky.json: services[0].latency: missing required key "min" (dist "uniform" takes "min" and "max") (from --set services.payments.latency={"dist": "uniform"})"#,
                #"flaky.json: services[0].latency: missing required key "max" (dist "uniform" takes "min" and "max") (from --set services.payments.latency={"dist": "uniform"})"#,
            ])
    }

    @Test func overrideProblemsComeFirstAndFileProblemsStillFollow() {
        let json = scenarioJSON(client: #""name": "checkout", "calls": "payments", "rate": 0"#)
        #expect(
            problems(["nope", "clients.checkout.instances=2"], json: json) == [
                "flaky.json: --set nope: malformed override (expected PATH=VALUE, e.g. clients.checkout.rate=20)",
                "flaky.json: clients[0].rate: must be greater than 0 (got 0)",
            ])
    }

    @Test func anOverrideCanFixAnInvalidFile() throws {
        let json = scenarioJSON(client: #""name": "checkout", "calls": "paymets", "rate": 0"#)
        let scenario = try load(["clients.checkout.calls=payments", "clients.checkout.rate=2"], json: json)
        #expect(scenario.clients[0].calls == "payments")
        #expect(scenario.clients[0].rate == 2)
    }
}
