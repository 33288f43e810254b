package io.microcosm.persistence;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** The port of the Cassandra the integration tests use, checked to be listening. */
public final class CassandraPort {

  private CassandraPort() {}

  public static int get() {
    int port = Integer.getInteger("microcosm.it.cassandra.port", 9042);
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
    } catch (IOException e) {
      throw new IllegalStateException("No Cassandra on 127.0.0.1:" + port + ". `mvn verify` starts one; to run this "
          + "test alone, start it with: scripts/cassandra.sh start --cql-port " + port, e);
    }
    return port;
  }
}
