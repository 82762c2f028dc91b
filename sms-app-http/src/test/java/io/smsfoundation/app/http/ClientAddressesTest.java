package io.smsfoundation.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClientAddressesTest {

  private final ClientAddresses behindBalancers =
      ClientAddresses.trusting("10.0.0.0/8, 192.168.1.5, fd00::/8");

  @Test
  void without_trusted_proxies_the_header_is_never_believed() {
    assertThat(ClientAddresses.peerOnly().of("203.0.113.7", "198.51.100.1"))
        .isEqualTo("203.0.113.7");
    assertThat(behindBalancers.of("203.0.113.7", "198.51.100.1")).isEqualTo("203.0.113.7");
  }

  @Test
  void behind_trusted_proxies_the_right_most_untrusted_entry_is_the_client() {
    assertThat(behindBalancers.of("10.1.2.3", "198.51.100.1")).isEqualTo("198.51.100.1");
    assertThat(behindBalancers.of("10.1.2.3", "6.6.6.6, 198.51.100.1, 192.168.1.5"))
        .isEqualTo("198.51.100.1");
    assertThat(behindBalancers.of("fd00::1", " 2001:db8::7 ,10.0.0.9")).isEqualTo("2001:db8::7");
    assertThat(behindBalancers.of("10.1.2.3", null)).isEqualTo("10.1.2.3");
  }

  @Test
  void a_chain_of_only_trusted_proxies_gives_its_left_most_entry() {
    assertThat(behindBalancers.of("10.1.2.3", "192.168.1.5, 10.0.0.2")).isEqualTo("192.168.1.5");
  }

  @Test
  void prefixes_are_compared_bit_by_bit() {
    ClientAddresses narrow = ClientAddresses.trusting("192.168.4.0/22");
    assertThat(narrow.of("192.168.7.255", "1.1.1.1")).isEqualTo("1.1.1.1");
    assertThat(narrow.of("192.168.8.0", "1.1.1.1")).isEqualTo("192.168.8.0");
  }

  @Test
  void entries_that_are_not_addresses_are_refused_without_a_name_lookup() {
    assertThatThrownBy(() -> ClientAddresses.trusting("10.0.0.0/8, proxy.internal"))
        .hasMessageContaining("'proxy.internal'");
    assertThatThrownBy(() -> ClientAddresses.trusting("10.0.0.0/33"))
        .hasMessageContaining("prefix");
    assertThat(behindBalancers.of("10.1.2.3", "not-an-address")).isEqualTo("not-an-address");
  }
}
