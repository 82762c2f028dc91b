/**
 * A local stand-in for the part of Twilio's REST API the service uses, with signed status callbacks
 * and scripted failures, for tests, local mode and demos.
 */
package io.smsfoundation.adapter.twilio.emulator;
