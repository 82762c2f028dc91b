package io.smsfoundation.app.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Who sent a request: the socket peer, or, when the peer is one of the trusted proxies (load
 * balancers in front of the service), the right-most {@code X-Forwarded-For} entry that is not a
 * trusted proxy. Entries left of it could have been written by the client and are never believed.
 * Immutable and thread-safe.
 */
public final class ClientAddresses {

  private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F:.]+");

  private final List<Network> trusted;

  private ClientAddresses(List<Network> trusted) {
    this.trusted = List.copyOf(trusted);
  }

  /** The socket peer, whatever the headers say. */
  public static ClientAddresses peerOnly() {
    return new ClientAddresses(List.of());
  }

  /**
   * @param trustedProxies comma-separated addresses and CIDR networks ({@code 10.0.0.0/8, ::1})
   * @throws IllegalArgumentException naming the entry that is neither
   */
  public static ClientAddresses trusting(String trustedProxies) {
    List<Network> networks = new ArrayList<>();
    if (trustedProxies != null) {
      for (String entry : trustedProxies.split(",")) {
        if (!entry.isBlank()) {
          networks.add(Network.parse(entry.strip()));
        }
      }
    }
    return new ClientAddresses(networks);
  }

  /** How many proxies are trusted. */
  public int trustedCount() {
    return trusted.size();
  }

  /**
   * @param peer the socket peer's address
   * @param forwardedFor the {@code X-Forwarded-For} header, or {@code null}
   */
  public String of(String peer, String forwardedFor) {
    if (forwardedFor == null || !isTrusted(peer)) {
      return peer;
    }
    String[] hops = forwardedFor.split(",");
    String client = peer;
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].strip();
      if (hop.isEmpty()) {
        continue;
      }
      client = hop;
      if (!isTrusted(hop)) {
        break;
      }
    }
    return client;
  }

  private boolean isTrusted(String address) {
    if (trusted.isEmpty()) {
      return false;
    }
    byte[] bytes = Network.bytes(address);
    if (bytes == null) {
      return false;
    }
    for (Network network : trusted) {
      if (network.contains(bytes)) {
        return true;
      }
    }
    return false;
  }

  private record Network(byte[] address, int prefix) {

    static Network parse(String entry) {
      int slash = entry.indexOf('/');
      String host = slash < 0 ? entry : entry.substring(0, slash);
      byte[] address = bytes(host);
      if (address == null) {
        throw new IllegalArgumentException("'" + entry + "' is not an IP address or CIDR network");
      }
      int prefix = address.length * 8;
      if (slash >= 0) {
        try {
          prefix = Integer.parseInt(entry.substring(slash + 1));
        } catch (NumberFormatException e) {
          prefix = -1;
        }
        if (prefix < 0 || prefix > address.length * 8) {
          throw new IllegalArgumentException("'" + entry + "' has no valid prefix length");
        }
      }
      return new Network(address, prefix);
    }

    /** The address's bytes, for a literal IPv4 or IPv6 address only (never a name lookup). */
    static byte[] bytes(String literal) {
      String host = literal.toLowerCase(Locale.ROOT);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      if (!LITERAL.matcher(host).matches() || (host.indexOf(':') < 0 && host.indexOf('.') < 0)) {
        return null;
      }
      try {
        return InetAddress.getByName(host).getAddress();
      } catch (UnknownHostException e) {
        return null;
      }
    }

    boolean contains(byte[] candidate) {
      if (candidate.length != address.length) {
        return false;
      }
      int full = prefix / 8;
      for (int i = 0; i < full; i++) {
        if (candidate[i] != address[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (candidate[full] & mask) == (address[full] & mask);
    }
  }
}
