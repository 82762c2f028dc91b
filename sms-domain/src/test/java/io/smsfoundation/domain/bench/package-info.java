/**
 * JMH benchmarks of the domain's per-message work, run on demand by {@link
 * io.smsfoundation.domain.bench.DomainBenchmarks}, never as tests (docs/benchmarks.md).
 */
package io.smsfoundation.domain.bench;
