package io.microcosm.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RecentCommandsTest {

  private static List<UUID> ids(int n) {
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      // fixed values keep failures reproducible
      ids.add(new UUID(0x1000L + i, 0x2000L + i));
    }
    return ids;
  }

  private static RecentCommands withAll(int capacity, List<UUID> ids) {
    RecentCommands recent = RecentCommands.withCapacity(capacity);
    for (UUID id : ids) {
      recent = recent.add(id);
    }
    return recent;
  }

  @Test
  void remembersWhatWasAdded() {
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    RecentCommands recent = RecentCommands.withCapacity(3).add(a);

    assertTrue(recent.contains(a));
    assertFalse(recent.contains(b));
    assertEquals(1, recent.size());
    assertEquals(3, recent.capacity());
  }

  @Test
  void anEmptyWindowRemembersNothingNotEvenTheZeroId() {
    // the ring starts as zeros, so the all-zero UUID is the one a sloppy lookup would find
    RecentCommands recent = RecentCommands.withCapacity(4);
    assertFalse(recent.contains(new UUID(0, 0)));
    assertEquals(0, recent.size());
    assertTrue(recent.add(new UUID(0, 0)).contains(new UUID(0, 0)));
  }

  @Test
  void forgetsTheOldestPastCapacity() {
    List<UUID> ids = ids(5);
    RecentCommands recent = withAll(3, ids);

    assertEquals(3, recent.size());
    assertFalse(recent.contains(ids.get(0)));
    assertFalse(recent.contains(ids.get(1)));
    assertTrue(recent.contains(ids.get(2)));
    assertTrue(recent.contains(ids.get(3)));
    assertTrue(recent.contains(ids.get(4)));
  }

  @Test
  void keepsEvictingInOrderAcrossManyWrapArounds() {
    List<UUID> ids = ids(103);
    RecentCommands recent = withAll(7, ids);
    for (int i = 0; i < ids.size(); i++) {
      assertEquals(i >= 96, recent.contains(ids.get(i)), "id " + i);
    }
    assertEquals(7, recent.size());
  }

  @Test
  void addingARememberedIdChangesNothing() {
    List<UUID> ids = ids(3);
    RecentCommands recent = withAll(3, ids);

    assertSame(recent, recent.add(ids.get(0)));
    // had the repeat taken a slot, the next add would have evicted ids[1] as well as ids[0]
    RecentCommands next = recent.add(ids.get(0)).add(new UUID(9, 9));
    assertFalse(next.contains(ids.get(0)));
    assertTrue(next.contains(ids.get(1)));
    assertTrue(next.contains(ids.get(2)));
    assertEquals(3, next.size());
  }

  @Test
  void anEvictedIdCanBeRememberedAgain() {
    List<UUID> ids = ids(3);
    RecentCommands recent = withAll(2, ids).add(ids.get(0));
    assertTrue(recent.contains(ids.get(0)));
    assertTrue(recent.contains(ids.get(2)));
    assertFalse(recent.contains(ids.get(1)));
  }

  @Test
  void addReturnsANewInstanceAndLeavesTheOldOneAlone() {
    List<UUID> ids = ids(3);
    RecentCommands before = withAll(2, ids.subList(0, 2));
    RecentCommands after = before.add(ids.get(2));

    assertTrue(before.contains(ids.get(0)));
    assertTrue(before.contains(ids.get(1)));
    assertFalse(before.contains(ids.get(2)));
    assertEquals(2, before.size());

    assertFalse(after.contains(ids.get(0)));
    assertTrue(after.contains(ids.get(2)));
  }

  @Test
  void resizingDownKeepsTheNewestIds() {
    List<UUID> ids = ids(6);
    RecentCommands small = withAll(10, ids).resized(4);

    assertEquals(4, small.capacity());
    assertEquals(4, small.size());
    assertFalse(small.contains(ids.get(0)));
    assertFalse(small.contains(ids.get(1)));
    for (UUID id : ids.subList(2, 6)) {
      assertTrue(small.contains(id));
    }
    // the order survives: the next add must evict the oldest kept id, not a newer one
    RecentCommands next = small.add(new UUID(9, 9));
    assertFalse(next.contains(ids.get(2)));
    assertTrue(next.contains(ids.get(3)));
  }

  @Test
  void resizingAWrappedRingKeepsTheNewestIds() {
    List<UUID> ids = ids(8);
    RecentCommands small = withAll(5, ids).resized(2);

    assertEquals(2, small.size());
    assertTrue(small.contains(ids.get(6)));
    assertTrue(small.contains(ids.get(7)));
    assertFalse(small.contains(ids.get(5)));
  }

  @Test
  void resizingUpKeepsEverythingAndMakesRoom() {
    List<UUID> ids = ids(4);
    RecentCommands big = withAll(3, ids).resized(5);

    assertEquals(5, big.capacity());
    assertEquals(3, big.size());
    assertFalse(big.contains(ids.get(0)));
    RecentCommands more = big.add(new UUID(9, 1)).add(new UUID(9, 2));
    for (UUID id : ids.subList(1, 4)) {
      assertTrue(more.contains(id));
    }
    assertEquals(5, more.size());
  }

  @Test
  void resizingToTheSameCapacityIsANoOp() {
    RecentCommands recent = withAll(3, ids(2));
    assertSame(recent, recent.resized(3));
  }

  @Test
  void aCapacityBelowOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> RecentCommands.withCapacity(0));
    assertThrows(IllegalArgumentException.class, () -> withAll(3, ids(1)).resized(0));
  }

  @Test
  void equal_when_the_same_ids_are_remembered_in_the_same_order() {
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    UUID c = UUID.randomUUID();
    RecentCommands wrapped = RecentCommands.withCapacity(2).add(c).add(a).add(b);
    RecentCommands straight = RecentCommands.withCapacity(2).add(a).add(b);
    assertEquals(straight, wrapped, "the ring position does not matter, only the remembered ids");
    assertEquals(straight.hashCode(), wrapped.hashCode());
    assertNotEquals(straight, RecentCommands.withCapacity(2).add(b).add(a), "order matters");
    assertNotEquals(straight, RecentCommands.withCapacity(3).add(a).add(b), "capacity matters");
    assertNotEquals(straight, RecentCommands.withCapacity(2).add(a));
  }

  @Test
  void is_written_as_one_flat_ring_and_read_back_the_same_across_chunk_edges() throws Exception {
    // 70 ids: two whole chunks and a partial one; 100 added, so the ring has wrapped.
    RecentCommands recent = withAll(70, ids(100));
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper()
        .setVisibility(com.fasterxml.jackson.annotation.PropertyAccessor.FIELD,
            com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.ANY);
    com.fasterxml.jackson.databind.JsonNode written = json.valueToTree(recent);
    assertEquals(140, written.path("ring").size(), "two longs per id, one array: " + written);
    java.util.Set<String> fields = new java.util.HashSet<>();
    written.fieldNames().forEachRemaining(fields::add);
    assertEquals(java.util.Set.of("ring", "next", "count"), fields);
    RecentCommands read = json.treeToValue(written, RecentCommands.class);
    assertEquals(recent, read);
    for (UUID id : ids(100).subList(30, 100)) {
      assertTrue(read.contains(id), "remembered after reading back: " + id);
    }
    assertFalse(read.contains(ids(100).get(29)));
  }
}
