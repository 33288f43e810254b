package io.microcosm.persistence;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** The game on the embedded journal: akka-persistence-jdbc on a real H2 file. */
class H2JournalTest extends JournalContract {

  @TempDir
  static Path dataDir;

  @Override
  Config storeConfig() {
    return ConfigFactory.parseMap(Map.of("microcosm.journal", "h2", "microcosm.data-dir", dataDir.toString()));
  }
}
