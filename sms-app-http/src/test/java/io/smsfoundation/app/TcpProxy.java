package io.smsfoundation.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy the test controls, put between the service and PostgreSQL. {@link #cut()} drops every
 * connection and refuses new ones, as a dead database would; {@link #restore()} listens again on
 * the same port. {@link #freeze()} is the nastier failure of a network path that vanishes (a NAT
 * table lost, a host gone): the connections open at that moment, and those opened while frozen,
 * carry nothing more in either direction, forever, and when one end closes its socket the other end
 * is never told; {@link #thaw()} lets new connections through again. Works whatever the test
 * database is (external, container or embedded).
 */
final class TcpProxy implements AutoCloseable {

  /** A client connection and its connection to the target. */
  private static final class Pair {
    final Socket client;
    final Socket upstream;
    volatile boolean frozen;

    Pair(Socket client, Socket upstream, boolean frozen) {
      this.client = client;
      this.upstream = upstream;
      this.frozen = frozen;
    }
  }

  private final String targetHost;
  private final int targetPort;
  private final int port;
  private final Set<Pair> open = ConcurrentHashMap.newKeySet();
  private volatile ServerSocket server;
  private volatile boolean freezing;

  TcpProxy(String targetHost, int targetPort) {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.server = listen(0);
    this.port = server.getLocalPort();
    accept(server);
  }

  int port() {
    return port;
  }

  /** Closes every connection and stops listening: connecting is refused until {@link #restore}. */
  synchronized void cut() {
    closeQuietly(server);
    for (Pair pair : open) {
      closeQuietly(pair.client);
      closeQuietly(pair.upstream);
    }
    open.clear();
  }

  /** Listens again on the same port. */
  synchronized void restore() {
    if (server.isClosed()) {
      server = listen(port);
      accept(server);
    }
  }

  /**
   * From now on nothing passes: every open connection goes silent for good (bytes and closes are
   * swallowed), and connections accepted until {@link #thaw} are silent from the start.
   */
  synchronized void freeze() {
    freezing = true;
    for (Pair pair : open) {
      pair.frozen = true;
    }
  }

  /** New connections pass again; the frozen ones stay frozen until {@link #close}. */
  synchronized void thaw() {
    freezing = false;
  }

  @Override
  public void close() {
    cut();
  }

  private static ServerSocket listen(int port) {
    try {
      ServerSocket socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return socket;
    } catch (IOException e) {
      throw new UncheckedIOException("the proxy cannot listen on " + port, e);
    }
  }

  private void accept(ServerSocket listening) {
    Thread.ofVirtual()
        .name("tcp-proxy-accept")
        .start(
            () -> {
              while (!listening.isClosed()) {
                try {
                  Socket client = listening.accept();
                  Socket upstream = new Socket(targetHost, targetPort);
                  Pair pair = new Pair(client, upstream, freezing);
                  open.add(pair);
                  pump(pair, client, upstream);
                  pump(pair, upstream, client);
                } catch (IOException closed) {
                  // cut() closed the listening socket, or the target refused: stop or go on
                }
              }
            });
  }

  private void pump(Pair pair, Socket from, Socket to) {
    Thread.ofVirtual()
        .name("tcp-proxy-pump")
        .start(
            () -> {
              byte[] buffer = new byte[16 * 1024];
              try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                  if (!pair.frozen) {
                    out.write(buffer, 0, n);
                    out.flush();
                  }
                }
              } catch (IOException ended) {
                // one side closed, or cut() closed both
              } finally {
                if (!pair.frozen) {
                  // close the other side too, so that both ends see it
                  closeQuietly(from);
                  closeQuietly(to);
                  open.remove(pair);
                }
              }
            });
  }

  private static void closeQuietly(java.io.Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException ignored) {
      // closing is best effort: the point is that the connection is gone
    }
  }
}
