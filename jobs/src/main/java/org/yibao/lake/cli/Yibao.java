package org.yibao.lake.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.yibao.lake.common.config.ConfigException;
import org.yibao.lake.common.dq.DataQualityException;
import org.yibao.lake.common.lake.Lake;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code yibao} command. Global options come before the subcommand. Machine-readable output is
 * the only thing on stdout; logs and progress go to stderr. Exit codes: 0 ok, 2 bad usage or bad
 * configuration, 3 a data-quality failure, 1 anything else.
 */
@Command(name = "yibao", mixinStandardHelpOptions = true, version = "yibao-lake 0.1.0",
    description = "Analytics lake of a provincial medical-insurance bureau (医保局).",
    subcommands = {GenerateCommand.class, IngestCommand.class, RunCommand.class, TablesCommand.class,
        ExportCommand.class, SqlCommand.class, DemoCommand.class, BenchCommand.class, BudgetCommand.class,
        AlertsCommand.class, SettleCommand.class, ReportCommand.class, MaintainCommand.class})
public final class Yibao implements Callable<Integer> {
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;
  public static final int DATA_QUALITY = 3;
  /** Another writer holds the lake ({@code _writer.lock}): nothing was done; a scheduler may retry later. */
  public static final int BUSY = 4;

  @Option(names = "--lake", paramLabel = "PATH", scope = ScopeType.INHERIT,
      description = "lake root, local path or s3a://… (default $YIBAO_LAKE, then conf/yibao.yml, then ./lake)")
  String lake;

  @Option(names = "--conf", paramLabel = "DIR", scope = ScopeType.INHERIT, description = "configuration folder (default ./conf)")
  Path conf;

  @Option(names = "--master", paramLabel = "URL", scope = ScopeType.INHERIT, description = "Spark master (default local[*])")
  String master;

  @Option(names = "--summary", paramLabel = "FILE", scope = ScopeType.INHERIT,
      description = "write a JSON summary of this call (exit code, error, batches and their reconciliation, jobs, "
          + "alerts) for a scheduler, on success and on failure")
  Path summary;

  /** What the summary reads back: the run ids this call used, the lake it opened, its one-line error. */
  final java.util.List<String> runIds = new java.util.ArrayList<>();
  Lake openedLake;
  String error;

  @Override
  public Integer call() {
    CommandLine.usage(this, System.err);
    return USAGE;
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the CLI and returns its exit code (tests call this instead of {@link #main}). */
  public static int execute(String... args) {
    java.time.Instant started = java.time.Instant.now();
    Yibao root = new Yibao();
    CommandLine cl = new CommandLine(root);
    cl.setOut(new java.io.PrintWriter(System.err, true));
    cl.setErr(new java.io.PrintWriter(System.err, true));
    cl.setParameterExceptionHandler((ex, a) -> {
      root.error = ex.getMessage();
      return usageError(ex, a);
    });
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      root.error = ex.getMessage();
      if (ex instanceof ConfigException || ex instanceof Lake.MissingTableException) {
        System.err.println("error: " + ex.getMessage());
        return USAGE;
      }
      if (ex instanceof org.yibao.lake.common.lake.LakeLock.Busy) {
        System.err.println("error: " + ex.getMessage());
        return BUSY;
      }
      if (ex instanceof DataQualityException) {
        System.err.println("data-quality failure: " + ex.getMessage());
        return DATA_QUALITY;
      }
      java.io.IOException io = storageCause(ex);
      if (io != null) {
        // a read-only lake, a full disk, a lost permission: one line for the operator, no stack trace
        System.err.println("error: input/output failure (" + io.getClass().getSimpleName() + ": " + io.getMessage()
            + "); each table write is one Delta transaction, so nothing half-written is visible in the lake: fix the "
            + "storage or file named (permissions, free space) and run the same command again");
        return FAILED;
      }
      ex.printStackTrace(System.err);
      System.err.println("error: " + ex);
      return FAILED;
    });
    int exit = cl.execute(args);
    Path summaryFile = root.summary != null ? root.summary : summaryArgument(args);
    if (summaryFile != null) {
      try {
        RunSummary.write(summaryFile, root, args, started, exit);
      } catch (RuntimeException e) {
        System.err.println("error: cannot write the run summary " + summaryFile + ": " + e.getMessage());
        return exit == OK ? FAILED : exit;
      }
    }
    return exit;
  }

  /**
   * The deepest I/O failure under {@code ex} (Spark and Delta wrap it; an {@code UncheckedIOException}'s cause is
   * one), or null.
   */
  static java.io.IOException storageCause(Throwable ex) {
    java.io.IOException found = null;
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof java.io.IOException io) {
        found = io;
      }
    }
    return found;
  }

  /** {@code --summary} read by hand when picocli stopped before it (a usage error): the scheduler still gets one. */
  private static Path summaryArgument(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--summary") && i + 1 < args.length) {
        return Path.of(args[i + 1]);
      }
      if (args[i].startsWith("--summary=")) {
        return Path.of(args[i].substring("--summary=".length()));
      }
    }
    return null;
  }

  /**
   * A usage error in one line that names what was wrong and what is valid (picocli's own message counts
   * argument positions, including the {@code --conf} that {@code bin/yibao} adds, and guesses a command).
   */
  static int usageError(CommandLine.ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    String name = cmd.getCommandSpec().qualifiedName();
    String msg;
    if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      String first = u.getUnmatched().get(0);
      if (!first.startsWith("-") && !cmd.getSubcommands().isEmpty()) {
        msg = "unknown command '" + first + "' for '" + name + "'; commands: "
            + String.join(", ", cmd.getSubcommands().keySet());
      } else {
        msg = "unknown option or argument '" + first + "' for '" + name + "'; options: "
            + String.join(", ", cmd.getCommandSpec().options().stream().map(o -> o.longestName()).toList());
      }
    } else {
      msg = ex.getMessage() + " (" + name + ")";
    }
    cmd.getErr().println("error: " + msg);
    cmd.getErr().println("       '" + name + " --help' shows the usage");
    return USAGE;
  }
}
