package io.smsfoundation.ports.memory;

import io.smsfoundation.ports.out.WebhookSender;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@link WebhookSender} that records every post and answers 200, or the statuses it was told to
 * answer next. Thread-safe.
 */
public final class InMemoryWebhookSender implements WebhookSender {

  private final List<WebhookPost> posts = new CopyOnWriteArrayList<>();
  private final Deque<Integer> next = new ArrayDeque<>();

  /** The next posts are answered with these statuses, in order, then 200 again. */
  public synchronized void answerNext(Integer... statuses) {
    next.addAll(List.of(statuses));
  }

  /** Every post so far, in order. */
  public List<WebhookPost> posts() {
    return List.copyOf(posts);
  }

  @Override
  public SendAttempt post(WebhookPost post) {
    posts.add(post);
    Integer status;
    synchronized (this) {
      status = next.poll();
    }
    return new SendAttempt.Answered(status == null ? 200 : status, Duration.ZERO);
  }
}
