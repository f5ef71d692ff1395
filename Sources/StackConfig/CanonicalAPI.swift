import Gateway
import Store

/// The logic and data tiers of the canonical SPA stack: the bundled ticketing app's HTTP API `spa` over the
/// tables `shows` (seeded) and `tickets` (empty), reachable through the app's `/api/*` behaviour (same origin)
/// and on its own domain `api.edgesim.test` (cross-origin, with credentials). `edgesim.yml` writes it out.
enum CanonicalAPI {
    static let name = "spa"
    static let stage = "$default"
    static let domainName = "api.edgesim.test"

    /// The routes and what answers them: the tables' REST, and `/api/info` describing this API.
    static let routeKeys = [
        "GET /api/shows", "GET /api/shows/{id}", "GET /api/tickets", "POST /api/tickets", "GET /api/tickets/{id}",
        "DELETE /api/tickets/{id}", "GET /api/info",
    ]

    /// The app's origins on the viewer HTTPS port: what a browser sends as `Origin` (no port for 443).
    static func allowOrigins(httpsPort: Int) -> [String] {
        let port = httpsPort == 443 ? "" : ":\(httpsPort)"
        return ["https://app.edgesim.test" + port, "https://localhost" + port]
    }

    static func configuration(httpsPort: Int) -> Gateway.Configuration {
        var routes: [Gateway.Configuration.Route] = []
        for routeKey in routeKeys {
            let table = routeKey.contains("/api/shows") ? "shows" : "tickets"
            let integration: Gateway.Configuration.Integration =
                routeKey == "GET /api/info"
                ? .mock(
                    Gateway.Configuration.Mock(statusCode: 200, headers: ["content-type": "application/json"], body: infoBody(httpsPort: httpsPort))
                )
                : .table(Gateway.Configuration.Table(tableName: table))
            routes.append(Gateway.Configuration.Route(routeKey: routeKey, integration: integration))
        }
        let cors = Gateway.Configuration.CORS(
            allowOrigins: allowOrigins(httpsPort: httpsPort),
            allowMethods: ["GET", "POST", "DELETE"],
            allowHeaders: ["content-type", "x-requested-with"],
            exposeHeaders: ["x-edgesim-read-cache"],
            maxAge: 600,
            allowCredentials: true
        )
        let api = Gateway.Configuration.API(name: name, routes: routes, cors: cors, stages: [Gateway.Configuration.Stage(stageName: stage)])
        let domain = Gateway.Configuration.DomainName(
            domainName: domainName,
            basePathMappings: [Gateway.Configuration.BasePathMapping(basePath: "", apiName: name, stage: stage)]
        )
        return Gateway.Configuration(apis: [api], domainNames: [domain])
    }

    /// What `GET /api/info` answers: this API's name, stage, domain, allowed origins, routes and tables, so a
    /// page (or curl) can see what it talks to.
    static func infoBody(httpsPort: Int) -> String {
        func list(_ values: [String]) -> String { "[" + values.map(StackDecoder.jsonString).joined(separator: ",") + "]" }
        return "{\"api\":\"\(name)\",\"stage\":\"\(stage)\",\"domainName\":\"\(domainName)\","
            + "\"allowOrigins\":\(list(allowOrigins(httpsPort: httpsPort))),\"routes\":\(list(routeKeys)),\"tables\":[\"shows\",\"tickets\"]}"
    }

    static let store = Stack.StoreSettings(
        tables: ["shows", "tickets"].map { name in
            TableDefinition(name: name, keySchema: KeySchema(partitionKey: KeyAttribute(name: "id", type: .string)))
        },
        seedItems: ["shows": shows]
    )

    /// The season the app sells: the fields its show list and show page read.
    static let shows: [Item] = [
        ("aurora-quartet-2026-11-14", "Aurora String Quartet: Late Beethoven", "Harbour Hall", "2026-11-14T19:30:00Z", 4200, 310),
        ("tidewater-jazz-2026-11-21", "Tidewater Jazz Collective", "North Pier Club", "2026-11-21T21:00:00Z", 2500, 64),
        ("lantern-hamlet-2026-11-27", "Hamlet", "The Lantern Theatre", "2026-11-27T19:00:00Z", 3500, 118),
        ("harbour-messiah-2026-12-12", "Handel's Messiah", "Harbour Hall", "2026-12-12T19:00:00Z", 5500, 742),
        ("winter-folk-night-2027-01-09", "Winter Folk Night", "North Pier Club", "2027-01-09T20:00:00Z", 1800, 150),
    ].map { id, title, venue, date, priceCents, seatsLeft in
        [
            "id": .string(id), "title": .string(title), "venue": .string(venue), "date": .string(date),
            "priceCents": .number(DynamoNumber(priceCents)), "seatsLeft": .number(DynamoNumber(seatsLeft)),
        ]
    }
}
