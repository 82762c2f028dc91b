/**
 * The HTTP API: framework-free endpoints that call the use cases, the JSON views, API-key auth, the
 * send rate limit, and {@link io.smsfoundation.app.http.HttpServer}, the only class that uses
 * Javalin.
 */
package io.smsfoundation.app.http;
