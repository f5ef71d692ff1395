import ArgumentParser

@main
struct EdgeSim: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edgesim",
        abstract: "A local S3 + CloudFront + API Gateway + DynamoDB stack for single-page apps.",
        subcommands: [
            ServeCommand.self, ValidateCommand.self, CertsCommand.self, ReplayCommand.self, InvalidateCommand.self, StatsCommand.self,
            TokenCommand.self,
        ],
        defaultSubcommand: nil
    )
}
