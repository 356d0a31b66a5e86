package dev.lockstep.pg;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import javax.net.SocketFactory;

/**
 * Sockets to a PostgreSQL server's Unix-domain socket file, for the JDBC driver (its
 * {@code socketFactory} setting, with the socket file as {@code socketFactoryArg}): the driver
 * connects to a host and port, which this factory's sockets ignore in favour of the file.
 */
public final class UnixSocketFactory extends SocketFactory {
  private final Path file;

  /** The JDBC driver passes socketFactoryArg here. */
  public UnixSocketFactory(String socketFile) {
    this.file = Path.of(socketFile);
  }

  @Override
  public Socket createSocket() {
    return new UnixSocket(file);
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return connected();
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    return connected();
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return connected();
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
    return connected();
  }

  private Socket connected() throws IOException {
    Socket s = createSocket();
    s.connect(null, 0);
    return s;
  }

  /** A java.net.Socket over a non-blocking Unix-domain channel, so that reads honour the driver's timeouts. */
  private static final class UnixSocket extends Socket {
    private final Path file;
    private SocketChannel channel;
    private Selector readable;
    private Selector writable;
    private int timeoutMillis;
    private boolean closed;

    UnixSocket(Path file) {
      this.file = file;
    }

    @Override
    public synchronized void connect(SocketAddress ignored, int timeout) throws IOException {
      channel = SocketChannel.open(StandardProtocolFamily.UNIX);
      try {
        channel.connect(UnixDomainSocketAddress.of(file));
        channel.configureBlocking(false);
        readable = Selector.open();
        channel.register(readable, SelectionKey.OP_READ);
        writable = Selector.open();
        channel.register(writable, SelectionKey.OP_WRITE);
      } catch (IOException e) {
        channel.close();
        throw new IOException("cannot connect to the socket " + file + ": " + e.getMessage(), e);
      }
    }

    @Override
    public void connect(SocketAddress endpoint) throws IOException {
      connect(endpoint, 0);
    }

    @Override
    public void bind(SocketAddress bindpoint) {
      // a Unix-domain client needs no local address
    }

    @Override
    public boolean isConnected() {
      return channel != null && channel.isConnected();
    }

    @Override
    public boolean isClosed() {
      return closed;
    }

    @Override
    public synchronized void close() throws IOException {
      closed = true;
      if (readable != null) readable.close();
      if (writable != null) writable.close();
      if (channel != null) channel.close();
    }

    @Override
    public InputStream getInputStream() {
      return new InputStream() {
        @Override
        public int read() throws IOException {
          byte[] one = new byte[1];
          return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          if (len == 0) return 0;
          ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
          while (true) {
            int n = channel.read(buffer);
            if (n != 0) return n;
            if (readable.select(timeoutMillis) == 0 && timeoutMillis > 0) throw new SocketTimeoutException("Read timed out");
            readable.selectedKeys().clear();
          }
        }

        @Override
        public int available() throws IOException {
          return 0;
        }
      };
    }

    @Override
    public OutputStream getOutputStream() {
      return new OutputStream() {
        @Override
        public void write(int b) throws IOException {
          write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
          while (buffer.hasRemaining()) {
            if (channel.write(buffer) == 0) {
              writable.select();
              writable.selectedKeys().clear();
            }
          }
        }
      };
    }

    @Override
    public void setSoTimeout(int timeout) {
      timeoutMillis = timeout;
    }

    @Override
    public int getSoTimeout() {
      return timeoutMillis;
    }

    // TCP settings the driver applies: they mean nothing on a Unix-domain socket.
    @Override
    public void setTcpNoDelay(boolean on) {}

    @Override
    public boolean getTcpNoDelay() {
      return true;
    }

    @Override
    public void setKeepAlive(boolean on) {}

    @Override
    public boolean getKeepAlive() {
      return false;
    }

    @Override
    public void setSendBufferSize(int size) {}

    @Override
    public int getSendBufferSize() {
      return 8192;
    }

    @Override
    public void setReceiveBufferSize(int size) {}

    @Override
    public int getReceiveBufferSize() {
      return 8192;
    }

    @Override
    public void shutdownInput() throws IOException {
      channel.shutdownInput();
    }

    @Override
    public void shutdownOutput() throws IOException {
      channel.shutdownOutput();
    }

    @Override
    public String toString() {
      return "unix socket " + file;
    }
  }
}
