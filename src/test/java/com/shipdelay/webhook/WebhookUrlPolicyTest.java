package com.shipdelay.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SSRF guard on its own, with the insecure-local setting off as in production. Host names go
 * through a fake resolver (no DNS in tests); literal addresses are what the real resolver answers
 * without asking anyone.
 */
class WebhookUrlPolicyTest {

  private final WebhookUrlPolicy production = new WebhookUrlPolicy(false);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://127.0.0.1/hook",
        "https://127.8.9.10/hook",
        "https://[::1]/hook",
        "https://10.0.0.5/hook",
        "https://172.16.0.1/hook",
        "https://172.31.255.254/hook",
        "https://192.168.1.1/hook",
        "https://169.254.169.254/latest/meta-data/",
        "https://169.254.1.1/",
        "https://100.64.0.1/",
        "https://100.127.255.1/",
        "https://0.0.0.0/",
        "https://224.0.0.1/",
        "https://255.255.255.255/",
        "https://[::]/",
        "https://[fc00::1]/",
        "https://[fd12:3456::1]/",
        "https://[fe80::1]/",
        "https://[ff02::1]/",
        "https://[::ffff:10.0.0.1]/",
        "https://[::ffff:169.254.169.254]/",
        "https://[64:ff9b::a00:1]/",
        "https://[2002:a00:1::]/"
      })
  void refusesAddressesInsideAnyNetwork(String url) {
    assertThatThrownBy(() -> production.check(url))
        .isInstanceOf(WebhookUrlPolicy.Refused.class)
        .hasMessageContaining("不允许");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://93.184.216.34/hook",
        "http://127.0.0.1:8080/hook",
        "ftp://93.184.216.34/",
        "file:///etc/passwd"
      })
  void refusesAnythingButHttpsWhenTheSettingIsOff(String url) {
    assertThatThrownBy(() -> production.check(url)).isInstanceOf(WebhookUrlPolicy.Refused.class);
  }

  @Test
  void acceptsHttpsToAPublicAddressAndConnectsToTheAddressItChecked() throws Exception {
    var target = production.check("https://93.184.216.34:8443/hooks/shipdelay?tenant=a%20b");

    assertThat(target.tls()).isTrue();
    assertThat(target.address().getHostAddress()).isEqualTo("93.184.216.34");
    assertThat(target.port()).isEqualTo(8443);
    assertThat(target.hostHeader()).isEqualTo("93.184.216.34:8443");
    assertThat(target.requestTarget()).isEqualTo("/hooks/shipdelay?tenant=a%20b");
  }

  @Test
  void refusesCredentialsFragmentsAndRelativeUrls() {
    for (String url :
        new String[] {
          "https://user:pw@93.184.216.34/", "https://93.184.216.34/#x", "/relative", "https://", ""
        }) {
      assertThatThrownBy(() -> production.check(url))
          .as(url)
          .isInstanceOf(WebhookUrlPolicy.Refused.class);
    }
  }

  @Test
  void aNameIsRefusedWhenAnyOfItsAddressesIsPrivate() {
    var policy =
        new WebhookUrlPolicy(
            false,
            resolver(
                Map.of(
                    "hooks.example.com",
                    new String[] {"93.184.216.34", "10.1.2.3"},
                    "metadata.example.com",
                    new String[] {"169.254.169.254"})));

    assertThatThrownBy(() -> policy.check("https://hooks.example.com/"))
        .hasMessageContaining("10.1.2.3");
    assertThatThrownBy(() -> policy.check("https://metadata.example.com/"))
        .hasMessageContaining("169.254.169.254");
    assertThatThrownBy(() -> policy.check("https://unknown.example.com/"))
        .hasMessageContaining("无法解析");
  }

  @Test
  void aNameThatRebindsToAPrivateAddressIsRefusedAtTheNextCheck() throws Exception {
    Deque<String> answers = new ArrayDeque<>(java.util.List.of("93.184.216.34", "10.0.0.7"));
    var policy =
        new WebhookUrlPolicy(
            false, host -> new InetAddress[] {InetAddress.getByName(answers.removeFirst())});

    var first = policy.check("https://rebind.example.com/hook");
    assertThat(first.address().getHostAddress()).isEqualTo("93.184.216.34");
    assertThat(first.host()).isEqualTo("rebind.example.com");
    assertThat(first.hostHeader()).isEqualTo("rebind.example.com");
    // what the dispatcher does before each attempt: the rebound answer is refused
    assertThatThrownBy(() -> policy.check("https://rebind.example.com/hook"))
        .hasMessageContaining("10.0.0.7");
  }

  @Test
  void theInsecureLocalSettingAllowsHttpAndLoopbackButNoOtherPrivateAddress() throws Exception {
    var local = new WebhookUrlPolicy(true);

    assertThat(local.check("http://127.0.0.1:9000/hook").tls()).isFalse();
    assertThat(local.check("http://[::1]:9000/hook").address().isLoopbackAddress()).isTrue();
    assertThatThrownBy(() -> local.check("http://10.0.0.1/hook"))
        .isInstanceOf(WebhookUrlPolicy.Refused.class);
    assertThatThrownBy(() -> local.check("http://169.254.169.254/"))
        .isInstanceOf(WebhookUrlPolicy.Refused.class);
  }

  private static WebhookUrlPolicy.Resolver resolver(Map<String, String[]> names) {
    return host -> {
      String[] addresses = names.get(host);
      if (addresses == null) {
        throw new UnknownHostException(host);
      }
      InetAddress[] resolved = new InetAddress[addresses.length];
      for (int i = 0; i < addresses.length; i++) {
        resolved[i] = InetAddress.getByName(addresses[i]); // literals: no lookup
      }
      return resolved;
    };
  }
}
