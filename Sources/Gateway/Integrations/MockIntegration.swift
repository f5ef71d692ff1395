import NIOCore
import NIOHTTP1

/// A `MOCK` integration: the same configured response every time.
struct MockIntegration: IntegrationHandler {
    let response: APIResponse

    init(_ mock: Gateway.Configuration.Mock) {
        var headers = HTTPHeaders()
        for (name, value) in mock.headers.sorted(by: { $0.key < $1.key }) {
            headers.add(name: name, value: value)
        }
        response = APIResponse(
            status: HTTPResponseStatus(statusCode: mock.statusCode),
            headers: headers,
            body: ByteBuffer(string: mock.body)
        )
    }

    var isProxy: Bool { false }

    func respond(to context: IntegrationContext) async -> Result<APIResponse, GatewayError> {
        .success(response)
    }
}
