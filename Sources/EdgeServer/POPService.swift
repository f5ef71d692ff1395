import Edge
import ServiceLifecycle

/// A POP's background work for as long as the server runs: the stale-while-revalidate refreshes, which answer no
/// viewer and so run outside any request.
struct POPService: Service {
    let location: EdgeLocation

    func run() async {
        await cancelWhenGracefulShutdown {
            await location.run()
        }
    }
}
