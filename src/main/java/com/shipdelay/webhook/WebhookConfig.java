package com.shipdelay.webhook;

import com.shipdelay.notification.Notifications;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import javax.net.ssl.SSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The webhook machinery's beans; the worker that drives the dispatcher is {@link WebhookWorker}.
 */
@Configuration
class WebhookConfig {

  /** The time webhooks are recorded and retried by; tests give their dispatchers their own. */
  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  WebhookUrlPolicy webhookUrlPolicy(WebhookSettings settings) {
    return new WebhookUrlPolicy(settings.allowInsecureLocal());
  }

  @Bean(destroyMethod = "close")
  WebhookDispatcher webhookDispatcher(
      JdbcClient jdbc,
      PlatformTransactionManager transactions,
      Notifications notifications,
      WebhookSettings settings,
      Clock clock,
      WebhookUrlPolicy policy)
      throws NoSuchAlgorithmException {
    WebhookSender sender =
        new WebhookSender(
            SSLContext.getDefault().getSocketFactory(),
            settings.connectTimeout(),
            settings.requestTimeout());
    return new WebhookDispatcher(
        jdbc,
        new TransactionTemplate(transactions),
        notifications,
        settings,
        clock,
        policy,
        sender);
  }
}
