import ArgumentParser
import Foundation

/// `edgesim invalidate`: CloudFront's CreateInvalidation against a running server, as
/// `aws cloudfront create-invalidation` would send it.
struct InvalidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invalidate",
        abstract: "Invalidate paths in a running server's edge caches (CloudFront's CreateInvalidation).",
        discussion: """
            Paths start with / and may end in * (/assets/*, /index.html). The same call through the aws CLI:
              aws cloudfront create-invalidation --endpoint-url http://127.0.0.1:4566 --distribution-id ID --paths "/*"
            """
    )

    @Option(name: .customLong("distribution"), help: "The distribution's id (`edgesim serve` prints it).")
    var distributionID: String

    @Argument(help: "The paths to invalidate.")
    var paths: [String]

    @Option(help: "The address `serve` binds to.")
    var host = "127.0.0.1"

    @Option(name: .customLong("control-port"), help: "The control port `serve` uses.")
    var controlPort = 4566

    func validate() throws {
        guard !paths.isEmpty else { throw ValidationError("name at least one path, such as /index.html or /*") }
    }

    func run() async throws {
        let items = paths.map { "<Path>\(Self.escaped($0))</Path>" }.joined()
        let document = """
            <?xml version="1.0" encoding="UTF-8"?>
            <InvalidationBatch xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/">\
            <Paths><Quantity>\(paths.count)</Quantity><Items>\(items)</Items></Paths>\
            <CallerReference>edgesim-\(UUID().uuidString)</CallerReference></InvalidationBatch>
            """
        let (status, body) = try await ControlPortClient(host: host, port: controlPort)
            .send(.POST, "/2020-05-31/distribution/\(distributionID)/invalidation", body: document, contentType: "text/xml")
        guard status == 201 else {
            throw ControlPortClient.Failure(description: "CreateInvalidation answered \(status): \(Self.element("Message", in: body) ?? body)")
        }
        let id = Self.element("Id", in: body) ?? "?"
        let state = Self.element("Status", in: body) ?? "?"
        print("Invalidation \(id) for \(distributionID): \(state) (\(paths.joined(separator: " ")))")
    }

    private static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    /// The text of the first `<name>` element: enough for CloudFront's flat answers, without an XML parser.
    private static func element(_ name: String, in document: String) -> String? {
        guard let open = document.range(of: "<\(name)>"), let close = document.range(of: "</\(name)>", range: open.upperBound..<document.endIndex)
        else {
            return nil
        }
        return String(document[open.upperBound..<close.lowerBound])
    }
}
