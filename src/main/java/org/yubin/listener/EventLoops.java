package org.yubin.listener;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * Event loops of one protocol's own, used as the {@code workerGroup} of its routes: the
 * sessions run on them and may block them (directory look-ups, file I/O), so no other
 * listener may share them.
 */
public final class EventLoops {

    private EventLoops() {
    }

    /**
     * {@code threads} daemon loops named {@code name-*}; epoll when {@code nativeTransport}
     * ({@code yubin.native-transport}) is on, as the endpoints' channels are then epoll channels.
     */
    public static EventLoopGroup create(String name, int threads, boolean nativeTransport) {
        DefaultThreadFactory names = new DefaultThreadFactory(name, true);
        return nativeTransport ? new EpollEventLoopGroup(threads, names) : new NioEventLoopGroup(threads, names);
    }
}
