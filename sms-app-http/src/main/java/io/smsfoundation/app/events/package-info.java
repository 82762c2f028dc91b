/**
 * The driven side of events that needs the application's libraries: the JSON rendering of event
 * data (the API's own views) and the HTTP client that posts webhook deliveries.
 */
package io.smsfoundation.app.events;
