import Logging
import NIOCore

/// A Lambda-proxy function without Docker: one process a request, the event as JSON on stdin, the response
/// object read from stdout (aws-behaviour §3.8). A failing or unreadable function is 502 `Internal server error`;
/// one past its timeout is 504 `Endpoint request timed out`.
struct CommandIntegration: IntegrationHandler {
    let configuration: Gateway.Configuration.Command
    /// The configured timeout, or the flavour's maximum.
    let timeoutInMillis: Int
    let logger: Logger

    var isProxy: Bool { true }

    func respond(to context: IntegrationContext) async -> Result<APIResponse, GatewayError> {
        let event = LambdaProxyEvent.make(context, format: configuration.payloadFormatVersion)
        var environment = configuration.environment.mapValues { StageVariables.substitute($0, context.stageVariables) }
        environment["AWS_LAMBDA_FUNCTION_NAME"] = environment["AWS_LAMBDA_FUNCTION_NAME"] ?? configuration.command.first ?? ""
        environment["AWS_REQUEST_ID"] = context.requestID
        let command = configuration.command.map { StageVariables.substitute($0, context.stageVariables) }
        let result = await ProcessRunner.run(
            command: command,
            stdin: event.jsonBytes,
            environment: environment,
            workingDirectory: configuration.workingDirectory,
            timeout: .milliseconds(timeoutInMillis)
        )
        switch result {
        case .failure(.timedOut):
            return .failure(.integrationTimeout)
        case .failure(.launch(let reason)):
            logger.error("gateway command not started", metadata: ["gateway.integration.command": "\(command)", "gateway.error": "\(reason)"])
            return .failure(.malformedProxyResponse)
        case .success(let output):
            guard output.exitStatus == 0 else {
                logger.warning(
                    "gateway command failed",
                    metadata: [
                        "gateway.integration.command": "\(command)", "gateway.integration.exit": "\(output.exitStatus)",
                        "gateway.integration.stderr": "\(String(decoding: output.stderr.prefix(2048), as: UTF8.self))",
                    ]
                )
                return .failure(.malformedProxyResponse)
            }
            guard let response = LambdaProxyResponse.parse(output.stdout, format: configuration.payloadFormatVersion) else {
                logger.warning("gateway command returned a malformed proxy response", metadata: ["gateway.integration.command": "\(command)"])
                return .failure(.malformedProxyResponse)
            }
            return .success(response)
        }
    }
}
