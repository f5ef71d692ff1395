/// The fixed catalogue behind the Zipf-based workloads and the random stream that made it.
///
/// Building it draws in `gen_zipf_trace.py`'s order (the rank-to-id shuffle, then one size per object), so
/// every workload that starts here keeps the reference trace's byte-exact random draws.
struct SyntheticCatalogue {
    var random: PythonRandom
    /// The object id at each popularity rank.
    let ids: ContiguousArray<UInt64>
    /// The size of each object, indexed as the workload indexes it (by rank or by id − 1).
    let objectSizes: ContiguousArray<Int>

    init(seed: UInt64, objects: Int, sizes: ObjectSizes) {
        random = PythonRandom(seed: seed)
        var ids = ContiguousArray<UInt64>((1...UInt64(objects)))
        random.shuffle(&ids)
        var objectSizes = ContiguousArray<Int>()
        objectSizes.reserveCapacity(objects)
        for _ in 0..<objects {
            objectSizes.append(sizes.draw(&random))
        }
        self.ids = ids
        self.objectSizes = objectSizes
    }

    /// A trace of `requests` requests, each the key and size `nextRequest` picks for the request's index.
    mutating func makeTrace(
        source: String,
        requests: Int,
        _ nextRequest: (inout SyntheticCatalogue, Int) -> (key: UInt64, size: Int)
    ) -> Trace {
        var trace = Trace(source: source)
        trace.reserveCapacity(requests)
        for request in 0..<requests {
            let (key, size) = nextRequest(&self, request)
            trace.append(key: key, size: size)
        }
        return trace
    }
}
