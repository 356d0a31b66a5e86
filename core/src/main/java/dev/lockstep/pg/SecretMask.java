package dev.lockstep.pg;

import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.regex.Pattern;

/**
 * Keeps passwords out of every message: the secrets of each parsed database address are
 * registered here, and {@link #mask} replaces them (as written, percent-encoded or form-encoded)
 * and the password part of any URL in a text. The PostgreSQL JDBC driver logs through
 * java.util.logging; {@link #routeDriverLogging} sends its warnings through the mask to stderr.
 */
public final class SecretMask {
  public static final String MASK = "***";
  private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();
  /** scheme://user:password@ — the password, up to the last '@' before the host's end. */
  private static final Pattern URL_PASSWORD = Pattern.compile("(?i)([a-z][a-z0-9+.-]*://[^:/?#@\\s]*):[^\\s]*@");
  /** password=... in a keyword string or a query. */
  private static final Pattern PASSWORD_SETTING = Pattern.compile(
      "(?i)((?:ssl)?password\\s*=\\s*)('(?:[^'\\\\]|\\\\.)*'|[^\\s&]*)");
  /** Held here: java.util.logging keeps loggers only weakly, and a collected one forgets its handler. */
  private static final Logger DRIVER = Logger.getLogger("org.postgresql");
  private static volatile PrintStream driverOut;

  private SecretMask() {}

  /** Masks {@code secret} in every later {@link #mask}; blank secrets are ignored. */
  public static void register(String secret) {
    if (secret == null || secret.isEmpty()) return;
    SECRETS.add(secret);
    SECRETS.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
    SECRETS.add(URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20"));
  }

  /** The text with every registered secret and every URL or keyword password replaced by ***. */
  public static String mask(String text) {
    if (text == null) return null;
    String out = URL_PASSWORD.matcher(text).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(m.group(1) + ":" + MASK + "@"));
    out = PASSWORD_SETTING.matcher(out).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(m.group(1) + MASK));
    // longest first, so that a secret containing another is masked whole
    for (String secret : SECRETS.stream().sorted((a, b) -> b.length() - a.length()).toList()) {
      out = out.replace(secret, MASK);
    }
    return out;
  }

  /**
   * Sends the JDBC driver's log records of level WARNING and above, masked, to {@code err} as
   * "lockstep: PostgreSQL driver: ..." lines, instead of java.util.logging's console handler
   * (which would print them unmasked). Later calls change the stream.
   */
  public static synchronized void routeDriverLogging(PrintStream err) {
    driverOut = err;
    if (DRIVER.getUseParentHandlers()) {
      DRIVER.setUseParentHandlers(false);
      DRIVER.addHandler(new MaskingHandler());
    }
  }

  private static final class MaskingHandler extends Handler {
    private final SimpleFormatter formatter = new SimpleFormatter();

    MaskingHandler() {
      setLevel(Level.WARNING);
    }

    @Override
    public void publish(LogRecord record) {
      if (!isLoggable(record) || driverOut == null) return;
      String message = formatter.formatMessage(record);
      if (record.getThrown() != null) message += ": " + record.getThrown().getMessage();
      driverOut.println("lockstep: PostgreSQL driver: " + mask(message).lines().findFirst().orElse(""));
    }

    @Override
    public void flush() {
      if (driverOut != null) driverOut.flush();
    }

    @Override
    public void close() {}
  }
}
