/**
 * Decorators of the tenant directory port that belong to no single directory: the cache of its
 * answers, which must sit in front of the Collections Monitor and the {@code tenant_profiles} table
 * alike.
 */
package io.smsfoundation.app.directory;
