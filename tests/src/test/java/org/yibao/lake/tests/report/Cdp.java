package org.yibao.lake.tests.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.yibao.lake.jobs.report.Chromium;

/**
 * A minimal Chrome DevTools Protocol client over the JDK's WebSocket: one headless Chromium, one page
 * (flattened session), commands and the events they cause. Enough to load a file, watch its console and
 * requests, screenshot it, ask which fonts rendered a node and print it to PDF.
 */
final class Cdp implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Process browser;
  private final WebSocket ws;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  final List<JsonNode> events = new CopyOnWriteArrayList<>();
  private String session;

  private Cdp(Process browser, WebSocket ws) {
    this.browser = browser;
    this.ws = ws;
  }

  /** Starts Chromium headless (failing with the package name when it is missing) and opens one page. */
  static Cdp launch(Path profile) throws Exception {
    List<String> args = Chromium.baseArgs(profile);
    args.addAll(List.of("--remote-debugging-port=0", "--remote-allow-origins=*", "about:blank"));
    Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
    BufferedReader err = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String url = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (url == null && System.nanoTime() < deadline) {
      String line = err.readLine();
      if (line == null) {
        break;
      }
      int i = line.indexOf("ws://");
      if (line.startsWith("DevTools listening on") && i >= 0) {
        url = line.substring(i).trim();
      }
    }
    if (url == null) {
      p.destroyForcibly();
      throw new IllegalStateException("chromium did not open its DevTools endpoint");
    }
    Thread drain = new Thread(() -> {
      try {
        while (err.readLine() != null) {
          // keep the pipe empty
        }
      } catch (IOException ignored) {
        // the browser closed
      }
    });
    drain.setDaemon(true);
    drain.start();
    Cdp[] self = new Cdp[1];
    StringBuilder buf = new StringBuilder();
    WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(url), new WebSocket.Listener() {
      @Override
      public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
        buf.append(data);
        if (last) {
          String msg = buf.toString();
          buf.setLength(0);
          self[0].receive(msg);
        }
        w.request(1);
        return null;
      }
    }).get(30, TimeUnit.SECONDS);
    Cdp cdp = new Cdp(p, ws);
    self[0] = cdp;
    String target = cdp.send("Target.createTarget", Map.of("url", "about:blank")).path("targetId").asText();
    cdp.session = cdp.send("Target.attachToTarget", Map.of("targetId", target, "flatten", true)).path("sessionId").asText();
    return cdp;
  }

  private void receive(String msg) {
    try {
      JsonNode n = JSON.readTree(msg);
      if (n.has("id")) {
        CompletableFuture<JsonNode> f = pending.remove(n.get("id").asInt());
        if (f != null) {
          if (n.has("error")) {
            f.completeExceptionally(new IllegalStateException("CDP error: " + n.get("error")));
          } else {
            f.complete(n.path("result"));
          }
        }
      } else {
        events.add(n);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A command to the page (after launch) and its result. */
  JsonNode send(String method, Map<String, ?> params) throws Exception {
    int id = ids.incrementAndGet();
    ObjectNode m = JSON.createObjectNode();
    m.put("id", id);
    m.put("method", method);
    m.set("params", JSON.valueToTree(params));
    if (session != null) {
      m.put("sessionId", session);
    }
    CompletableFuture<JsonNode> f = new CompletableFuture<>();
    pending.put(id, f);
    ws.sendText(JSON.writeValueAsString(m), true).get(30, TimeUnit.SECONDS);
    return f.get(120, TimeUnit.SECONDS);
  }

  /** Waits for an event of {@code method} matching {@code test}. */
  JsonNode await(String method, Predicate<JsonNode> test, long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      for (JsonNode e : events) {
        if (method.equals(e.path("method").asText()) && test.test(e)) {
          return e;
        }
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("no " + method + " within " + seconds + " s");
  }

  /** Evaluates a JavaScript expression returning a string (use JSON.stringify) and returns it. */
  String eval(String expression) throws Exception {
    JsonNode r = send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
    if (r.has("exceptionDetails")) {
      throw new IllegalStateException("evaluate failed: " + r.get("exceptionDetails"));
    }
    return r.path("result").path("value").asText();
  }

  List<JsonNode> events(String method) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode e : events) {
      if (method.equals(e.path("method").asText())) {
        out.add(e);
      }
    }
    return out;
  }

  static JsonNode parse(String json) throws IOException {
    return JSON.readTree(json);
  }

  @Override
  public void close() throws Exception {
    try {
      ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // the browser is killed below anyway
    }
    browser.destroy();
    if (!browser.waitFor(10, TimeUnit.SECONDS)) {
      browser.destroyForcibly();
    }
  }

  static void deleteQuietly(Path dir) {
    try (var s = Files.walk(dir)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp folder
    }
  }
}
