package io.microcosm.gateway;

/**
 * What a typed line means for a session: a capability to call, something to say, or an answer the
 * session gives itself (help, a question back, a suggestion).
 *
 * @param kind what sort of thing was asked, for the reply ("help", "question", a capability name)
 * @param call the capability to call, or null
 * @param speech "say", "shout" or "tell" when the line is speech, else null
 * @param to whom a tell is for
 * @param text the speech, or the session's own answer
 * @param answered false when the line could not be understood
 */
public record LineMeaning(String kind, CapabilityCall call, String speech, String to, String text, boolean answered) {

  public static LineMeaning call(CapabilityCall call) {
    return new LineMeaning(call.capability(), call, null, null, null, true);
  }

  public static LineMeaning speech(String channel, String to, String text) {
    return new LineMeaning(channel, null, channel, to, text, true);
  }

  public static LineMeaning answer(String kind, String text, boolean understood) {
    return new LineMeaning(kind, null, null, null, text, understood);
  }
}
