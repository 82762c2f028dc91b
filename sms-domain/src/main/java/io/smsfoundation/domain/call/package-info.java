/**
 * Voice calls: the call record, its forward-only status lifecycle, and the rules that choose where
 * an inbound call is routed.
 */
package io.smsfoundation.domain.call;
