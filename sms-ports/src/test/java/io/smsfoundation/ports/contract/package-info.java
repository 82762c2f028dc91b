/**
 * Contract suites, one per driven port, published in the test-jar: every adapter of a port
 * subclasses its suite and must pass it unchanged.
 */
package io.smsfoundation.ports.contract;
