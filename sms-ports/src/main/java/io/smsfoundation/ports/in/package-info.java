/**
 * Use cases: what the outside world can ask of the service, as interfaces taking command records
 * and answering with outcome values. Invalid commands are refused with {@link
 * io.smsfoundation.ports.in.InvalidCommandException}.
 */
package io.smsfoundation.ports.in;
