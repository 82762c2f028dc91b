package io.smsfoundation.adapter.monitor;

import java.time.Duration;

/**
 * What one call to the Monitor came back with once the policies are done: the last HTTP answer, or
 * the reason there was none (timeout, connection failure, open circuit).
 */
sealed interface Exchange {

  /**
   * An HTTP response.
   *
   * @param body the body as text; empty when there was none or when it was {@code oversized}
   * @param oversized the body was larger than the adapter reads, a broken or hostile answer
   * @param retryAfter the parsed {@code Retry-After} header, {@code null} when absent or invalid
   */
  record Answer(int status, String body, boolean oversized, Duration retryAfter)
      implements Exchange {

    public Answer {
      body = body == null ? "" : body;
    }

    boolean isSuccess() {
      return status >= 200 && status < 300;
    }

    /** 5xx, 429 and 408: the Monitor may well answer the same request next time. */
    boolean isTransient() {
      return status >= 500 || status == 429 || status == 408;
    }
  }

  /** No usable HTTP answer; {@code reason} is safe to log and to return to callers. */
  record NoAnswer(String reason) implements Exchange {}
}
