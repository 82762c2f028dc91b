package io.smsfoundation.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.smsfoundation.domain.conversation.Conversation;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

  @Test
  void the_running_server_reports_durable_commits() throws Exception {
    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDirectory, 0);
        HikariDataSource pool = PostgresDataSources.create(server.databaseUrl())) {
      assertThat(show(pool, "fsync")).isEqualTo("on");
      assertThat(show(pool, "synchronous_commit")).isEqualTo("on");
      assertThat(show(pool, "full_page_writes")).isEqualTo("on");
    }
  }

  @Test
  void a_server_killed_with_sigkill_starts_again_with_its_committed_data() throws Exception {
    Conversation conversation = Samples.conversation("+12015550124", Samples.T0);
    Path pidFile = dataDirectory.resolve("postgres").resolve("postmaster.pid");
    EmbeddedPostgresServer killed = EmbeddedPostgresServer.start(dataDirectory, 0);
    try (HikariDataSource pool = PostgresDataSources.create(killed.databaseUrl())) {
      PostgresSchema.migrate(pool, "public");
      PostgresAdapters.create(pool).conversations().upsert(conversation);
      ProcessHandle postmaster = ProcessHandle.of(postmasterPid(pidFile)).orElseThrow();
      postmaster.destroyForcibly();
      postmaster.onExit().get(30, TimeUnit.SECONDS);
    }
    assertThat(pidFile).exists();
    closeQuietly(killed);

    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDirectory, 0);
        HikariDataSource pool = PostgresDataSources.create(server.databaseUrl())) {
      assertThat(PostgresAdapters.create(pool).conversations().findById(conversation.id()))
          .contains(conversation);
    }
  }

  @Test
  void a_pid_file_naming_another_live_process_does_not_keep_the_server_down() throws Exception {
    Path pidFile = dataDirectory.resolve("postgres").resolve("postmaster.pid");
    List<String> lines;
    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDirectory, 0)) {
      lines = new ArrayList<>(Files.readAllLines(pidFile));
    }
    Process other = new ProcessBuilder("sleep", "60").start();
    try {
      // as after a crash, when the PID of the dead postmaster went to another process
      lines.set(0, Long.toString(other.pid()));
      Files.write(pidFile, lines);

      try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDirectory, 0);
          HikariDataSource pool = PostgresDataSources.create(server.databaseUrl())) {
        assertThat(show(pool, "fsync")).isEqualTo("on");
      }
      assertThat(other.isAlive()).isTrue();
    } finally {
      other.destroyForcibly();
    }
  }

  private static long postmasterPid(Path pidFile) throws Exception {
    return Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
  }

  private static void closeQuietly(EmbeddedPostgresServer server) {
    try {
      server.close();
    } catch (RuntimeException alreadyDead) {
      // the server is gone; closing releases the directory's lock
    }
  }

  private static String show(HikariDataSource pool, String setting) throws Exception {
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("show " + setting)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
