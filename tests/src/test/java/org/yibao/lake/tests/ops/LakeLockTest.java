package org.yibao.lake.tests.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yibao.lake.cli.Yibao;
import org.yibao.lake.common.lake.LakeLock;
import org.yibao.lake.tests.TestSpark;

/**
 * The single-writer rule: while another process holds {@code _writer.lock}, every writing command ends with
 * exit 4 and one line naming the holder, and the lake is left exactly as it was; a lock left by a process
 * killed with {@code kill -9} is taken over; of two writers racing for a fresh lake exactly one wins.
 */
class LakeLockTest {
  @TempDir Path tmp;

  /** A real other process on this host, holding the lock as a running yibao would. */
  private Process holder(Path lake) throws Exception {
    Process p = new ProcessBuilder("sleep", "120").start();
    Files.createDirectories(lake);
    Files.writeString(lake.resolve(LakeLock.FILE), "run_id=run-20261203-010203-abcd\npid=" + p.pid() + "\nhost="
        + LakeLock.hostName() + "\nsince=2026-12-03T01:02:03Z\n");
    return p;
  }

  private record Call(int exit, String err) {}

  private Call cli(String... args) {
    PrintStream oldErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      List<String> all = new ArrayList<>(List.of("--conf", TestSpark.confDir().toString()));
      all.addAll(List.of(args));
      return new Call(Yibao.execute(all.toArray(String[]::new)), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(oldErr);
    }
  }

  private static List<String> contents(Path dir) throws Exception {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.map(p -> dir.relativize(p).toString()).sorted().toList();
    }
  }

  @Test
  void everyWriterIsRefusedWhileAnotherProcessHoldsTheLake() throws Exception {
    TestSpark.get();
    Path lake = tmp.resolve("lake");
    Path landing = tmp.resolve("landing");
    Files.createDirectories(landing.resolve("admdvs").resolve("2025-01-01"));
    Files.writeString(landing.resolve("admdvs").resolve("2025-01-01").resolve("_SUCCESS"), "");
    Process p = holder(lake);
    try {
      List<String> before = contents(lake);
      String[][] writers = {
          {"--lake", lake.toString(), "ingest", "--landing", landing.toString()},
          {"--lake", lake.toString(), "run"},
          {"--lake", lake.toString(), "budget", "compile", "--year", "2026"},
          {"--lake", lake.toString(), "settle", "prepay", "--year", "2025"}};
      for (String[] w : writers) {
        Call c = cli(w);
        assertEquals(Yibao.BUSY, c.exit(), String.join(" ", w) + ": " + c.err());
        String line = c.err().lines().filter(l -> l.startsWith("error: ")).findFirst().orElse("");
        assertTrue(line.contains("is being written by run run-20261203-010203-abcd (pid " + p.pid()), line);
        assertTrue(line.contains("if that process is gone, delete ") && line.endsWith(LakeLock.FILE), line);
      }
      assertEquals(before, contents(lake), "a refused writer touched the lake");
      // a reader is not a writer: it does not look at the lock
      assertEquals(Yibao.OK, cli("--lake", lake.toString(), "tables").exit());
    } finally {
      p.destroyForcibly().waitFor();
    }
  }

  @Test
  void aLockLeftByAKilledProcessIsTakenOverAndReleasedAtTheEnd() throws Exception {
    TestSpark.get();
    Path lake = tmp.resolve("lake");
    Process p = holder(lake);
    // kill -9: the holder never released its lock
    new ProcessBuilder("kill", "-9", String.valueOf(p.pid())).start().waitFor();
    p.waitFor();
    // the writer now goes past the lock and stops at the lake itself (nothing was ever ingested here)
    Call c = cli("--lake", lake.toString(), "run");
    assertEquals(Yibao.USAGE, c.exit(), c.err());
    assertTrue(c.err().contains("no lake at"), c.err());
    assertFalse(Files.exists(lake.resolve(LakeLock.FILE)), "the run released the lock it took over");
  }

  @Test
  void ofTwoWritersRacingForAFreshLakeExactlyOneWins() throws Exception {
    org.apache.hadoop.conf.Configuration conf = TestSpark.get().sparkContext().hadoopConfiguration();
    for (int round = 0; round < 5; round++) {
      String lake = tmp.resolve("race-" + round).toString();
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      List<Future<LakeLock>> tries = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        String runId = "run-" + i;
        Callable<LakeLock> attempt = () -> {
          start.await();
          try {
            return LakeLock.acquire(lake, runId, conf, true);
          } catch (LakeLock.Busy e) {
            return null;
          }
        };
        tries.add(pool.submit(attempt));
      }
      start.countDown();
      List<LakeLock> won = new ArrayList<>();
      for (Future<LakeLock> f : tries) {
        if (f.get() != null) {
          won.add(f.get());
        }
      }
      pool.shutdown();
      assertEquals(1, won.size(), "round " + round);
      won.get(0).close();
      assertFalse(Files.exists(Path.of(lake, LakeLock.FILE)));
      // released: the next writer gets it
      try (LakeLock next = LakeLock.acquire(lake, "run-next", conf, true)) {
        assertTrue(Files.exists(Path.of(lake, LakeLock.FILE)));
      }
    }
  }
}
