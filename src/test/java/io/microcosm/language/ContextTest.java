package io.microcosm.language;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.microcosm.language.Interpretation.Action;
import io.microcosm.language.Interpretation.Option;
import io.microcosm.language.Interpretation.Question;
import io.microcosm.location.LocationEntity.LocationView;
import io.microcosm.rules.Equipment;
import io.microcosm.rules.Inventory;
import io.microcosm.rules.ItemStack;
import io.microcosm.world.Direction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContextTest {

  @Test
  void isBuiltFromWhatALocationShows() {
    LocationView view = ValeContexts.view("wilds.clearing", Map.of("apple", 2), List.of("Ada", "Bob"));
    Context context = Context.of("Ada", view, new Inventory(Map.of("coal", 1)), Equipment.NONE);

    assertEquals("wilds.clearing", context.location());
    assertEquals(Map.of(Direction.SOUTH, "wilds.track", Direction.WEST, "wilds.heath", Direction.EAST,
        "wilds.deep-wood"), context.exits());
    assertEquals(List.of("wilds.wolf.1", "wilds.wolf.2", "wilds.wolf.3"), context.creatures());
    assertEquals(List.of("herb-patch"), context.nodes());
    assertEquals(2, context.ground().quantity("apple"));
    assertEquals(1, context.pack().quantity("coal"));
    assertEquals(List.of("Bob"), context.others());
    assertNull(context.pending());
  }

  @Test
  void othersLeaveOutThePlayerWhateverTheCase() {
    Context context = new Context("ada", "vale.square", Map.of(), List.of("Ada", "Mira"), null, List.of(), List.of(),
        List.of(), null, null, null);
    assertEquals(List.of("Mira"), context.others());
    assertEquals(Inventory.EMPTY, context.pack());
    assertEquals(Equipment.NONE, context.equipment());
  }

  @Test
  void keepsAQuestionForTheNextLine() {
    Context context = ValeContexts.named("entrance");
    Question question = new Question("Which ore: copper ore or iron ore?",
        List.of(new Option("copper ore", Action.drop("copper-ore", 1)),
            new Option("iron ore", Action.drop("iron-ore", 1))));
    Context waiting = context.withPending(question);
    assertEquals(question, waiting.pending());
    assertEquals(context.pack(), waiting.pack());
    assertNull(waiting.withPending(null).pending());
  }

  @Test
  void stacksBecomeAnInventory() {
    assertEquals(new Inventory(Map.of("apple", 3)),
        Context.inventory(List.of(new ItemStack("apple", 1), new ItemStack("apple", 2))));
  }
}
