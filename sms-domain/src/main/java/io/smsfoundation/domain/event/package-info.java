/**
 * Events for workflows: what happened ({@link io.smsfoundation.domain.event.Event}), who wants to
 * hear of it ({@link io.smsfoundation.domain.event.Subscription}), and how deliveries are signed
 * (the Standard Webhooks format) and retried.
 */
package io.smsfoundation.domain.event;
