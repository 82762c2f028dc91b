package io.smsfoundation.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.smsfoundation.domain.conversation.Conversation;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerTest {

  @TempDir Path dataDirectory;

  @Test
  void data_survives_a_restart_of_the_embedded_server() {
    Conversation conversation = Samples.conversation("+12015550123", Samples.T0);
    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDirectory, 0);
        HikariDataSource pool = PostgresDataSources.create(server.databaseUrl())) {
      assertThat(server.majorVersion()).isGreaterThanOrEqualTo(16);
      PostgresSchema.migrate(pool, "public");
      PostgresAdapters.create(pool).conversations().upsert(conversation);
    }

    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDirectory, 0);
        HikariDataSource pool = PostgresDataSources.create(server.databaseUrl())) {
      assertThat(PostgresSchema.migrate(pool, "public")).isZero();
      assertThat(PostgresAdapters.create(pool).conversations().findById(conversation.id()))
          .contains(conversation);
      assertThat(server.dataDirectory()).isEqualTo(dataDirectory.resolve("postgres"));
    }
  }

  @Test
  void a_taken_port_is_named_in_the_error() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(() -> EmbeddedPostgresServer.start(dataDirectory, taken.getLocalPort()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("port " + taken.getLocalPort());
    }
  }

  @Test
  void a_second_server_on_a_directory_in_use_is_refused() {
    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDirectory, 0)) {
      assertThatThrownBy(() -> EmbeddedPostgresServer.start(dataDirectory, 0))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("in use");
      assertThat(server.jdbcUrl()).startsWith("jdbc:postgresql://localhost:");
    }
  }
}
