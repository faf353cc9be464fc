package org.yibao.lake.common.lake;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single-writer rule of a lake: a command that writes (ingest, run, budget compile/adopt, settle, demo)
 * holds {@code <lake>/_writer.lock} while it runs; a second writer is refused at once, naming the holder,
 * and never touches a table. Readers (sql, export, report, alerts) never take it.
 *
 * <p>The file is created exclusively ({@code CREATE_NEW} on a local lake; {@code create(overwrite=false)}
 * elsewhere, atomic on HDFS, best effort on S3 — there the scheduler must not start two writers, and Delta's
 * optimistic commits still refuse a conflicting write to one table). A lock left by a process that is gone
 * (killed with {@code kill -9} on this host) is taken over with a warning; one from another host is left for
 * the operator to remove, since its process cannot be checked from here.
 */
public final class LakeLock implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("yibao.lock");
  public static final String FILE = "_writer.lock";

  private final FileSystem fs;
  private final Path path;
  private final String runId;
  private boolean held;

  private LakeLock(FileSystem fs, Path path, String runId, boolean held) {
    this.fs = fs;
    this.path = path;
    this.runId = runId;
    this.held = held;
  }

  /**
   * Takes the lake's writer lock for {@code runId}, or throws {@link Busy} naming who holds it. A command
   * that cannot create a lake ({@code mayCreate} false: run, settle, budget) takes no lock where there is no
   * lake yet, so a mistyped path is refused by the command without leaving a folder behind.
   */
  public static LakeLock acquire(String lakeRoot, String runId, Configuration hadoop, boolean mayCreate) {
    Path path = new Path(lakeRoot.endsWith("/") ? lakeRoot + FILE : lakeRoot + "/" + FILE);
    try {
      FileSystem fs = FileSystem.get(URI.create(path.toString().contains("://") ? path.toString()
          : path.toUri().toString()), hadoop);
      if (!mayCreate && !fs.exists(path.getParent())) {
        return new LakeLock(fs, path, runId, false);
      }
      for (int attempt = 0; attempt < 2; attempt++) {
        if (tryCreate(fs, path, owner(runId))) {
          return new LakeLock(fs, path, runId, true);
        }
        Properties holder = read(fs, path);
        if (holder == null) {
          continue; // released between our create and our read: try once more
        }
        if (!isStale(holder)) {
          throw new Busy(lakeRoot, path, holder);
        }
        LOG.warn("lake {}: taking over the writer lock of run {} (pid {} on {} is gone)", lakeRoot,
            holder.getProperty("run_id"), holder.getProperty("pid"), holder.getProperty("host"));
        fs.delete(path, false);
      }
      throw new Busy(lakeRoot, path, read(fs, path));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot take the writer lock " + path + ": " + e.getMessage(), e);
    }
  }

  /** Releases the lock if this process still holds it (a taken-over lock is not ours to delete). */
  @Override
  public void close() {
    if (!held) {
      return;
    }
    held = false;
    try {
      Properties now = read(fs, path);
      if (now != null && runId.equals(now.getProperty("run_id"))
          && String.valueOf(ProcessHandle.current().pid()).equals(now.getProperty("pid"))) {
        fs.delete(path, false);
      }
    } catch (IOException e) {
      LOG.warn("cannot release the writer lock {}: {}", path, e.getMessage());
    }
  }

  private static boolean tryCreate(FileSystem fs, Path path, Properties owner) throws IOException {
    byte[] body = text(owner).getBytes(StandardCharsets.UTF_8);
    if ("file".equals(fs.getScheme())) {
      java.nio.file.Path local = java.nio.file.Path.of(path.toUri().getPath());
      Files.createDirectories(local.getParent());
      try {
        Files.write(local, body, java.nio.file.StandardOpenOption.CREATE_NEW,
            java.nio.file.StandardOpenOption.WRITE);
        return true;
      } catch (FileAlreadyExistsException e) {
        return false;
      }
    }
    try (OutputStream out = fs.create(path, false)) {
      out.write(body);
      return true;
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
      return false;
    }
  }

  private static Properties read(FileSystem fs, Path path) throws IOException {
    try (InputStream in = fs.open(path)) {
      Properties p = new Properties();
      p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
      return p;
    } catch (java.io.FileNotFoundException e) {
      return null;
    }
  }

  /** Gone when it ran on this host and its pid is no longer a live process. */
  static boolean isStale(Properties holder) {
    String pid = holder.getProperty("pid", "");
    if (!hostName().equals(holder.getProperty("host")) || !pid.matches("\\d+")) {
      return false;
    }
    return ProcessHandle.of(Long.parseLong(pid)).map(h -> !h.isAlive()).orElse(true);
  }

  static Properties owner(String runId) {
    Properties p = new Properties();
    p.setProperty("run_id", runId);
    p.setProperty("pid", String.valueOf(ProcessHandle.current().pid()));
    p.setProperty("host", hostName());
    p.setProperty("since", Instant.now().toString());
    return p;
  }

  private static String text(Properties p) {
    return "run_id=" + p.getProperty("run_id") + "\npid=" + p.getProperty("pid") + "\nhost=" + p.getProperty("host")
        + "\nsince=" + p.getProperty("since") + "\n";
  }

  /** This host as the lock names it ("unknown" when the name cannot be resolved). */
  public static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** Another writer holds the lake: the command ends at once (exit 4), the lake untouched. */
  public static final class Busy extends IllegalStateException {
    public Busy(String lake, Path path, Properties holder) {
      super("lake " + lake + " is being written by run " + (holder == null ? "?" : holder.getProperty("run_id"))
          + (holder == null ? "" : " (pid " + holder.getProperty("pid") + " on " + holder.getProperty("host")
              + ", since " + holder.getProperty("since") + ")")
          + ": one writer at a time — retry when it has ended; if that process is gone, delete " + path);
    }
  }
}
