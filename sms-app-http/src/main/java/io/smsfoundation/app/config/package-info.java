/**
 * Configuration: the environment read and validated in one place, and the credentials local mode
 * generates and keeps in its data directory.
 */
package io.smsfoundation.app.config;
