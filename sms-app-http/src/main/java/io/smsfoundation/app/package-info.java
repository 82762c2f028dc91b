/**
 * The runnable service: {@link io.smsfoundation.app.Main} parses the command line, {@link
 * io.smsfoundation.app.SmsApplication} is the one composition root that builds and wires
 * everything.
 */
package io.smsfoundation.app;
