package io.smsfoundation.ports.in;

import io.smsfoundation.domain.call.Call;
import io.smsfoundation.domain.conversation.Conversation;
import io.smsfoundation.domain.message.RawForm;
import io.smsfoundation.domain.message.StorableText;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Keeps an inbound call exactly once per provider call id and decides how it is answered, from what
 * is already stored about the caller only.
 */
public interface ReceiveCall {

  /** Longest provider call id accepted. */
  int MAX_PROVIDER_ID_LENGTH = ReceiveInboundSms.MAX_PROVIDER_ID_LENGTH;

  CallOutcome receive(IncomingCall call);

  /**
   * Records how long the answers to calls took, from receiving each webhook to writing its answer,
   * in one write; only the first answer of a call counts.
   */
  void answered(Map<UUID, Duration> responseTimes);

  /** {@link #answered(Map)} of one call. */
  default void answered(UUID callId, Duration responseTime) {
    answered(Map.of(callId, responseTime));
  }

  /**
   * A call as the provider announced it, in the service's own words.
   *
   * @param providerCallId the provider's id of the call; one call is kept per id
   * @param from the caller, as the provider wrote it
   * @param to the number called
   * @param rawForm the webhook exactly as posted, kept with the call
   */
  record IncomingCall(String providerCallId, String from, String to, RawForm rawForm) {

    public IncomingCall {
      new Validation()
          .require(Validation.present(providerCallId), "providerCallId", "is required")
          .require(
              providerCallId == null || providerCallId.strip().length() <= MAX_PROVIDER_ID_LENGTH,
              "providerCallId",
              "must be at most " + MAX_PROVIDER_ID_LENGTH + " characters")
          .require(Validation.present(from), "from", "is required")
          .require(Validation.present(to), "to", "is required")
          .throwIfInvalid();
      providerCallId = StorableText.of(providerCallId.strip());
      from = StorableText.of(from.strip());
      to = StorableText.of(to.strip());
      rawForm = rawForm == null ? RawForm.empty() : rawForm;
    }
  }

  /** What became of a call; either way {@link #call()} says how to answer it. */
  sealed interface CallOutcome {

    Call call();

    /**
     * Kept now.
     *
     * @param decision why it was routed so: {@code known_caller}, {@code unknown_caller} or {@code
     *     no_dialer}
     */
    record Accepted(Call call, Conversation conversation, String decision) implements CallOutcome {
      public Accepted {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(decision, "decision");
      }
    }

    /** A call with this provider id was kept before; nothing changed. */
    record Duplicate(Call call) implements CallOutcome {
      public Duplicate {
        Objects.requireNonNull(call, "call");
      }
    }
  }
}
