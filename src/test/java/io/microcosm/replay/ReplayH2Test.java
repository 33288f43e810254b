package io.microcosm.replay;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** The replay tool on the embedded journal: akka-persistence-jdbc on a real H2 file. */
class ReplayH2Test extends ReplayContract {

  @TempDir
  Path dataDirs;

  @Override
  Config freshStore() {
    try {
      Path dir = Files.createTempDirectory(dataDirs, "journal-");
      return ConfigFactory.parseMap(Map.of("microcosm.journal", "h2", "microcosm.data-dir", dir.toString()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
