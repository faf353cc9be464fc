package org.yibao.lake.common.ops;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Named places where a write can be interrupted, for the crash tests: when the environment variable
 * {@value #ENV} names the place, the process sends itself {@code SIGKILL} there — no exception, no
 * {@code finally}, no shutdown hook, exactly what an operator's {@code kill -9} or a lost machine does.
 * Unset (always, in production) it does nothing. The places are listed in the README (Survive crashes).
 */
public final class KillPoint {
  public static final String ENV = "YIBAO_KILL_AT";
  private static final Logger LOG = LoggerFactory.getLogger("yibao.ops");

  private KillPoint() {}

  /** Kills this process when {@value #ENV} equals {@code place}. */
  public static void at(String place) {
    String wanted = System.getenv(ENV);
    if (wanted == null || !wanted.equals(place)) {
      return;
    }
    LOG.error("{}={}: killing this process (SIGKILL) at {}", ENV, wanted, place);
    try {
      new ProcessBuilder("kill", "-9", String.valueOf(ProcessHandle.current().pid())).start().waitFor();
    } catch (IOException e) {
      // no kill(1): halt skips finally blocks and shutdown hooks all the same
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Runtime.getRuntime().halt(137);
  }
}
