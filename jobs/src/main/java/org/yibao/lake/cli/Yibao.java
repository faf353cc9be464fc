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
        AlertsCommand.class, SettleCommand.class, ReportCommand.class})
public final class Yibao implements Callable<Integer> {
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;
  public static final int DATA_QUALITY = 3;

  @Option(names = "--lake", paramLabel = "PATH", scope = ScopeType.INHERIT,
      description = "lake root, local path or s3a://… (default $YIBAO_LAKE, then conf/yibao.yml, then ./lake)")
  String lake;

  @Option(names = "--conf", paramLabel = "DIR", scope = ScopeType.INHERIT, description = "configuration folder (default ./conf)")
  Path conf;

  @Option(names = "--master", paramLabel = "URL", scope = ScopeType.INHERIT, description = "Spark master (default local[*])")
  String master;

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
    CommandLine cl = new CommandLine(new Yibao());
    cl.setOut(new java.io.PrintWriter(System.err, true));
    cl.setErr(new java.io.PrintWriter(System.err, true));
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      if (ex instanceof ConfigException || ex instanceof Lake.MissingTableException) {
        System.err.println("error: " + ex.getMessage());
        return USAGE;
      }
      if (ex instanceof DataQualityException) {
        System.err.println("data-quality failure: " + ex.getMessage());
        return DATA_QUALITY;
      }
      ex.printStackTrace(System.err);
      return FAILED;
    });
    return cl.execute(args);
  }
}
