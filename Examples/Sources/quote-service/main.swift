import AsyncHTTPClient
import Hummingbird
import Logging
import QuoteService

// `DOWNSTREAM_URL=http://127.0.0.1:9000 swift run quote-service`: GET /quote, GET /metrics on :8080.
let logger = Logger(label: "quote-service")
let environment = Environment()
let service = QuoteService(
    settings: .init(downstream: environment.get("DOWNSTREAM_URL") ?? "http://127.0.0.1:9000"), logger: logger)
let port = environment.get("PORT").flatMap(Int.init) ?? 8080
try await service.application(port: port, logger: logger).runService()
