package io.microcosm.gateway;

import static akka.http.javadsl.server.PathMatchers.segment;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.RecipientRef;
import akka.actor.typed.javadsl.AskPattern;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import akka.http.javadsl.model.ContentTypes;
import akka.http.javadsl.model.HttpEntities;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.model.StatusCode;
import akka.http.javadsl.model.StatusCodes;
import akka.http.javadsl.model.headers.RawHeader;
import akka.http.javadsl.server.AllDirectives;
import akka.http.javadsl.server.Route;
import akka.http.javadsl.unmarshalling.Unmarshaller;
import akka.japi.function.Function;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.microcosm.account.Principal;
import io.microcosm.account.Roles;
import io.microcosm.creature.CreatureEntity;
import io.microcosm.entity.CommandMeta;
import io.microcosm.clock.WorldClock;
import io.microcosm.clock.WorldTime;
import io.microcosm.entity.TickClock;
import io.microcosm.location.LocationEntity;
import io.microcosm.npc.MemoryType;
import io.microcosm.npc.NpcEntity;
import io.microcosm.player.PlayerEntity;
import io.microcosm.readside.ReadModelQueries;
import io.microcosm.readside.ReadSide;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The REST API under {@code /api}: accounts and sessions, the caller's world, player sheets, and
 * the operators' routes (teleport, give, kick, inspect any entity). Documented in
 * {@code openapi.yaml}, served at {@code /api/openapi.yaml}.
 */
final class ApiRoutes extends AllDirectives {

  private final ActorSystem<?> system;
  private final Gateway gateway;
  private final GatewayServer.Authenticator authenticator;
  private final AccountService accounts;
  private final ActorRef<Object> sessions;
  private final WorldTimeSource time;
  private final ObjectMapper json;
  private final String openApi;

  ApiRoutes(ActorSystem<?> system, Gateway gateway, GatewayServer.Authenticator authenticator, AccountService accounts,
      ActorRef<Object> sessions, WorldTimeSource time) {
    this.system = system;
    this.gateway = gateway;
    this.authenticator = authenticator;
    this.accounts = accounts;
    this.sessions = sessions;
    this.time = time;
    this.json = gateway.json();
    this.openApi = resource("openapi.yaml");
  }

  Route routes() {
    return pathPrefix("api", () -> concat(
        path("openapi.yaml", () -> get(() -> complete(HttpEntities.create(ContentTypes.TEXT_PLAIN_UTF8, openApi)))),
        path("accounts", () -> post(() -> body(b -> respond(StatusCodes.CREATED,
            accounts.register(text(b, "user"), text(b, "password"))
                .thenApplyAsync(character -> (JsonNode) object(Map.of("user", text(b, "user").toLowerCase(), "character", character)), Runnable::run))))),
        path("sessions", () -> concat(
            post(() -> body(b -> respond(StatusCodes.OK, accounts.login(text(b, "user"), text(b, "password"))
                .thenApplyAsync(login -> (JsonNode) object(Map.of("token", login.token(), "character", login.character(),
                    "expiresAt", login.expiresAtEpochSecond())), Runnable::run)))),
            delete(() -> bearer(token -> respond(StatusCodes.OK,
                accounts.logout(token).thenApplyAsync(done -> (JsonNode) object(Map.of("loggedOut", true)), Runnable::run)))))),
        authenticated(principal -> concat(
            path(segment("world").slash("time"), () -> get(() -> respond(StatusCodes.OK,
                time.now().thenApplyAsync(this::worldTime, Runnable::run)))),
            path(segment("world").slash("state"), () -> get(() -> respond(StatusCodes.OK,
                this.<PlayerEntity.LookReply>askPlayer(principal.character(), r -> new PlayerEntity.Look(meta(principal), r))))),
            path(segment("world").slash("presence"), () -> get(() -> {
              if (!principal.isAdmin() && !principal.hasRole(Roles.OBSERVER)) {
                return problem(StatusCodes.FORBIDDEN, "This needs the admin or observer role.");
              }
              return parameterOptional("zone", zone -> parameterOptional("location", location -> respond(StatusCodes.OK,
                  readSide(q -> q.presence(zone, location)))));
            })),
            path("leaderboard", () -> get(() -> parameterOptional("by", by -> parameterOptional("limit", limit ->
                respond(StatusCodes.OK, readSide(q -> q.leaderboard(by.orElse("exp"), page(limit)))))))),
            path("feed", () -> get(() -> parameterOptional("since", since -> parameterOptional("limit", limit ->
                respond(StatusCodes.OK, readSide(q -> q.feed(since.map(v -> number("since", Optional.of(v))), page(limit)))))))),
            path(segment("players").slash(segment()), name -> get(() -> {
              if (!name.equals(principal.character()) && !principal.isAdmin()) {
                return problem(StatusCodes.FORBIDDEN, "You may only look at your own character.");
              }
              return respond(StatusCodes.OK, this.<PlayerEntity.StatusView>askPlayer(name, r -> new PlayerEntity.ShowStatus(meta(principal), r)));
            })),
            path(segment("players").slash(segment()).slash("quests"), name -> get(() -> {
              if (!name.equals(principal.character()) && !principal.isAdmin()) {
                return problem(StatusCodes.FORBIDDEN, "You may only look at your own character's quests.");
              }
              return respond(StatusCodes.OK, this.<PlayerEntity.QuestsView>askPlayer(name, r -> new PlayerEntity.ShowQuests(meta(principal), r)));
            })),
            path(segment("npcs").slash(segment()), id -> get(() -> npc(id, () -> respond(StatusCodes.OK,
                this.<NpcEntity.Command, NpcEntity.NpcView>ask(npcRef(id), r -> new NpcEntity.Inspect(meta(principal), r)))))),
            path(segment("npcs").slash(segment()).slash("memories"), id -> get(() -> npc(id, () -> memories(principal, id)))),
            path("factions", () -> get(() -> respond(StatusCodes.OK, CompletableFuture.completedFuture(
                json.valueToTree(Map.of("factions", gateway.world().factions().values())))))),
            pathPrefix("admin", () -> principal.isAdmin()
                ? admin(principal)
                : problem(StatusCodes.FORBIDDEN, "This needs the admin role.")))),
        complete(StatusCodes.NOT_FOUND, "No such API route; see /api/openapi.yaml.")));
  }

  /** The clock's tick and calendar, and each zone's weather and world events. */
  private JsonNode worldTime(WorldClock.TimeView view) {
    ObjectNode n = object(Map.of("tick", view.tick(), "tickMillis", view.tickMillis(), "epoch", TickClock.EPOCH.toString()));
    WorldTime t = view.time();
    n.put("day", t.day());
    n.put("year", t.year());
    n.put("season", t.season().label());
    n.put("dayOfSeason", t.dayOfSeason());
    n.put("timeOfDay", t.clock());
    n.put("phase", t.phase().label());
    ObjectNode zones = n.putObject("zones");
    view.zones().forEach((zone, c) -> {
      ObjectNode z = zones.putObject(zone);
      z.put("weather", c.weather().label());
      z.set("events", json.valueToTree(c.events()));
      z.put("gatherPercent", c.gatherPercent());
    });
    return n;
  }

  private Route npc(String id, java.util.function.Supplier<Route> inner) {
    return gateway.world().npcs().containsKey(id)
        ? inner.get()
        : problem(StatusCodes.NOT_FOUND, "No NPC '" + id + "'. NPC ids look like vale.npc.mira.");
  }

  private RecipientRef<NpcEntity.Command> npcRef(String id) {
    return ClusterSharding.get(system).entityRefFor(NpcEntity.ENTITY_KEY, id);
  }

  /** {@code ?type=observation|dialogue|reflection&minImportance=1..10&limit=1..200&query=words} */
  private Route memories(Principal principal, String id) {
    return parameterOptional("type", type -> parameterOptional("minImportance", min -> parameterOptional("limit",
        limit -> parameterOptional("query", query -> {
          MemoryType memoryType = null;
          if (type.isPresent()) {
            memoryType = MemoryType.parse(type.get()).orElse(null);
            if (memoryType == null) {
              return problem(StatusCodes.BAD_REQUEST,
                  "type must be one of observation, dialogue, reflection; was '" + type.get() + "'.");
            }
          }
          Integer minImportance = wholeNumber(min, 1, 1, 10);
          if (minImportance == null) {
            return problem(StatusCodes.BAD_REQUEST, "minImportance must be a whole number from 1 to 10; was '" + min.get() + "'.");
          }
          Integer count = wholeNumber(limit, 20, 1, 200);
          if (count == null) {
            return problem(StatusCodes.BAD_REQUEST, "limit must be a whole number from 1 to 200; was '" + limit.get() + "'.");
          }
          MemoryType t = memoryType;
          return respond(StatusCodes.OK, this.<NpcEntity.Command, NpcEntity.MemoriesView>ask(npcRef(id),
              r -> new NpcEntity.Recall(meta(principal), t, minImportance, count, query.orElse(null), r)));
        }))));
  }

  /** The parameter as a whole number within bounds, the fallback when absent, null when malformed. */
  private static Integer wholeNumber(java.util.Optional<String> value, int fallback, int min, int max) {
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      int v = Integer.parseInt(value.get().trim());
      return v < min || v > max ? null : v;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private Route admin(Principal principal) {
    return concat(
        path(segment("players").slash(segment()).slash("teleport"), name -> post(() -> body(b -> respond(StatusCodes.OK,
            this.<PlayerEntity.MoveReply>askPlayer(name, r -> new PlayerEntity.Teleport(meta(principal), text(b, "location"), r)))))),
        path(segment("players").slash(segment()).slash("items"), name -> post(() -> body(b -> respond(StatusCodes.OK,
            this.<PlayerEntity.TakeReply>askPlayer(name, r -> new PlayerEntity.Grant(meta(principal), text(b, "item"), b.path("quantity").asInt(1), r)))))),
        path(segment("players").slash(segment()).slash("kick"), name -> post(() -> {
          sessions.tell(new SessionRegistry.ToSession(new Principal(name, java.util.List.of(), name),
              new PlaySession.Kick("kicked by " + principal.user())));
          return respond(StatusCodes.OK, CompletableFuture.completedFuture(object(Map.of("kicked", name))));
        })),
        path(segment("entities").slash(segment()).slash(segment()), (kind, id) -> get(() -> respond(StatusCodes.OK,
            inspect(principal, kind, id)))));
  }

  private CompletionStage<JsonNode> inspect(Principal principal, String kind, String id) {
    ClusterSharding sharding = ClusterSharding.get(system);
    switch (kind) {
      case "player":
        return this.<PlayerEntity.StatusView>askPlayer(id, r -> new PlayerEntity.ShowStatus(meta(principal), r));
      case "location":
        return this.<LocationEntity.Command, LocationEntity.LookReply>ask(sharding.entityRefFor(LocationEntity.ENTITY_KEY, id), r -> new LocationEntity.Look(meta(principal), r));
      case "creature":
        return this.<CreatureEntity.Command, CreatureEntity.CreatureView>ask(sharding.entityRefFor(CreatureEntity.ENTITY_KEY, id), r -> new CreatureEntity.Inspect(meta(principal), r));
      default:
        return CompletableFuture.failedFuture(new ApiProblem(404, "Unknown entity kind '" + kind
            + "'; use player, location or creature."));
    }
  }

  // ---- read side ----

  /** A query of this node's read models; 503 while they are off or starting, 400 for a bad question. */
  private <T> CompletionStage<JsonNode> readSide(java.util.function.Function<ReadModelQueries, CompletionStage<T>> query) {
    ReadSide readSide = ReadSide.get(system);
    Optional<ReadModelQueries> queries = readSide.queries();
    if (queries.isEmpty()) {
      return CompletableFuture.failedFuture(new ApiProblem(503, readSide.unavailableReason()));
    }
    CompletionStage<T> answer;
    try {
      answer = query.apply(queries.get());
    } catch (ApiProblem p) {
      return CompletableFuture.failedFuture(p);
    }
    return answer.handleAsync((value, failure) -> {
      if (failure == null) {
        return (JsonNode) json.valueToTree(value);
      }
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
      if (cause instanceof IllegalArgumentException) {
        throw new ApiProblem(400, cause.getMessage());
      }
      system.log().warn("A read-side query failed: {}", cause.toString());
      throw new ApiProblem(503, "The read models cannot be read just now; try again.");
    }, Runnable::run);
  }

  /** An optional whole-number query parameter; absent is 0. */
  private static long number(String name, Optional<String> value) {
    if (value.isEmpty()) {
      return 0;
    }
    try {
      long n = Long.parseLong(value.get().trim());
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new ApiProblem(400, "The parameter '" + name + "' must be a whole number >= 0, not '" + value.get() + "'.");
    }
  }

  private static int page(Optional<String> limit) {
    return (int) Math.min(Integer.MAX_VALUE, number("limit", limit));
  }

  // ---- plumbing ----

  private Route authenticated(java.util.function.Function<Principal, Route> inner) {
    return bearer(token -> onSuccess(authenticator.principal(token), principal -> {
      if (principal.isEmpty()) {
        return problem(StatusCodes.UNAUTHORIZED, "That token is not valid or has expired; log in again.");
      }
      RateLimiter.Verdict verdict = gateway.limit(principal.get());
      if (!(verdict instanceof RateLimiter.Allowed)) {
        return respondWithHeader(RawHeader.create("Retry-After", retryAfter(verdict)),
            () -> problem(StatusCodes.TOO_MANY_REQUESTS, Gateway.refusal(verdict)));
      }
      return inner.apply(principal.get());
    }));
  }

  private static String retryAfter(RateLimiter.Verdict verdict) {
    Duration wait = verdict instanceof RateLimiter.Limited l ? l.retryAfter() : ((RateLimiter.Disconnect) verdict).retryAfter();
    return String.valueOf(Math.max(1, (wait.toMillis() + 999) / 1000));
  }

  private Route bearer(java.util.function.Function<String, Route> inner) {
    return optionalHeaderValueByName("Authorization", header -> header
        .filter(h -> h.startsWith("Bearer "))
        .map(h -> inner.apply(h.substring(7).trim()))
        .orElseGet(() -> problem(StatusCodes.UNAUTHORIZED, "Send Authorization: Bearer <token> (POST /api/sessions to get one).")));
  }

  private Route body(java.util.function.Function<JsonNode, Route> inner) {
    return entity(Unmarshaller.entityToString(), text -> {
      if (text.length() > gateway.maxFrameChars()) {
        return problem(StatusCodes.PAYLOAD_TOO_LARGE, "The body may have at most " + gateway.maxFrameChars() + " characters.");
      }
      JsonNode node;
      try {
        node = json.readTree(text);
      } catch (JsonProcessingException e) {
        return problem(StatusCodes.BAD_REQUEST, "The body is not valid JSON: " + e.getOriginalMessage());
      }
      if (node == null || !node.isObject()) {
        return problem(StatusCodes.BAD_REQUEST, "The body must be a JSON object.");
      }
      try {
        return inner.apply(node);
      } catch (ApiProblem p) {
        return problem(StatusCodes.get(p.status()), p.getMessage());
      }
    });
  }

  private static String text(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new ApiProblem(400, "The field '" + field + "' is required and must be a non-empty string.");
    }
    return v.asText();
  }

  private Route respond(StatusCode ok, CompletionStage<? extends JsonNode> result) {
    return onComplete(result, outcome -> {
      if (outcome.isSuccess()) {
        JsonNode node = outcome.get();
        if (node.path("rejection").isObject()) {
          return complete(HttpResponse.create().withStatus(StatusCodes.CONFLICT)
              .withEntity(ContentTypes.APPLICATION_JSON, node.toString()));
        }
        return complete(HttpResponse.create().withStatus(ok).withEntity(ContentTypes.APPLICATION_JSON, node.toString()));
      }
      Throwable t = outcome.failed().get();
      Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
      if (cause instanceof ApiProblem p) {
        return problem(StatusCodes.get(p.status()), p.getMessage());
      }
      return problem(StatusCodes.SERVICE_UNAVAILABLE, "The world did not answer in time. Try again.");
    });
  }

  private Route problem(StatusCode status, String message) {
    gateway.metrics().http("api", status.intValue());
    return complete(HttpResponse.create().withStatus(status)
        .withEntity(ContentTypes.APPLICATION_JSON, object(Map.of("error", message)).toString()));
  }

  private ObjectNode object(Map<String, ?> fields) {
    return json.valueToTree(fields);
  }

  private <R> CompletionStage<JsonNode> askPlayer(String character, Function<ActorRef<R>, PlayerEntity.Command> command) {
    return ask(gateway.player(character), command);
  }

  private <T, R> CompletionStage<JsonNode> ask(RecipientRef<T> target, Function<ActorRef<R>, T> command) {
    return AskPattern.ask(target, command, gateway.askTimeout(), system.scheduler())
        .thenApplyAsync(reply -> (JsonNode) json.valueToTree(reply), Runnable::run);
  }

  private static CommandMeta meta(Principal principal) {
    return CommandMeta.fresh(principal.user());
  }

  private static String resource(String name) {
    try (InputStream in = ApiRoutes.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
