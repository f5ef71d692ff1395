/// A certificate file and its private key file, and who owns them, so that errors can say what to do.
struct PEMPair: Sendable {
    enum Owner: Sendable {
        /// The development CA, which EdgeSim creates.
        case authority
        /// A leaf certificate the development CA issued.
        case issued
        /// A certificate the user supplied in the stack file for this domain.
        case imported(DomainName)
    }

    var certificatePath: String
    var privateKeyPath: String
    var owner: Owner

    func role(of path: String) -> String {
        let kind = path == self.privateKeyPath ? "private key" : "certificate"
        guard case .authority = self.owner else {
            return kind
        }
        return "development CA \(kind)"
    }

    /// What the user should do when this pair is unusable.
    var remedy: String {
        switch self.owner {
        case .authority:
            return "Delete \(self.certificatePath) and \(self.privateKeyPath) to generate a new development CA, "
                + "then trust the new CA again (see certs/README.md)."
        case .issued:
            return "Delete \(self.certificatePath) and \(self.privateKeyPath); `edgesim certs` or the next `edgesim serve` issues new ones."
        case .imported(let domain):
            return "Check the `certificate:` and `privateKey:` files given for \(domain) in the stack file; "
                + "or remove them there to use a development certificate."
        }
    }
}
