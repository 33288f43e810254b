package io.microcosm.readside;

/**
 * The read side on the embedded store with one event per transaction
 * ({@code microcosm.readside.batch-size = 1}, {@code JdbcProjection.exactlyOnce}) instead of groups.
 */
class H2ExactlyOnceReadSideTest extends H2ReadSideTest {

  @Override
  int batchSize() {
    return 1;
  }
}
