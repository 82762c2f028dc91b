package io.smsfoundation.ports.in;

/** Periodically asks again about conversations whose tenant is still unknown. */
public interface ReconcileUnknownConversations {

  /**
   * Schedules a tenant-link job for up to {@code max} conversations without a tenant.
   *
   * @return how many jobs were scheduled
   */
  int reconcile(int max);
}
