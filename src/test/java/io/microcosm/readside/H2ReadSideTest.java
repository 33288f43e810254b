package io.microcosm.readside;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** The read side on the embedded store: projections with exactly-once offsets in the H2 file journal. */
class H2ReadSideTest extends ReadSideContract {

  @TempDir
  Path dataDir;

  @Override
  Config storeConfig() {
    return ConfigFactory.parseMap(Map.of("microcosm.journal", "h2", "microcosm.data-dir", dataDir.toString()));
  }

  @Override
  Duration catchUp() {
    return Duration.ofSeconds(20);
  }
}
