package dev.lockstep.pg;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where and how to connect to PostgreSQL, read the way libpq reads it: a URI
 * ({@code postgresql://user:password@host:port,host2/db?sslmode=require}, percent-decoded; also
 * {@code postgres://} and {@code jdbc:postgresql://}) or a keyword string ({@code host=db port=5433 user=app}),
 * completed by the service file ({@code service} / PGSERVICE), then the environment (PGHOST, PGPORT,
 * PGUSER, PGDATABASE, PGPASSWORD, ...), then libpq's defaults (the Unix socket, port 5432, the OS user);
 * a missing password comes from the password file (~/.pgpass, PGPASSFILE) unless others can read it.
 * Anything that does not parse is an {@link Invalid} naming the part that is wrong, never a silent default.
 * Passwords are registered with {@link SecretMask}, and {@link #redacted()} never shows them.
 */
public final class ConnectionSettings {
  /** One server to try: a host name or IP address, or the folder of a Unix socket (an absolute path). */
  public record Endpoint(String host, int port) {
    public boolean socket() {
      return host.startsWith("/");
    }

    /** The socket file: {@code <folder>/.s.PGSQL.<port>}. */
    public String socketFile() {
      return host + "/.s.PGSQL." + port;
    }
  }

  /** A database address that does not parse; the message names the wrong part and never a password. */
  public static final class Invalid extends IllegalArgumentException {
    public Invalid(String message) {
      super(SecretMask.mask(message));
    }
  }

  /** libpq's connection keywords, the environment variable that supplies each, and the driver setting it becomes. */
  private enum Keyword {
    HOST("host", "PGHOST", null), HOSTADDR("hostaddr", "PGHOSTADDR", null), PORT("port", "PGPORT", null),
    DBNAME("dbname", "PGDATABASE", null), USER("user", "PGUSER", null), PASSWORD("password", "PGPASSWORD", null),
    PASSFILE("passfile", "PGPASSFILE", null), SERVICE("service", "PGSERVICE", null),
    CONNECT_TIMEOUT("connect_timeout", "PGCONNECT_TIMEOUT", "connectTimeout"),
    APPLICATION_NAME("application_name", "PGAPPNAME", "ApplicationName"),
    FALLBACK_APPLICATION_NAME("fallback_application_name", null, null), OPTIONS("options", "PGOPTIONS", "options"),
    SSLMODE("sslmode", "PGSSLMODE", "sslmode"), SSLCERT("sslcert", "PGSSLCERT", "sslcert"),
    SSLKEY("sslkey", "PGSSLKEY", "sslkey"), SSLROOTCERT("sslrootcert", "PGSSLROOTCERT", "sslrootcert"),
    SSLPASSWORD("sslpassword", null, "sslpassword"), GSSENCMODE("gssencmode", "PGGSSENCMODE", "gssEncMode"),
    TARGET_SESSION_ATTRS("target_session_attrs", "PGTARGETSESSIONATTRS", "targetServerType"),
    LOAD_BALANCE_HOSTS("load_balance_hosts", "PGLOADBALANCEHOSTS", "loadBalanceHosts"),
    KEEPALIVES("keepalives", null, "tcpKeepAlive"), KRBSRVNAME("krbsrvname", "PGKRBSRVNAME", "kerberosServerName"),
    CLIENT_ENCODING("client_encoding", "PGCLIENTENCODING", null);

    final String name;
    final String env;
    final String driver;

    Keyword(String name, String env, String driver) {
      this.name = name;
      this.env = env;
      this.driver = driver;
    }

    static Keyword of(String name) {
      for (Keyword k : values()) if (k.name.equals(name)) return k;
      return null;
    }
  }

  /** libpq settings the JDBC driver has no counterpart for: named as such rather than as unknown. */
  private static final Set<String> LIBPQ_ONLY = Set.of("channel_binding", "requiressl", "sslcompression", "sslcrl",
      "sslcrldir", "sslsni", "ssl_min_protocol_version", "ssl_max_protocol_version", "sslcertmode", "require_auth",
      "gsslib", "gssdelegation", "keepalives_idle", "keepalives_interval", "keepalives_count", "tcp_user_timeout",
      "replication", "requirepeer", "sslnegotiation", "min_protocol_version", "max_protocol_version");
  private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_])?");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?");

  private final List<Endpoint> endpoints;
  private final String database;
  private final String user;
  private final String password;
  private final Map<String, String> driverSettings;
  private final List<String> warnings;

  private ConnectionSettings(List<Endpoint> endpoints, String database, String user, String password,
      Map<String, String> driverSettings, List<String> warnings) {
    this.endpoints = List.copyOf(endpoints);
    this.database = database;
    this.user = user;
    this.password = password;
    this.driverSettings = Map.copyOf(driverSettings);
    this.warnings = List.copyOf(warnings);
    SecretMask.register(password);
    SecretMask.register(driverSettings.get("sslpassword"));
  }

  /** Parses with the process's environment and home folder. */
  public static ConnectionSettings parse(String address) {
    return parse(address, System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /**
   * Parses {@code address} (a URI or keyword string; null or blank: only the environment and
   * service file) completed from {@code env} (PG* variables) and the files in {@code home}.
   */
  public static ConnectionSettings parse(String address, Map<String, String> env, Path home) {
    String text = address == null ? "" : address.strip();
    Map<String, String> given = new LinkedHashMap<>();
    Map<String, String> driverOnly = new LinkedHashMap<>();
    if (text.matches("(?is)(jdbc:)?postgres(ql)?://.*")) {
      new UriReader(text, given, driverOnly).read();
    } else if (!text.isEmpty()) {
      readKeywords(text, given);
    }
    List<String> warnings = new ArrayList<>();
    Map<String, String> all = new LinkedHashMap<>(given);
    String service = all.getOrDefault("service", env.get("PGSERVICE"));
    if (service != null && !service.isEmpty()) {
      ServiceFiles.read(service, env, home).forEach(all::putIfAbsent);
    }
    for (Keyword k : Keyword.values()) {
      if (k.env != null && !all.containsKey(k.name) && env.get(k.env) != null && !env.get(k.env).isEmpty()) {
        all.put(k.name, env.get(k.env));
      }
    }
    String user = nonEmpty(all.get("user"), System.getProperty("user.name"));
    String database = nonEmpty(all.get("dbname"), user);
    List<Endpoint> endpoints = endpoints(all.get("host"), all.get("hostaddr"), all.get("port"));
    String password = all.get("password");
    if (password == null || password.isEmpty()) {
      Path passfile = all.containsKey("passfile") ? Path.of(all.get("passfile")) : home.resolve(".pgpass");
      password = PasswordFile.lookup(passfile, endpoints.get(0), database, user, warnings);
    }
    Map<String, String> driver = driverSettings(all);
    driver.putAll(driverOnly);
    return new ConnectionSettings(endpoints, database, user, password, driver, warnings);
  }

  private static String nonEmpty(String value, String fallback) {
    return value == null || value.isEmpty() ? fallback : value;
  }

  public List<Endpoint> endpoints() {
    return endpoints;
  }

  public String database() {
    return database;
  }

  public String user() {
    return user;
  }

  /** Whether a password was found (it is only ever handed to the driver, in {@link #properties()}). */
  public boolean hasPassword() {
    return password != null;
  }

  /** Notes for the user, e.g. a password file ignored because others can read it. */
  public List<String> warnings() {
    return warnings;
  }

  /** The same server and credentials, another database. */
  public ConnectionSettings withDatabase(String otherDatabase) {
    return new ConnectionSettings(endpoints, otherDatabase, user, password, driverSettings, warnings);
  }

  /** The JDBC URL: servers and database only; user, password and other settings are in {@link #properties()}. */
  public String jdbcUrl() {
    StringBuilder url = new StringBuilder("jdbc:postgresql://");
    if (endpoints.get(0).socket()) {
      url.append("localhost:").append(endpoints.get(0).port()); // the socket factory connects to the file instead
    } else {
      for (int i = 0; i < endpoints.size(); i++) {
        Endpoint e = endpoints.get(i);
        if (i > 0) url.append(',');
        url.append(e.host().contains(":") ? "[" + e.host() + "]" : e.host()).append(':').append(e.port());
      }
    }
    return url.append('/').append(URLEncoder.encode(database, StandardCharsets.UTF_8)).toString();
  }

  /** The driver's connection properties: user, password and the other settings. */
  public Properties properties() {
    Properties p = new Properties();
    p.putAll(driverSettings);
    p.setProperty("user", user);
    if (password != null) p.setProperty("password", password);
    if (endpoints.get(0).socket()) {
      p.setProperty("socketFactory", UnixSocketFactory.class.getName());
      p.setProperty("socketFactoryArg", endpoints.get(0).socketFile());
      p.setProperty("sslmode", "disable"); // as libpq: no TLS over a Unix socket
      p.setProperty("gssEncMode", "disable");
    }
    return p;
  }

  /** The address as a URI without its password, for messages: postgresql://user@host:port/database. */
  public String redacted() {
    StringBuilder url = new StringBuilder("postgresql://").append(encode(user)).append('@');
    for (int i = 0; i < endpoints.size(); i++) {
      Endpoint e = endpoints.get(i);
      if (i > 0) url.append(',');
      url.append(e.socket() ? encode(e.host()) : e.host().contains(":") ? "[" + e.host() + "]" : e.host())
          .append(':').append(e.port());
    }
    return url.append('/').append(encode(database)).toString();
  }

  @Override
  public String toString() {
    return redacted();
  }

  /** {@link SecretMask#mask}: the text with this (and every other known) password replaced by ***. */
  public String mask(String text) {
    return SecretMask.mask(text);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  // ---- hosts and ports

  private static List<Endpoint> endpoints(String hostList, String hostaddrList, String portList) {
    String hosts = hostList;
    if (hostaddrList != null && !hostaddrList.isEmpty()) hosts = hostaddrList; // libpq connects to hostaddr
    List<String> hostNames = hosts == null || hosts.isEmpty() ? List.of("") : List.of(hosts.split(",", -1));
    List<String> ports = portList == null || portList.isEmpty() ? List.of("") : List.of(portList.split(",", -1));
    if (ports.size() != 1 && ports.size() != hostNames.size()) {
      throw new Invalid("port: " + ports.size() + " ports for " + hostNames.size() + " hosts (give one port, or one per host)");
    }
    List<Endpoint> out = new ArrayList<>();
    for (int i = 0; i < hostNames.size(); i++) {
      String host = hostNames.get(i).strip();
      if (host.isEmpty()) host = defaultSocketFolder();
      checkHost(host);
      String port = ports.get(ports.size() == 1 ? 0 : i).strip();
      out.add(new Endpoint(host, port.isEmpty() ? 5432 : port(port)));
    }
    if (out.size() > 1 && out.stream().anyMatch(Endpoint::socket)) {
      throw new Invalid("host: a Unix socket cannot be one of several hosts");
    }
    return out;
  }

  /** libpq's default when no host is given: the server's Unix socket, not localhost. */
  private static String defaultSocketFolder() {
    return Files.isDirectory(Path.of("/var/run/postgresql")) ? "/var/run/postgresql" : "/tmp";
  }

  private static void checkHost(String host) {
    if (host.startsWith("/")) return;
    if (host.startsWith("@") || host.contains("@")) {
      throw new Invalid("host: contains '@'; an '@' in a user name or password must be written %40");
    }
    if (!HOST_NAME.matcher(host).matches() && !IPV6.matcher(host).matches()) {
      throw new Invalid("host '" + host + "' is not a host name, an IP address or a socket folder (an absolute path)");
    }
  }

  private static int port(String port) {
    if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
      throw new Invalid("port '" + port + "' is not a number from 1 to 65535");
    }
    return Integer.parseInt(port);
  }

  private static Map<String, String> driverSettings(Map<String, String> all) {
    Map<String, String> out = new LinkedHashMap<>();
    for (var e : all.entrySet()) {
      Keyword k = Keyword.of(e.getKey());
      String v = e.getValue();
      if (k == Keyword.CONNECT_TIMEOUT) {
        if (!v.strip().matches("-?[0-9]+")) throw new Invalid("connect_timeout '" + v + "' is not a number of seconds");
        out.put(k.driver, String.valueOf(Math.max(0, Integer.parseInt(v.strip()))));
      } else if (k == Keyword.SSLMODE) {
        if (!Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full").contains(v)) {
          throw new Invalid("sslmode '" + v + "' is not one of disable, allow, prefer, require, verify-ca, verify-full");
        }
        out.put(k.driver, v);
      } else if (k == Keyword.GSSENCMODE) {
        if (!Set.of("disable", "prefer", "require").contains(v)) {
          throw new Invalid("gssencmode '" + v + "' is not one of disable, prefer, require");
        }
        out.put(k.driver, v);
      } else if (k == Keyword.TARGET_SESSION_ATTRS) {
        String mode = switch (v) {
          case "any" -> "any";
          case "read-write", "primary" -> "primary";
          case "read-only", "standby" -> "secondary";
          case "prefer-standby" -> "preferSecondary";
          default -> throw new Invalid("target_session_attrs '" + v + "' is not one of any, read-write, read-only, "
              + "primary, standby, prefer-standby");
        };
        out.put(k.driver, mode);
      } else if (k == Keyword.LOAD_BALANCE_HOSTS) {
        if (!Set.of("disable", "random").contains(v)) throw new Invalid("load_balance_hosts '" + v + "' is not disable or random");
        out.put(k.driver, String.valueOf(v.equals("random")));
      } else if (k == Keyword.KEEPALIVES) {
        out.put(k.driver, String.valueOf(!v.strip().equals("0")));
      } else if (k == Keyword.CLIENT_ENCODING) {
        if (!v.equalsIgnoreCase("UTF8") && !v.equalsIgnoreCase("UTF-8")) {
          throw new Invalid("client_encoding '" + v + "': only UTF8 is supported");
        }
      } else if (k != null && k.driver != null) {
        out.put(k.driver, v);
      }
    }
    if (!out.containsKey("ApplicationName") && all.containsKey("fallback_application_name")) {
      out.put("ApplicationName", all.get("fallback_application_name"));
    }
    return out;
  }

  private static void accept(String key, String value, Map<String, String> into, String where) {
    if (key.equals("ssl") && where.equals("URI")) { // libpq's JDBC-compatible spelling
      if (!value.equals("true")) throw new Invalid("query parameter ssl: only ssl=true is accepted");
      into.put("sslmode", "require");
      return;
    }
    if (Keyword.of(key) == null) {
      throw new Invalid(LIBPQ_ONLY.contains(key) ? key + ": a libpq setting the PostgreSQL JDBC driver has no equivalent for"
          : "unknown connection setting '" + key + "' in the " + where);
    }
    into.put(key, value);
  }

  // ---- keyword strings: key = value, values single-quoted or backslash-escaped

  private static void readKeywords(String text, Map<String, String> into) {
    int i = 0;
    int n = text.length();
    while (true) {
      while (i < n && Character.isWhitespace(text.charAt(i))) i++;
      if (i == n) return;
      int start = i;
      while (i < n && text.charAt(i) != '=' && !Character.isWhitespace(text.charAt(i))) i++;
      String key = text.substring(start, i);
      while (i < n && Character.isWhitespace(text.charAt(i))) i++;
      if (i == n || text.charAt(i) != '=') {
        throw new Invalid("'" + key + "' has no '=' after it: write key=value pairs (host=db port=5432 dbname=app) "
            + "or a postgresql:// URI");
      }
      i++;
      while (i < n && Character.isWhitespace(text.charAt(i))) i++;
      StringBuilder value = new StringBuilder();
      if (i < n && text.charAt(i) == '\'') {
        i++;
        while (true) {
          if (i == n) throw new Invalid("the value of " + key + " has no closing quote");
          char c = text.charAt(i++);
          if (c == '\'') break;
          if (c == '\\' && i < n) c = text.charAt(i++);
          value.append(c);
        }
      } else {
        while (i < n && !Character.isWhitespace(text.charAt(i))) {
          char c = text.charAt(i++);
          if (c == '\\' && i < n) c = text.charAt(i++);
          value.append(c);
        }
      }
      accept(key, value.toString(), into, "keyword string");
    }
  }

  // ---- URIs: postgresql://[user[:password]@][host[:port][,...]][/dbname][?key=value&...]

  private static final class UriReader {
    private final String text;
    private final Map<String, String> into;
    private final Map<String, String> driverOnly;
    private final boolean jdbc;
    private int i;

    UriReader(String text, Map<String, String> into, Map<String, String> driverOnly) {
      this.text = text;
      this.into = into;
      this.driverOnly = driverOnly;
      this.jdbc = text.regionMatches(true, 0, "jdbc:", 0, 5);
      this.i = text.indexOf("://") + 3;
    }

    void read() {
      if (text.indexOf('#') >= 0) {
        throw new Invalid("the URL holds an unescaped '#' (in a password, write it as %23)");
      }
      // As libpq: a user part exists when an '@' comes before the first '/'.
      int slash = indexOrEnd('/', i);
      int at = text.indexOf('@', i);
      if (at >= 0 && at < slash) {
        int colon = text.indexOf(':', i);
        if (colon >= 0 && colon < at) {
          put("user", decode(text.substring(i, colon), "user name"));
          into.put("password", decode(text.substring(colon + 1, at), "password"));
        } else {
          put("user", decode(text.substring(i, at), "user name"));
        }
        i = at + 1;
      }
      int stray = text.indexOf('@', i);
      if (stray >= 0 && stray < indexOrEnd('?', i)) {
        throw new Invalid("the URL has an '@' after its user part: an '@', '/' or '?' in a user name or password must be "
            + "percent-encoded (%40, %2F, %3F)");
      }
      readHosts();
      if (i < text.length() && text.charAt(i) == '/') {
        i++;
        int end = indexOrEnd('?', i);
        String db = decode(text.substring(i, end), "database name");
        if (!db.isEmpty()) put("dbname", db);
        i = end;
      }
      if (i < text.length() && text.charAt(i) == '?') readQuery(text.substring(i + 1));
      else if (i < text.length()) throw new Invalid("unexpected '" + text.charAt(i) + "' after the host in the URL");
    }

    private void readHosts() {
      List<String> hosts = new ArrayList<>();
      List<String> ports = new ArrayList<>();
      while (true) {
        String host;
        if (i < text.length() && text.charAt(i) == '[') {
          int close = text.indexOf(']', i);
          if (close < 0) throw new Invalid("host: an IPv6 address opened with '[' has no ']'");
          host = text.substring(i + 1, close);
          i = close + 1;
        } else {
          int start = i;
          while (i < text.length() && ":/?,".indexOf(text.charAt(i)) < 0) i++;
          host = decode(text.substring(start, i), "host");
        }
        String port = "";
        if (i < text.length() && text.charAt(i) == ':') {
          int start = ++i;
          while (i < text.length() && "/?,".indexOf(text.charAt(i)) < 0) i++;
          port = text.substring(start, i);
          if (port.isEmpty()) throw new Invalid("port: empty after ':'");
          port(decode(port, "port"));
        }
        hosts.add(host);
        ports.add(port);
        if (i < text.length() && text.charAt(i) == ',') {
          i++;
          continue;
        }
        break;
      }
      if (hosts.stream().anyMatch(h -> !h.isEmpty())) into.put("host", String.join(",", hosts));
      if (ports.stream().anyMatch(p -> !p.isEmpty())) {
        into.put("port", ports.stream().allMatch(p -> p.equals(ports.get(0))) ? ports.get(0) : String.join(",", ports));
      }
    }

    private void readQuery(String query) {
      for (String pair : query.split("&")) {
        if (pair.isEmpty()) continue;
        int eq = pair.indexOf('=');
        if (eq < 0) throw new Invalid("query parameter '" + decode(pair, "query") + "' has no '=value'");
        String key = decode(pair.substring(0, eq), "query parameter");
        String value = decode(pair.substring(eq + 1), key);
        if (jdbc && Keyword.of(key) == null && !key.equals("ssl")) {
          // a JDBC URL's query holds the driver's own settings (e.g. ApplicationName, prepareThreshold)
          if (!key.matches("[A-Za-z][A-Za-z0-9_.]*")) throw new Invalid("query parameter '" + key + "' is not a setting name");
          if (key.equalsIgnoreCase("sslpassword")) SecretMask.register(value);
          driverOnly.put(key, value);
        } else {
          accept(key, value, into, "URI");
        }
      }
    }

    private void put(String key, String value) {
      if (!value.isEmpty()) into.put(key, value);
    }

    private int indexOrEnd(char c, int from) {
      int at = text.indexOf(c, from);
      return at < 0 ? text.length() : at;
    }

    /** Percent-decoding as libpq does it: '+' stays '+', a malformed escape is an error. */
    private static String decode(String s, String part) {
      if (s.indexOf('%') < 0) return s;
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      for (int k = 0; k < s.length(); k++) {
        char c = s.charAt(k);
        if (c != '%') {
          bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
          continue;
        }
        if (k + 2 >= s.length() || Character.digit(s.charAt(k + 1), 16) < 0 || Character.digit(s.charAt(k + 2), 16) < 0) {
          throw new Invalid(part + ": '%' must be followed by two hexadecimal digits (write a literal % as %25)");
        }
        int b = Character.digit(s.charAt(k + 1), 16) * 16 + Character.digit(s.charAt(k + 2), 16);
        if (b == 0) throw new Invalid(part + ": %00 is not allowed");
        bytes.write(b);
        k += 2;
      }
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }

  // ---- the service file (pg_service.conf) and the password file (.pgpass)

  private static final class ServiceFiles {
    /** The service's settings: the user's file (PGSERVICEFILE or ~/.pg_service.conf) first, then PGSYSCONFDIR's. */
    static Map<String, String> read(String service, Map<String, String> env, Path home) {
      List<Path> files = new ArrayList<>();
      files.add(env.get("PGSERVICEFILE") != null ? Path.of(env.get("PGSERVICEFILE")) : home.resolve(".pg_service.conf"));
      files.add(Path.of(env.getOrDefault("PGSYSCONFDIR", "/etc/postgresql-common"), "pg_service.conf"));
      for (Path file : files) {
        if (!Files.isRegularFile(file)) continue;
        Map<String, String> found = section(file, service);
        if (found != null) return found;
      }
      throw new Invalid("service '" + service + "' is not defined in " + files.get(0) + " or " + files.get(1));
    }

    private static Map<String, String> section(Path file, String service) {
      List<String> lines;
      try {
        lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new Invalid("service file " + file + " cannot be read: " + e.getMessage());
      }
      Map<String, String> out = null;
      for (int n = 0; n < lines.size(); n++) {
        String line = lines.get(n).strip();
        if (line.isEmpty() || line.startsWith("#")) continue;
        if (line.startsWith("[")) {
          if (out != null) return out;
          if (line.equals("[" + service + "]")) out = new LinkedHashMap<>();
          continue;
        }
        if (out == null) continue;
        int eq = line.indexOf('=');
        if (eq < 0) throw new Invalid(file + ":" + (n + 1) + ": syntax error in service file (no '=')");
        String key = line.substring(0, eq).strip();
        if (key.equals("service")) throw new Invalid(file + ":" + (n + 1) + ": a service cannot name another service");
        try {
          accept(key, line.substring(eq + 1).strip(), out, "service file");
        } catch (Invalid e) {
          throw new Invalid(file + ":" + (n + 1) + ": " + e.getMessage());
        }
      }
      return out;
    }
  }

  private static final class PasswordFile {
    /** The first matching line's password, or null; a file others can read is ignored, as libpq does. */
    static String lookup(Path file, Endpoint endpoint, String database, String user, List<String> warnings) {
      if (!Files.isRegularFile(file)) return null;
      try {
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
        if (mode.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
          warnings.add("password file " + file + " has group or world access and is ignored; permissions should be "
              + "u=rw (0600) or less");
          return null;
        }
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: no mode to check
      } catch (IOException e) {
        warnings.add("password file " + file + " cannot be read: " + e.getMessage());
        return null;
      }
      List<String> lines;
      try {
        lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        warnings.add("password file " + file + " cannot be read: " + e.getMessage());
        return null;
      }
      String host = endpoint.host();
      // libpq matches the default socket folder as "localhost"
      boolean localSocket = endpoint.socket() && host.equals(defaultSocketFolder());
      for (String line : lines) {
        if (line.isBlank() || line.startsWith("#")) continue;
        List<String> fields = fields(line);
        if (fields.size() < 5) continue;
        if (matches(fields.get(0), host) || localSocket && matches(fields.get(0), "localhost")) {
          if (matches(fields.get(1), String.valueOf(endpoint.port())) && matches(fields.get(2), database)
              && matches(fields.get(3), user)) {
            SecretMask.register(fields.get(4));
            return fields.get(4);
          }
        }
      }
      return null;
    }

    private static boolean matches(String pattern, String value) {
      return pattern.equals("*") || pattern.equals(value);
    }

    /** hostname:port:database:username:password, with \: and \\ escapes; the password is the rest of the line. */
    private static List<String> fields(String line) {
      List<String> out = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      for (int k = 0; k < line.length(); k++) {
        char c = line.charAt(k);
        if (c == '\\' && k + 1 < line.length()) {
          field.append(line.charAt(++k));
        } else if (c == ':' && out.size() < 4) {
          out.add(field.toString());
          field.setLength(0);
        } else {
          field.append(c);
        }
      }
      out.add(field.toString());
      return out;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConnectionSettings c && c.endpoints.equals(endpoints) && c.database.equals(database)
        && c.user.equals(user) && java.util.Objects.equals(c.password, password) && c.driverSettings.equals(driverSettings);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(endpoints, database, user);
  }
}
