import Foundation
import Store

extension StackDecoder {
    static let storeKeys = Keys(
        allowed: ["backend", "url", "signatureCheck", "region", "accountId"],
        notes: [
            "path": "the SQLite store lives under --state-dir as dynamodb.sqlite; pass --state-dir to move it",
            "tables": "define tables at the top level, under tables:",
        ]
    )
    static let signatureCheckKeys = Keys(allowed: ["accessKeyIds"])

    enum StoreBackendName: String, CaseIterable {
        case sqlite
        case postgres
    }

    /// A table's `seedFile`: read now, so that `edgesim validate` finds a broken item before a start does.
    mutating func seedFile(_ fields: Fields, table: TableDefinition) -> [Item]? {
        guard let file = string(fields, "seedFile") else { return nil }
        let path = fields.path.key("seedFile")
        let resolved = existingFile(file, at: fields["seedFile"], path, what: "the table's items in DynamoDB JSON")
        guard let data = FileManager.default.contents(atPath: resolved) else { return nil }
        do {
            return try DynamoDB.seedItems(json: Array(data), for: table)
        } catch {
            report(
                "\(resolved): \(error.message ?? error.name); write a list of items in DynamoDB JSON, like [{\"id\": {\"S\": \"1\"}}]",
                at: fields["seedFile"],
                path
            )
            return nil
        }
    }

    /// `store:`: which database keeps the tables, and who may call the DynamoDB API.
    mutating func storeSettings(_ node: StackNode, _ path: FieldPath, into settings: inout Stack.StoreSettings) {
        guard let fields = fields(node, path, Self.storeKeys) else { return }
        let backend = choice(fields, "backend", StoreBackendName.self)
        let url = string(fields, "url")
        switch backend ?? (fields["backend"] == nil ? .sqlite : nil) {
        case nil:
            break  // Reported; whether a url belongs depends on the backend meant.
        case .sqlite?:
            if url != nil {
                report(
                    "is read only with backend: postgres (SQLite keeps its file under --state-dir); remove it",
                    at: fields.keyNode("url"),
                    path.key("url")
                )
            }
            settings.backend = .sqlite
        case .postgres?:
            if fields["url"] == nil { _ = required(fields, "url", "the database, like postgres://edgesim:secret@127.0.0.1:5432/edgesim") }
            guard let url else { break }
            if !(url.hasPrefix("postgres://") || url.hasPrefix("postgresql://")) {
                report(
                    "must be a postgres:// URL, like postgres://edgesim:secret@127.0.0.1:5432/edgesim; got \"\(url)\"",
                    at: fields["url"],
                    path.key("url")
                )
            }
            settings.backend = .postgres(url: url)
        }
        if let checkNode = fields["signatureCheck"], let check = self.fields(checkNode, path.key("signatureCheck"), Self.signatureCheckKeys) {
            let ids = required(check, "accessKeyIds", "list the access key ids SDKs may sign with, like [AKIAEDGESIMLOCAL0001]").flatMap { _ in
                stringList(check, "accessKeyIds")
            }
            if let ids {
                if ids.isEmpty {
                    report(
                        "needs at least one access key id; leave signatureCheck out to accept any signature",
                        at: check["accessKeyIds"],
                        path.key("signatureCheck").key("accessKeyIds")
                    )
                } else {
                    settings.signatureCheck = .accessKeyIDs(Set(ids))
                }
            }
        }
        settings.region = string(fields, "region") ?? settings.region
        if let account = string(fields, "accountId") {
            if account.count == 12, account.allSatisfy({ $0.isASCII && $0.isNumber }) {
                settings.accountID = account
            } else {
                report(
                    "an account id is 12 digits, written in quotes, like \"000000000000\"; got \"\(account)\"",
                    at: fields["accountId"],
                    path.key("accountId")
                )
            }
        }
    }
}

extension StackDecoder {
    /// The logic and data tiers: `tables:` and `store:`, then the gateway sections, whose table integrations
    /// name tables and whose domain names must not be distributions' aliases (so distributions come first).
    mutating func dataTier(_ fields: Fields, into stack: inout Stack) {
        var seedItems: [String: [Item]] = [:]
        if let node = fields["tables"] { stack.store.tables = tables(node, .root.key("tables"), seedItems: &seedItems) }
        stack.store.seedItems = seedItems
        if let node = fields["store"] { storeSettings(node, .root.key("store"), into: &stack.store) }
        let gateway = gateway(fields, tables: stack.store.tables, distributions: stack.distributions)
        stack.gateway = gateway.configuration
        stack.warnings = gateway.warnings
    }
}
