package org.yibao.lake.jobs.report;

import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;

/**
 * Renders the monitoring report's model into one self-contained HTML file with the FreeMarker template
 * {@code report/monitoring.ftlh} (HTML auto-escaping; the SVG charts of {@link Svg} are inserted as they are).
 * No script, no external reference: styles are inline and text uses system fonts (Noto CJK).
 */
public final class ReportHtml {
  private static final Configuration CONFIG = configuration();

  private ReportHtml() {}

  public static String render(Map<String, Object> model) {
    try {
      Template t = CONFIG.getTemplate("monitoring.ftlh");
      StringWriter out = new StringWriter();
      t.process(model, out);
      return out.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (TemplateException e) {
      throw new IllegalStateException("report template: " + e.getMessage(), e);
    }
  }

  private static Configuration configuration() {
    Configuration c = new Configuration(Configuration.VERSION_2_3_34);
    c.setClassForTemplateLoading(ReportHtml.class, "/report");
    c.setDefaultEncoding("UTF-8");
    c.setLocale(Locale.SIMPLIFIED_CHINESE);
    c.setNumberFormat("computer");
    c.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    c.setLogTemplateExceptions(false);
    c.setFallbackOnNullLoopVariable(false);
    return c;
  }
}
