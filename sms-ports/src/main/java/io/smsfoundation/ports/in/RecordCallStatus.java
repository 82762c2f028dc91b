package io.smsfoundation.ports.in;

import io.smsfoundation.domain.call.Call;
import io.smsfoundation.domain.call.CallStatus;
import io.smsfoundation.domain.message.RawForm;
import io.smsfoundation.domain.message.StorableText;
import java.util.Objects;
import java.util.UUID;

/** Records a call's status report and moves the call's status forward when it may. */
public interface RecordCallStatus {

  /** Longest status word accepted. */
  int MAX_STATUS_LENGTH = RecordDeliveryStatus.MAX_STATUS_LENGTH;

  CallStatusOutcome record(CallReport report);

  /**
   * A call status the provider reported.
   *
   * @param callId our call id, when the provider echoed it back (in the callback URL), or {@code
   *     null}
   * @param providerCallId the provider's id of the call, or {@code null}
   * @param status the status as the provider named it; unknown words are kept in the form only
   * @param durationSeconds the duration the provider reported, or {@code null}
   * @param rawForm the webhook exactly as posted, kept in the status history
   */
  record CallReport(
      UUID callId, String providerCallId, String status, Integer durationSeconds, RawForm rawForm) {

    public CallReport {
      new Validation()
          .require(
              callId != null || Validation.present(providerCallId),
              "providerCallId",
              "is required without a call id")
          .require(
              providerCallId == null
                  || providerCallId.strip().length() <= ReceiveCall.MAX_PROVIDER_ID_LENGTH,
              "providerCallId",
              "must be at most " + ReceiveCall.MAX_PROVIDER_ID_LENGTH + " characters")
          .require(Validation.present(status), "status", "is required")
          .require(
              status == null || status.strip().length() <= MAX_STATUS_LENGTH,
              "status",
              "must be at most " + MAX_STATUS_LENGTH + " characters")
          .require(
              durationSeconds == null || durationSeconds >= 0,
              "durationSeconds",
              "must not be negative")
          .throwIfInvalid();
      providerCallId =
          Validation.present(providerCallId) ? StorableText.of(providerCallId.strip()) : null;
      status = StorableText.of(status.strip());
      rawForm = rawForm == null ? RawForm.empty() : rawForm;
    }
  }

  /** What a report did. */
  sealed interface CallStatusOutcome {

    /** The call moved from {@code previous} to the status {@code call} now has. */
    record Applied(Call call, CallStatus previous) implements CallStatusOutcome {
      public Applied {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(previous, "previous");
      }
    }

    /** The report was late, repeated, backward or unknown: nothing changed. */
    record Unchanged(Call call) implements CallStatusOutcome {}

    /** No call has this id (or provider call id); nothing was stored. */
    record UnknownCall() implements CallStatusOutcome {}

    /** Our call id and the provider's name two different calls; nothing was stored. */
    record Mismatched(Call call) implements CallStatusOutcome {}
  }
}
