/** Messages: direction, Twilio SIDs, the delivery-status lifecycle and segment counting. */
package io.smsfoundation.domain.message;
