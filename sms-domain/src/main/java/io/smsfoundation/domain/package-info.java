/**
 * The model and pure rules of SMS Foundation: no framework, no I/O, no clock of its own. Every type
 * here is immutable and safe to share between threads unless its Javadoc says otherwise.
 */
package io.smsfoundation.domain;
