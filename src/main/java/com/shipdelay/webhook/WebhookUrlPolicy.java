package com.shipdelay.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Which URLs a webhook may be sent to. A receiver is chosen by the merchant, so without this check
 * a registration would make ShipDelay call into its own network (the database, the cloud's metadata
 * service at 169.254.169.254, an admin port on loopback): only HTTPS to public addresses passes.
 * The host is resolved and every address it resolves to must be public; the caller then connects to
 * the {@link Target#address() address checked here}, so a DNS answer that changes between the check
 * and the connection (DNS rebinding) cannot redirect the request. Checked at registration and again
 * before every attempt.
 */
final class WebhookUrlPolicy {

  static final int MAX_URL_LENGTH = 2000;

  /** Resolves a host name; the real one is the system's resolver. */
  interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  /** A URL that passed: where to connect, and what to tell the receiver. */
  record Target(
      URI uri,
      boolean tls,
      String host,
      int port,
      InetAddress address,
      String hostHeader,
      String requestTarget) {}

  /** Why a URL is refused, in Chinese for the merchant. */
  static final class Refused extends Exception {
    Refused(String message) {
      super(message, null, false, false);
    }
  }

  private final boolean allowInsecureLocal;
  private final Resolver resolver;

  WebhookUrlPolicy(boolean allowInsecureLocal, Resolver resolver) {
    this.allowInsecureLocal = allowInsecureLocal;
    this.resolver = resolver;
  }

  WebhookUrlPolicy(boolean allowInsecureLocal) {
    this(allowInsecureLocal, InetAddress::getAllByName);
  }

  /** Parses the URL; refuses it when it is malformed, not HTTPS, or names a private address. */
  Target check(String url) throws Refused {
    URI uri = parse(url);
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    boolean tls = scheme.equals("https");
    if (!tls && !(scheme.equals("http") && allowInsecureLocal)) {
      throw new Refused("只接受 HTTPS 地址：" + scheme + "://");
    }
    String host = uri.getHost();
    boolean bracketed = host.startsWith("[");
    String bare = bracketed ? host.substring(1, host.length() - 1) : host;
    InetAddress[] addresses;
    try {
      addresses = resolver.resolve(bare);
    } catch (UnknownHostException e) {
      throw new Refused("无法解析主机名：" + bare);
    }
    if (addresses == null || addresses.length == 0) {
      throw new Refused("无法解析主机名：" + bare);
    }
    // every address must pass: a client may connect to any of them, and an attacker controls the
    // order of its DNS answer
    for (InetAddress address : addresses) {
      String why = forbidden(address, allowInsecureLocal);
      if (why != null) {
        throw new Refused("主机 " + bare + " 解析到" + why + "地址 " + address.getHostAddress() + "，不允许");
      }
    }
    int port = uri.getPort() != -1 ? uri.getPort() : tls ? 443 : 80;
    boolean defaultPort = uri.getPort() == -1 || port == (tls ? 443 : 80);
    String hostHeader = host + (defaultPort ? "" : ":" + port);
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    return new Target(uri, tls, bare, port, addresses[0], hostHeader, target);
  }

  private static URI parse(String url) throws Refused {
    if (url == null || url.isBlank()) {
      throw new Refused("请填写接收地址 url");
    }
    if (url.length() > MAX_URL_LENGTH) {
      throw new Refused("接收地址最多 " + MAX_URL_LENGTH + " 个字符");
    }
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw new Refused("接收地址格式不正确");
    }
    if (!uri.isAbsolute() || uri.isOpaque() || uri.getHost() == null) {
      throw new Refused("接收地址须为完整的 https:// 地址，包含主机名");
    }
    if (uri.getRawUserInfo() != null) {
      // credentials in the URL would be shown in every list and log that prints it
      throw new Refused("接收地址中不能包含用户名或密码");
    }
    if (uri.getRawFragment() != null) {
      throw new Refused("接收地址中不能包含 # 片段");
    }
    return uri;
  }

  /**
   * Why the address may not receive webhooks ("回环" …), or null when it is public. Loopback passes
   * only when {@code allowLoopback}.
   */
  static String forbidden(InetAddress address, boolean allowLoopback) {
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      return forbiddenV4(b, allowLoopback);
    }
    if (address instanceof Inet6Address) {
      return forbiddenV6(b, allowLoopback);
    }
    return "未知类型的";
  }

  private static String forbiddenV4(byte[] b, boolean allowLoopback) {
    int a0 = b[0] & 0xff;
    int a1 = b[1] & 0xff;
    int a2 = b[2] & 0xff;
    if (a0 == 127) {
      return allowLoopback ? null : "回环";
    }
    if (a0 == 0) {
      return "未指定";
    }
    if (a0 == 10 || (a0 == 172 && a1 >= 16 && a1 <= 31) || (a0 == 192 && a1 == 168)) {
      return "内网";
    }
    if (a0 == 169 && a1 == 254) {
      return "链路本地（含云元数据服务）";
    }
    if (a0 == 100 && a1 >= 64 && a1 <= 127) {
      return "运营商级 NAT";
    }
    if (a0 >= 224 && a0 <= 239) {
      return "组播";
    }
    if (a0 >= 240) {
      return "保留或广播";
    }
    if ((a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2))
        || (a0 == 198 && (a1 == 18 || a1 == 19))
        || (a0 == 198 && a1 == 51 && a2 == 100)
        || (a0 == 203 && a1 == 0 && a2 == 113)) {
      return "保留";
    }
    return null;
  }

  private static String forbiddenV6(byte[] b, boolean allowLoopback) {
    int a0 = b[0] & 0xff;
    int a1 = b[1] & 0xff;
    if (isZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
      return forbiddenV4(Arrays.copyOfRange(b, 12, 16), allowLoopback); // ::ffff:a.b.c.d
    }
    if (isZero(b, 0, 15) && b[15] == 1) {
      return allowLoopback ? null : "回环";
    }
    if (isZero(b, 0, 12)) {
      return "未指定或已废弃的 IPv4 兼容"; // :: and ::a.b.c.d
    }
    if (a0 == 0x00 && a1 == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
      return forbiddenV4(Arrays.copyOfRange(b, 12, 16), allowLoopback); // NAT64 64:ff9b::/96
    }
    if (a0 == 0x20 && a1 == 0x02) {
      return forbiddenV4(Arrays.copyOfRange(b, 2, 6), allowLoopback); // 6to4 2002::/16
    }
    if ((a0 & 0xfe) == 0xfc) {
      return "内网（ULA）";
    }
    if (a0 == 0xfe && (a1 & 0xc0) == 0x80) {
      return "链路本地";
    }
    if (a0 == 0xfe && (a1 & 0xc0) == 0xc0) {
      return "站点本地";
    }
    if (a0 == 0xff) {
      return "组播";
    }
    if (a0 == 0x20 && a1 == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
      return "文档保留";
    }
    if (a0 == 0x20 && a1 == 0x01 && b[2] == 0 && b[3] == 0) {
      return "Teredo 隧道"; // 2001::/32 hides an IPv4 address
    }
    if (a0 == 0x01 && a1 == 0x00 && isZero(b, 2, 8)) {
      return "丢弃保留"; // 100::/64
    }
    return null;
  }

  private static boolean isZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
