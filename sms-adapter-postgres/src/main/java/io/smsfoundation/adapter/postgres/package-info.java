/**
 * The PostgreSQL adapter: JDBI stores, the unit of work, the db-scheduler job queue, the {@code
 * tenant_profiles} directory, the Flyway schema and the embedded server of local mode. Only the
 * adapters, their factory and the connection helpers are public.
 */
package io.smsfoundation.adapter.postgres;
