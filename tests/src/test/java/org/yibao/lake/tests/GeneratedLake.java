package org.yibao.lake.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.yibao.lake.common.config.LakeSettings;
import org.yibao.lake.common.job.JobContext;
import org.yibao.lake.common.job.JobRunner;
import org.yibao.lake.common.job.Period;
import org.yibao.lake.common.lake.Lake;
import org.yibao.lake.common.policy.Policy;
import org.yibao.lake.generate.GenerationReport;
import org.yibao.lake.generate.GeneratorOptions;
import org.yibao.lake.generate.ProvinceGenerator;
import org.yibao.lake.ingest.BatchResult;
import org.yibao.lake.ingest.IngestPipeline;
import org.yibao.lake.jobs.JobCatalog;

/**
 * One generated province per test JVM (600 persons, 2025, 1 % bad rows, two daily batches), ingested
 * and run through every job once; the slow end-to-end tests read it and never write to it.
 */
public final class GeneratedLake {
  private static GeneratedLake instance;

  public final GenerationReport report;
  public final List<BatchResult> ingested;
  public final Lake lake;
  public final JobContext ctx;

  private GeneratedLake(Path dir) throws IOException {
    Path landing = dir.resolve("landing");
    report = new ProvinceGenerator().generate(new GeneratorOptions(landing, 600, 2025, 2025, 7L,
        GeneratorOptions.Format.CSV, StandardCharsets.UTF_8, 0.01, 2));
    LakeSettings settings = TestSpark.settings(dir.resolve("lake"), TestSpark.confDir());
    lake = new Lake(TestSpark.get(), settings.lake());
    ingested = new IngestPipeline(lake, settings, "gen-1", "test").ingest(landing.toString());
    ctx = new JobContext(TestSpark.get(), lake, settings, Policy.load(settings.confDir()), "gen-1",
        LocalDate.of(2025, 12, 31), Period.ALL);
    JobRunner.runAll(new JobCatalog().all(), ctx);
  }

  public static synchronized GeneratedLake get() {
    if (instance == null) {
      try {
        Path dir = Files.createTempDirectory("yibao-generated-lake-");
        dir.toFile().deleteOnExit();
        instance = new GeneratedLake(dir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return instance;
  }
}
