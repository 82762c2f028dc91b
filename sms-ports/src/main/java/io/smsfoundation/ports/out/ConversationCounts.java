package io.smsfoundation.ports.out;

/** How many conversations have a known tenant and how many do not, for metrics. */
public record ConversationCounts(long withTenant, long withoutTenant) {}
