import Testing

@testable import BreakerSimulation

private func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
    try JSONParser.parse(Array(text.utf8)).value
}

private func syntaxError(_ text: String) -> String? {
    let bytes = Array(text.utf8)
    do {
        _ = try JSONParser.parse(bytes)
        return nil
    } catch {
        return error.rendered(in: bytes)
    }
}

@Suite struct ScenarioJSONTests {
    @Test func valuesAndKeyOrder() throws {
        let value = try parse(#" {"z": null, "a": [true, false, -1.5e3, "s"], "m": {}} "#)
        #expect(
            value
                == .object([
                    JSONMember(key: "z", value: .null),
                    JSONMember(
                        key: "a",
                        value: .array([
                            .bool(true), .bool(false), .number(JSONNumber(literal: "-1.5e3")), .string("s"),
                        ])),
                    JSONMember(key: "m", value: .object([])),
                ]))
    }

    @Test func numbersKeepTheirLiteralAndExactIntegers() throws {
        guard
            case .array(let numbers) = try parse(
                "[18446744073709551615, -9223372036854775808, 3.0, 1e3, 0.1, -0]")
        else {
            Issue.record("not an array")
            return
        }
        let parsed = numbers.compactMap { value -> JSONNumber? in
            if case .number(let number) = value { return number }
            return nil
        }
        #expect(
            parsed.map(\.literal) == [
                "18446744073709551615", "-9223372036854775808", "3.0", "1e3", "0.1", "-0",
            ])
        #expect(parsed[0].uint64 == UInt64.max)
        #expect(parsed[0].int64 == nil)
        #expect(parsed[1].int64 == Int64.min)
        #expect(parsed[2].int64 == 3 && parsed[2].isWhole)
        #expect(parsed[3].int64 == 1_000)
        #expect(parsed[4].int64 == nil && !parsed[4].isWhole && parsed[4].value == 0.1)
        #expect(parsed[5].uint64 == 0)
    }

    @Test func stringEscapes() throws {
        let value = try parse(#"["a\"b\\c\/d\b\f\n\r\t", "\u00e9\u20AC\ud83d\ude00", "\u0000"]"#)
        #expect(value == .array([.string("a\"b\\c/d\u{8}\u{C}\n\r\t"), .string("é€😀"), .string("\u{0}")]))
    }

    @Test func nestingUpToTheLimitIsFine() throws {
        let depth = JSONParser.maximumDepth
        _ = try parse(String(repeating: "[", count: depth) + String(repeating: "]", count: depth))
        #expect(
            syntaxError(String(repeating: "[", count: depth + 1) + String(repeating: "]", count: depth + 1))
                == "nested more than 64 levels deep at line 1 column 65")
    }

    @Test func hostileNestingNeverOverflowsTheStack() {
        let text = String(repeating: #"{"a":["#, count: 500_000)
        #expect(syntaxError(text) == "nested more than 64 levels deep at line 1 column 193")
    }

    @Test(
        arguments: [
            ("{", "not valid JSON: expected a key in double quotes or '}' at line 1 column 2 (end of file)"),
            ("[1 2]", "not valid JSON: expected ',' or ']' at line 1 column 4"),
            (#"{"a" 1}"#, "not valid JSON: expected ':' after the key at line 1 column 6"),
            (#"{"a": 1,, "b": 2}"#, "not valid JSON: expected a key in double quotes at line 1 column 9"),
            ("{a: 1}", "not valid JSON: expected a key in double quotes or '}' at line 1 column 2"),
            ("-", "not valid JSON: invalid number at line 1 column 1"),
            ("1.", "not valid JSON: invalid number at line 1 column 1 (digits must follow '.')"),
            ("1e+", "not valid JSON: invalid number at line 1 column 1"),
            (".5", "not valid JSON: expected a value at line 1 column 1"),
            ("+1", "not valid JSON: expected a value at line 1 column 1"),
            ("nul", "not valid JSON: expected a value at line 1 column 1"),
            (#""\u12"#, "not valid JSON: invalid \\u escape at line 1 column 2"),
            (#""\udc00""#, "not valid JSON: invalid \\u escape at line 1 column 2 (unpaired surrogate)"),
            (
                #""\ud800\u0041""#,
                "not valid JSON: invalid \\u escape at line 1 column 2 (unpaired surrogate)"
            ),
            (
                "\"tab\there\"",
                "not valid JSON: control character in string at line 1 column 5 (write it as an escape such as \\n or \\u001F)"
            ),
            (
                "[1]\n\n  x",
                "not valid JSON: unexpected text after the end of the JSON document at line 3 column 3"
            ),
            (
                "# comment\n{}",
                "not valid JSON: expected a value at line 1 column 1 (comments are not allowed in JSON)"
            ),
            (
                "\r\n[\r\n1,\r\n]",
                "not valid JSON: expected a value at line 4 column 1 (trailing commas are not allowed)"
            ),
        ] as [(String, String)])
    func syntaxErrors(text: String, message: String) {
        #expect(syntaxError(text) == message)
    }

    @Test func duplicateKeysAreReportedWithTheirPath() throws {
        let document = try JSONParser.parse(Array(#"{"a": [{"k": 1, "k": 2, "k": 3}], "a": 0}"#.utf8))
        #expect(
            document.duplicateKeys.map { "\($0.objectPath) \($0.key) \($0.offset) \($0.firstOffset)" } == [
                "a[0] k 16 8", "a[0] k 24 8", " a 34 1",
            ])
    }

    @Test func oddKeysAreQuotedInPaths() throws {
        let document = try JSONParser.parse(Array(#"{"a b": {"x.y": {"k": 1, "k": 2}}}"#.utf8))
        #expect(document.duplicateKeys.map(\.objectPath) == [#"["a b"]["x.y"]"#])
    }

    /// Random byte-level damage to a valid scenario never crashes the loader, and every problem it
    /// reports is a single line naming the file.
    @Test func damagedScenariosAlwaysGiveOneLineProblems() {
        let original = Array(designExampleJSON.utf8)
        var state: UInt64 = 42
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let alphabet = Array(#"{}[]",:0123456789.-eE truenullfalse\"#.utf8) + [0x00, 0x0A, 0xC3, 0xFF]
        for _ in 0..<3_000 {
            var bytes = original
            for _ in 0...next(4) {
                switch next(4) {
                case 0: bytes.remove(at: next(bytes.count))
                case 1: bytes.insert(alphabet[next(alphabet.count)], at: next(bytes.count + 1))
                case 2: bytes[next(bytes.count)] = alphabet[next(alphabet.count)]
                default:
                    let start = next(bytes.count)
                    let end = Swift.min(bytes.count, start + next(40))
                    bytes.insert(contentsOf: bytes[start..<end], at: next(bytes.count + 1))
                }
                if bytes.isEmpty { bytes = original }
            }
            for problem in scenarioProblems(bytes: bytes, file: "f.json") {
                #expect(problem.hasPrefix("f.json: ") && !problem.contains("\n"), "\(problem)")
            }
        }
    }
}
