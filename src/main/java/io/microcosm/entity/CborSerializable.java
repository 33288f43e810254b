package io.microcosm.entity;

/**
 * Marks every message, event, reply and snapshot that crosses a node boundary or is persisted.
 * It is bound to Akka's {@code jackson-cbor} serializer in {@code application.conf}; Java
 * serialization stays off.
 */
public interface CborSerializable {}
