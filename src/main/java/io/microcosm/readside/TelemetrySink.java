package io.microcosm.readside;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where telemetry lines go. Each line is one JSON object; the sink adds the line break. */
interface TelemetrySink extends AutoCloseable {

  void write(String line);

  @Override
  void close();

  static TelemetrySink of(ReadSideSettings.Telemetry settings) {
    return switch (settings.sink()) {
      case "file" -> new FileSink(settings.file(), settings.maxFileBytes(), settings.keepFiles());
      case "stdout" -> new StdoutSink(System.out);
      case "tcp" -> new TcpSink(settings.tcpHost(), settings.tcpPort());
      case "off" -> new Off();
      default -> throw new IllegalArgumentException("unknown telemetry sink " + settings.sink());
    };
  }

  final class Off implements TelemetrySink {
    @Override
    public void write(String line) {}

    @Override
    public void close() {}
  }

  /**
   * Appends to a file; when the next line would take it past {@code maxBytes}, the file becomes
   * {@code .1} (an older {@code .1} becomes {@code .2}, and so on up to {@code keep}) and a new file
   * is begun.
   */
  final class FileSink implements TelemetrySink {
    private static final Logger log = LoggerFactory.getLogger(FileSink.class);
    private final Path file;
    private final long maxBytes;
    private final int keep;
    private Writer writer;
    private long size;

    FileSink(Path file, long maxBytes, int keep) {
      this.file = file;
      this.maxBytes = maxBytes;
      this.keep = keep;
    }

    @Override
    public synchronized void write(String line) {
      byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
      try {
        if (writer == null) {
          open();
        }
        if (size > 0 && size + bytes.length > maxBytes) {
          rotate();
        }
        writer.write(line);
        writer.write('\n');
        writer.flush();
        size += bytes.length;
      } catch (IOException e) {
        log.warn("Telemetry cannot be written to {}: {}; this line is lost", file, e.toString());
        closeQuietly();
      }
    }

    private void open() throws IOException {
      Path dir = file.toAbsolutePath().getParent();
      if (dir != null) {
        Files.createDirectories(dir);
      }
      size = Files.exists(file) ? Files.size(file) : 0;
      writer = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND), StandardCharsets.UTF_8));
    }

    private void rotate() throws IOException {
      writer.close();
      writer = null;
      if (keep == 0) {
        Files.delete(file);
      } else {
        Files.deleteIfExists(rotated(keep));
        for (int i = keep - 1; i >= 1; i--) {
          if (Files.exists(rotated(i))) {
            Files.move(rotated(i), rotated(i + 1), StandardCopyOption.REPLACE_EXISTING);
          }
        }
        Files.move(file, rotated(1), StandardCopyOption.REPLACE_EXISTING);
      }
      open();
    }

    Path rotated(int n) {
      return file.resolveSibling(file.getFileName() + "." + n);
    }

    private void closeQuietly() {
      if (writer != null) {
        try {
          writer.close();
        } catch (IOException e) {
          log.debug("closing the telemetry file {} failed too: {}", file, e.toString());
        }
        writer = null;
      }
    }

    @Override
    public synchronized void close() {
      closeQuietly();
    }
  }

  /** Standard output, for a log collector that reads the process's output. */
  final class StdoutSink implements TelemetrySink {
    private final PrintStream out;

    StdoutSink(PrintStream out) {
      this.out = out;
    }

    @Override
    public void write(String line) {
      out.println(line);
      out.flush();
    }

    @Override
    public void close() {}
  }

  /**
   * Sends lines to a TCP listener (a metrics collector). It connects when the first line comes and
   * again after a failure, at most every {@link #RETRY_MILLIS}; lines that come while it is not
   * connected are dropped and counted, so a missing collector never slows the node.
   */
  final class TcpSink implements TelemetrySink {
    static final long RETRY_MILLIS = 5_000;
    private static final Logger log = LoggerFactory.getLogger(TcpSink.class);
    private final String host;
    private final int port;
    private Socket socket;
    private Writer writer;
    private long nextAttempt;
    private long dropped;

    TcpSink(String host, int port) {
      this.host = host;
      this.port = port;
    }

    @Override
    public synchronized void write(String line) {
      if (writer == null && !connect()) {
        dropped++;
        return;
      }
      try {
        writer.write(line);
        writer.write('\n');
        writer.flush();
      } catch (IOException e) {
        log.warn("Telemetry collector {}:{} went away ({}); reconnecting", host, port, e.toString());
        disconnect();
        dropped++;
      }
    }

    private boolean connect() {
      long now = System.currentTimeMillis();
      if (now < nextAttempt) {
        return false;
      }
      nextAttempt = now + RETRY_MILLIS;
      Socket s = new Socket();
      try {
        s.connect(new InetSocketAddress(host, port), 1_000);
        socket = s;
        writer = new BufferedWriter(new OutputStreamWriter(s.getOutputStream(), StandardCharsets.UTF_8));
        if (dropped > 0) {
          log.info("Telemetry collector {}:{} reached; {} lines were dropped while it was not", host, port, dropped);
          dropped = 0;
        }
        return true;
      } catch (IOException e) {
        try {
          s.close();
        } catch (IOException closing) {
          e.addSuppressed(closing);
        }
        if (dropped == 0) {
          log.warn("No telemetry collector at {}:{} ({}); lines are dropped until one listens", host, port, e.toString());
        }
        return false;
      }
    }

    synchronized long dropped() {
      return dropped;
    }

    private void disconnect() {
      try {
        if (socket != null) {
          socket.close();
        }
      } catch (IOException e) {
        log.debug("closing the telemetry connection failed: {}", e.toString());
      }
      socket = null;
      writer = null;
    }

    @Override
    public synchronized void close() {
      disconnect();
    }
  }
}
