/** Phone numbers and other sender addresses: E.164 normalization and directory lookup variants. */
package io.smsfoundation.domain.phone;
