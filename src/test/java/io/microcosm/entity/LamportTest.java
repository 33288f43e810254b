package io.microcosm.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LamportTest {

  @Test
  void movesPastTheLaterOfTheTwoClocks() {
    assertEquals(8, Lamport.receive(7, 3));
    assertEquals(11, Lamport.receive(2, 10));
    assertEquals(6, Lamport.receive(5, 5));
    assertEquals(1, Lamport.receive(0, 0));
  }

  @Test
  void aChainOfMessagesOnlyMovesForward() {
    long a = 0;
    long b = 0;
    a = Lamport.receive(a, 0);
    b = Lamport.receive(b, a);
    a = Lamport.receive(a, b);
    assertEquals(3, a);
    assertEquals(2, b);
  }
}
