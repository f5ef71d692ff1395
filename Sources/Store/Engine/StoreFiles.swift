import Foundation

/// File work done once at start: the state directory and seed files.
enum StoreFiles {
    static func createParentDirectory(of path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        guard !directory.isEmpty else { return }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    static func contents(of path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DynamoDBError.validation("The seed file \(path) cannot be read; check that it exists and is readable")
        }
        return Array(data)
    }
}

extension DynamoDB {
    /// Loads a seed file into the tables in `tables` (those created at this start).
    func loadSeed(_ path: String, into tables: Set<String>) async throws {
        let json: JSONValue
        do {
            json = try JSONParser.parse(try StoreFiles.contents(of: path))
        } catch let error as JSONSyntaxError {
            throw DynamoDBError.validation("The seed file \(path) is not valid JSON (error at byte \(error.offset))")
        }
        guard case .object(let members) = json else {
            throw DynamoDBError.validation("The seed file \(path) must hold an object of table names to items")
        }
        for (tableName, entries) in members.sorted(by: { $0.key < $1.key }) where tables.contains(tableName) {
            guard case .array(let elements) = entries else {
                throw DynamoDBError.validation("In the seed file \(path), \(tableName) must be a list of items or PutRequests")
            }
            var writes: [BatchWriteRequest.Write] = []
            for element in elements {
                let itemJSON = element["PutRequest"]?["Item"] ?? element
                do {
                    writes.append(.put(try ItemJSON.decode(itemJSON)))
                } catch {
                    throw DynamoDBError.validation("In the seed file \(path), an item of \(tableName) is invalid: \(error)")
                }
            }
            // Seed files may be larger than one BatchWriteItem call allows.
            for start in stride(from: 0, to: writes.count, by: 25) {
                _ = try await batchWriteItem(BatchWriteRequest(tables: [(tableName, Array(writes[start..<min(start + 25, writes.count)]))]))
            }
            logger.info("Loaded seed items", metadata: ["store.table": .string(tableName), "store.seed.count": .stringConvertible(writes.count)])
        }
    }
}
