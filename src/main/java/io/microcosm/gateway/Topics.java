package io.microcosm.gateway;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Props;
import akka.actor.typed.pubsub.Topic;
import io.microcosm.location.LocationEntity;
import io.microcosm.zone.ZoneEntity;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pub-sub topics a gateway node's sessions use, one local topic actor per name shared by every
 * session on this node (a topic actor per session would register each with the receptionist).
 */
public final class Topics {

  private final ActorSystem<?> system;
  private final Map<String, ActorRef<?>> topics = new ConcurrentHashMap<>();

  public Topics(ActorSystem<?> system) {
    this.system = system;
  }

  /** What happens at a location, published by the location entity. */
  public ActorRef<Topic.Command<LocationEntity.Broadcast>> location(String locationId) {
    return get("location:" + locationId, LocationEntity.Broadcast.class);
  }

  /** Speech heard at a location ({@code say}). */
  public ActorRef<Topic.Command<ChatLine>> place(String locationId) {
    return get("say:" + locationId, ChatLine.class);
  }

  /** Shouts heard across a zone. */
  public ActorRef<Topic.Command<ChatLine>> zone(String zone) {
    return get("shout:" + zone, ChatLine.class);
  }

  /** A zone's news: weather, world events, the turning of the day; published by the zone entity. */
  public ActorRef<Topic.Command<ZoneEntity.Broadcast>> zoneNews(String zone) {
    return get("zone:" + zone, ZoneEntity.Broadcast.class);
  }

  /** Private messages to one character ({@code tell}). */
  public ActorRef<Topic.Command<ChatLine>> character(String name) {
    return get("tell:" + name, ChatLine.class);
  }

  @SuppressWarnings("unchecked")
  private <T> ActorRef<Topic.Command<T>> get(String name, Class<T> type) {
    return (ActorRef<Topic.Command<T>>) topics.computeIfAbsent(name,
        n -> system.systemActorOf(Topic.create(type, n), "topic-" + n.replaceAll("[^A-Za-z0-9_.:-]", "_"), Props.empty()));
  }
}
