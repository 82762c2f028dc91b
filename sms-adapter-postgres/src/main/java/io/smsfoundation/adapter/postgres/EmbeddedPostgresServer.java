package io.smsfoundation.adapter.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (16 or newer, from the {@code io.zonky.test} binaries) run by the
 * service itself in local mode. Its data directory is kept between runs and reused on the next
 * start; the server stops on {@link #close()} or, failing that, when the JVM exits. A server left
 * running by a previous run that was killed is stopped before the new one starts. Thread-safe.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

  /** {@code SMS_DATA_DIR}'s default. */
  public static final Path DEFAULT_DATA_DIRECTORY = Path.of(".sms-data");

  /** A fixed port, so that {@code psql -h localhost -p 54329 -U postgres} finds the data. */
  public static final int DEFAULT_PORT = 54329;

  /** The oldest major version the service runs on. */
  public static final int MINIMUM_MAJOR_VERSION = 16;

  /** zonky's lock file inside the cluster directory, held while a server runs. */
  private static final String LOCK_FILE = "epg-lock";

  private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
  private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(30);

  private final EmbeddedPostgres postgres;
  private final Path dataDirectory;
  private final int majorVersion;
  private final Thread shutdownHook;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory, int majorVersion) {
    this.postgres = postgres;
    this.dataDirectory = dataDirectory;
    this.majorVersion = majorVersion;
    this.shutdownHook = new Thread(this::close, "embedded-postgres-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Starts a server on {@link #DEFAULT_PORT} with its data in {@link #DEFAULT_DATA_DIRECTORY}. */
  public static EmbeddedPostgresServer start() {
    return start(DEFAULT_DATA_DIRECTORY, DEFAULT_PORT);
  }

  /**
   * Starts a server keeping its data under {@code dataDirectory} (created when missing, reused when
   * it holds a cluster from an earlier run).
   *
   * @param port the TCP port on localhost, or 0 for any free port
   * @throws IllegalStateException when another running process uses the directory, or the server
   *     does not start
   */
  public static EmbeddedPostgresServer start(Path dataDirectory, int port) {
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    Path cluster = dataDirectory.toAbsolutePath().normalize().resolve("postgres");
    try {
      Files.createDirectories(cluster);
      refuseIfInUse(cluster);
      stopOrphanedServer(cluster);
      refuseIfPortTaken(port);
      boolean fresh = !Files.exists(cluster.resolve("postgresql.conf"));
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(cluster)
              .setCleanDataDirectory(false)
              .setRegisterShutdownHook(false)
              .setPort(port)
              // zonky starts the server with fsync off (-F) and synchronous_commit off: fine for
              // tests, not for kept data, where a 200 to Twilio must mean the message is on disk
              .setServerConfig("fsync", "on")
              .setServerConfig("synchronous_commit", "on")
              .setServerConfig("full_page_writes", "on")
              .setServerConfig("listen_addresses", "localhost")
              .setPGStartupWait(STARTUP_WAIT)
              .start();
      int major;
      try {
        major = majorVersion(postgres);
      } catch (SQLException e) {
        postgres.close();
        throw new IllegalStateException("the embedded PostgreSQL server does not answer", e);
      }
      if (major < MINIMUM_MAJOR_VERSION) {
        postgres.close();
        throw new IllegalStateException(
            "the embedded PostgreSQL is version "
                + major
                + "; the service needs "
                + MINIMUM_MAJOR_VERSION
                + " or newer");
      }
      LOG.info(
          "embedded PostgreSQL {} {} data in {}, listening on localhost:{}",
          major,
          fresh ? "created" : "reused",
          cluster,
          postgres.getPort());
      return new EmbeddedPostgresServer(postgres, cluster, major);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot start the embedded PostgreSQL in " + cluster + ": " + e.getMessage(), e);
    }
  }

  /** A clear message instead of a server that never comes up. */
  private static void refuseIfPortTaken(int port) {
    if (port == 0) {
      return;
    }
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    } catch (IOException e) {
      throw new IllegalStateException(
          "port "
              + port
              + " on localhost is taken; choose another port for the embedded PostgreSQL",
          e);
    }
  }

  private static int majorVersion(EmbeddedPostgres postgres) throws SQLException {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("show server_version_num")) {
      rs.next();
      return Integer.parseInt(rs.getString(1)) / 10000;
    }
  }

  /** Fails fast when a live process (another instance of the service) holds the directory. */
  private static void refuseIfInUse(Path cluster) throws IOException {
    Path lockFile = cluster.resolve(LOCK_FILE);
    if (!Files.exists(lockFile)) {
      return;
    }
    try (RandomAccessFile file = new RandomAccessFile(lockFile.toFile(), "rw");
        FileChannel channel = file.getChannel()) {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw new IllegalStateException(
            "the data directory " + cluster + " is in use by another running process");
      }
      lock.release();
    } catch (OverlappingFileLockException e) {
      throw new IllegalStateException(
          "the data directory " + cluster + " is in use by a server of this process", e);
    }
  }

  /**
   * A run killed without its shutdown hook leaves its postmaster running on the directory, and a
   * new one would refuse to start: stop it (SIGTERM, then SIGKILL after a wait). A server that was
   * killed itself leaves its {@code postmaster.pid} behind; PostgreSQL recovers from that on its
   * own unless the PID in it now belongs to another live process (PIDs are reused, in a container
   * after every restart), so such a file is removed. The lock file checked before guarantees that
   * no other process of the service runs on the directory.
   */
  private static void stopOrphanedServer(Path cluster) throws IOException {
    Path pidFile = cluster.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    List<String> lines = Files.readAllLines(pidFile);
    long pid;
    try {
      pid = Long.parseLong(lines.isEmpty() ? "" : lines.get(0).strip());
    } catch (NumberFormatException e) {
      return;
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    Optional<String> command = process.flatMap(handle -> handle.info().command());
    if (process.isEmpty() || command.isEmpty()) {
      // a dead PID PostgreSQL checks itself, with its shared memory, before it recovers
      return;
    }
    if (!command.get().contains("postgres")) {
      LOG.warn(
          "removing the postmaster.pid of {} left by a server that did not shut down cleanly"
              + " (its PID now belongs to another process); PostgreSQL recovers from its"
              + " write-ahead log",
          cluster);
      Files.deleteIfExists(pidFile);
      return;
    }
    LOG.warn("stopping PostgreSQL (pid {}) left running on {} by an earlier run", pid, cluster);
    ProcessHandle handle = process.get();
    handle.destroy();
    try {
      handle.onExit().get(ORPHAN_STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      handle.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping an orphaned PostgreSQL", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("could not stop an orphaned PostgreSQL", e);
    }
  }

  /** {@code jdbc:postgresql://localhost:<port>/postgres?user=postgres} (trust authentication). */
  public String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + port() + "/postgres?user=postgres";
  }

  /** The {@link #jdbcUrl()} taken apart, for {@link PostgresDataSources}. */
  public DatabaseUrl databaseUrl() {
    return DatabaseUrl.parse(jdbcUrl());
  }

  public int port() {
    return postgres.getPort();
  }

  /** The cluster directory: {@code <data directory>/postgres}. */
  public Path dataDirectory() {
    return dataDirectory;
  }

  /** The server's major version, at least {@link #MINIMUM_MAJOR_VERSION}. */
  public int majorVersion() {
    return majorVersion;
  }

  /**
   * Leaves stopping to the caller: removes the JVM shutdown hook, for an application whose own
   * shutdown closes this server after the work that needs it (in-flight requests, jobs) is done.
   * Without this, both hooks run at once on SIGTERM and the database may stop first.
   *
   * @return this server
   */
  public EmbeddedPostgresServer stopOnlyWhenClosed() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down already; the hook runs as registered
    }
    return this;
  }

  /** Stops the server (fast shutdown); the data stays. Idempotent. */
  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException("could not stop the embedded PostgreSQL", e);
    }
    if (Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException e) {
        // the JVM is shutting down already; the hook runs close() again, which does nothing
      }
    }
  }
}
