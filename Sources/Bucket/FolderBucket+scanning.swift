/// A file found under a bucket's folder, before its ETag is known.
struct ScannedFile: Sendable, Equatable {
    var key: ObjectKey
    /// The path through the folder (symbolic links not resolved), for opening.
    var path: String
    var identity: FileIdentity
}

extension FolderBucket {
    /// Every object whose key starts with `prefix`, in UTF-8 binary key order, without ETags.
    ///
    /// Only the folder that the prefix's last `/` names is walked. Symbolic links are followed when they resolve
    /// inside the folder (as a GET would) and skipped otherwise; a link back to an enclosing folder is not walked twice.
    func scan(prefix: String = "") async throws(BucketError) -> [ScannedFile] {
        try await offload { () throws(BucketError) in self.scanNow(prefix: prefix) }
    }

    /// The metadata of scanned files, hashing those whose ETag is not cached; files gone since the scan are left out.
    func metadata(of files: [ScannedFile]) async throws(BucketError) -> [ObjectMetadata] {
        try await offload { () throws(BucketError) in
            var objects: [ObjectMetadata] = []
            objects.reserveCapacity(files.count)
            for file in files {
                if let metadata = try self.metadata(of: file) { objects.append(metadata) }
            }
            return objects
        }
    }

    /// The blocking body of ``scan(prefix:)``.
    func scanNow(prefix: String) -> [ScannedFile] {
        let directoryKey: String
        if let slash = prefix.utf8.lastIndex(of: UInt8(ascii: "/")) {
            directoryKey = String(prefix[...slash])
            guard ObjectKey(directoryKey) != nil else { return [] }
        } else {
            directoryKey = ""
        }
        let start = directoryKey.isEmpty ? folder : resolve(directoryKey)
        guard let start, case .success(let status) = FileSystem.status(start), status.kind == .directory else { return [] }

        var files: [ScannedFile] = []
        var enclosing: Set<DirectoryIdentity> = [DirectoryIdentity(status.identity)]
        walk(start, keyPrefix: directoryKey, enclosing: &enclosing, into: &files)
        if !prefix.isEmpty {
            files.removeAll { !$0.key.rawValue.utf8.starts(with: prefix.utf8) }
        }
        files.sort { $0.key.rawValue.utf8.lexicographicallyPrecedes($1.key.rawValue.utf8) }
        return files
    }

    private struct DirectoryIdentity: Hashable {
        var device: UInt64
        var inode: UInt64
        init(_ identity: FileIdentity) {
            device = identity.device
            inode = identity.inode
        }
    }

    private func walk(_ directory: String, keyPrefix: String, enclosing: inout Set<DirectoryIdentity>, into files: inout [ScannedFile]) {
        for name in FileSystem.entries(ofDirectory: directory) {
            let path = directory + "/" + name
            guard let key = ObjectKey(keyPrefix + name), case .success(var status) = FileSystem.status(path, followingLinks: false) else {
                continue
            }
            if status.kind == .symbolicLink {
                guard let real = FileSystem.realPath(path), isInsideFolder(real), case .success(let target) = FileSystem.status(real) else {
                    continue
                }
                status = target
            }
            switch status.kind {
            case .regular:
                files.append(ScannedFile(key: key, path: path, identity: status.identity))
            case .directory:
                let identity = DirectoryIdentity(status.identity)
                guard enclosing.insert(identity).inserted else { continue }
                walk(path, keyPrefix: key.rawValue + "/", enclosing: &enclosing, into: &files)
                enclosing.remove(identity)
            case .symbolicLink, .other:
                continue
            }
        }
    }
}
