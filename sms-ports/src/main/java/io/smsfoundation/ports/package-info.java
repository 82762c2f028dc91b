/**
 * The hexagon's boundary: use cases ({@code in}), driven ports ({@code out}), the services that
 * implement the use cases ({@code service}) and in-memory adapters ({@code memory}).
 */
package io.smsfoundation.ports;
