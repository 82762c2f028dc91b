/** Conversations: one per external address, with tenant, workflow, language and consent. */
package io.smsfoundation.domain.conversation;
