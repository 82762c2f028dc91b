package io.smsfoundation.ports.out;

import java.util.Locale;
import java.util.Objects;

/**
 * A unit of background work about one subject. Its {@link #key()} deduplicates: while a job with
 * the same key is waiting, enqueuing another changes nothing.
 *
 * @param subjectId the id of what the job is about, for example a conversation id
 */
public record Job(Type type, String subjectId) {

  public Job {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(subjectId, "subjectId");
  }

  /** The kinds of background work. */
  public enum Type {
    /** Find the tenant of a conversation in the directory. */
    LINK_TENANT,
    /** Ask the directory again whether a conversation's tenant link still holds. */
    VERIFY_TENANT,
    /** Hand an outbound message to the SMS gateway. */
    SEND_SMS,
    /** Tell the directory a tenant's language. */
    PUSH_TENANT_LANGUAGE,
    /** Post one event to one subscription. */
    DELIVER_EVENT,
    /** Ask the provider what a settled outbound message cost. */
    FETCH_PRICE,

    /** Ask the SMS provider what became of a send whose outcome was unknown. */
    SETTLE_SMS;

    /**
     * {@code link-tenant}, {@code verify-tenant}, {@code send-sms}, {@code push-tenant-language},
     * {@code deliver-event}, {@code fetch-price}, {@code settle-sms}.
     */
    public String code() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Type fromCode(String code) {
      return valueOf(code.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
  }

  /** {@code type:subject}, unique among waiting jobs. */
  public String key() {
    return type.code() + ":" + subjectId;
  }
}
