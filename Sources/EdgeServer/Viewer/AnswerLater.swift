import NIOCore

/// Origin and gateway work runs as a task, off the event loop; its answer comes back to the handler on the
/// connection's loop, where everything is written. The one place the viewer handlers leave the loop.
func answerLater<Handler: AnyObject, Answer: Sendable>(
    _ handler: Handler,
    context: ChannelHandlerContext,
    _ work: @escaping @Sendable () async -> Answer,
    then write: @escaping (Handler, ChannelHandlerContext, Answer) -> Void
) {
    let bound = NIOLoopBound((handler, context, write), eventLoop: context.eventLoop)
    context.eventLoop.makeFutureWithTask(work).whenSuccess { answer in
        let (handler, context, write) = bound.value
        write(handler, context, answer)
    }
}
