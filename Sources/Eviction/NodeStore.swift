/// The flat storage shared by every policy: nodes in one array, recycled through a free list,
/// found by key through a ``KeyIndex``. List operations move indices only, so steady-state
/// accesses allocate nothing.
struct NodeStore: Sendable {
    static let freeQueue: UInt8 = 0xFF

    private(set) var nodes: ContiguousArray<Node>
    private(set) var index: KeyIndex
    private var freeHead: Int32 = -1
    let countsObjects: Bool

    /// `expectedEntries` sizes the arrays once up front (resident plus ghost entries).
    init(countsObjects: Bool, expectedEntries: Int) {
        self.countsObjects = countsObjects
        let reserved = min(max(expectedEntries, 16), 1 << 24)
        nodes = []
        nodes.reserveCapacity(reserved)
        index = KeyIndex(minimumCapacity: reserved)
    }

    /// The node for `key` (resident or ghost), or `-1`.
    @inline(__always)
    func find(_ key: UInt64) -> Int32 { index.find(key) }

    @inline(__always)
    subscript(node: Int32) -> Node {
        get { nodes[Int(node)] }
        _modify { yield &nodes[Int(node)] }
    }

    /// The node's weight in the capacity's unit.
    @inline(__always)
    func weight(_ node: Int32) -> Int {
        countsObjects ? 1 : nodes[Int(node)].size
    }

    /// A new unlinked node for `key`, registered in the index. `key` must be absent.
    @inline(__always)
    mutating func allocate(key: UInt64, size: Int, queue: UInt8) -> Int32 {
        let fresh = Node(key: key, size: size, prev: -1, next: -1, aux: -1, queue: queue, bits: 0)
        let node: Int32
        if freeHead >= 0 {
            node = freeHead
            freeHead = nodes[Int(node)].next
            nodes[Int(node)] = fresh
        } else {
            node = Int32(truncatingIfNeeded: nodes.count)
            nodes.append(fresh)
        }
        index.insert(key, node: node)
        return node
    }

    /// Forgets an unlinked node: drops its key from the index and recycles the slot.
    @inline(__always)
    mutating func release(_ node: Int32) {
        index.remove(nodes[Int(node)].key)
        nodes[Int(node)].queue = Self.freeQueue
        nodes[Int(node)].next = freeHead
        freeHead = node
    }

    /// Links `node` at the head (newest end) of `list`.
    @inline(__always)
    mutating func pushHead(_ node: Int32, _ list: inout NodeList) {
        let oldHead = list.head
        nodes[Int(node)].prev = -1
        nodes[Int(node)].next = oldHead
        if oldHead >= 0 { nodes[Int(oldHead)].prev = node } else { list.tail = node }
        list.head = node
        list.count &+= 1
        list.bytes &+= nodes[Int(node)].size
    }

    /// Unlinks `node` from `list`, which must hold it.
    @inline(__always)
    mutating func unlink(_ node: Int32, _ list: inout NodeList) {
        let entry = nodes[Int(node)]
        if entry.prev >= 0 { nodes[Int(entry.prev)].next = entry.next } else { list.head = entry.next }
        if entry.next >= 0 { nodes[Int(entry.next)].prev = entry.prev } else { list.tail = entry.prev }
        list.count &-= 1
        list.bytes &-= entry.size
    }

    /// Moves `node`, already in `list`, to its head.
    @inline(__always)
    mutating func moveToHead(_ node: Int32, _ list: inout NodeList) {
        guard list.head != node else { return }
        unlink(node, &list)
        pushHead(node, &list)
    }

    /// Unlinks and releases `node`, returning its key.
    @inline(__always)
    mutating func drop(_ node: Int32, _ list: inout NodeList) -> UInt64 {
        let key = nodes[Int(node)].key
        unlink(node, &list)
        release(node)
        return key
    }

    /// Sets the byte size of an unlinked node (a ghost coming back with a new size).
    @inline(__always)
    mutating func resize(_ node: Int32, to size: Int) {
        nodes[Int(node)].size = size
    }
}
