/**
 * Language of tenant SMS texts (English, Spanish, Portuguese): a rule-and-word-list detector and
 * the rule deciding which detected language a conversation keeps.
 */
package io.smsfoundation.domain.language;
