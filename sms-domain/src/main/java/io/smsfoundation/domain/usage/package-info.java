/**
 * Usage: how messages are counted, grouped and priced for billing and allocation, and the daily
 * segment threshold.
 */
package io.smsfoundation.domain.usage;
