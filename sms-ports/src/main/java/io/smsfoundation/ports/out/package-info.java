/**
 * Driven ports: what the use cases need from the outside world, in domain words. Every port has a
 * contract suite in this module's test-jar that each adapter runs.
 */
package io.smsfoundation.ports.out;
