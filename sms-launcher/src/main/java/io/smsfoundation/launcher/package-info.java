/**
 * The runnable jar's entry point, compiled for Java 8 so that any java can start it: it runs the
 * service in the same JVM when that is Java 21 or newer, else on a Java 21+ it finds on the
 * machine, else it says what to install. Depends on nothing but the JDK.
 */
package io.smsfoundation.launcher;
