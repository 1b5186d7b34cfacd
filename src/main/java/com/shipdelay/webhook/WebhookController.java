package com.shipdelay.webhook;

import com.shipdelay.merchant.Merchant;
import com.shipdelay.web.Page;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/webhooks}: a merchant's endpoints, their secrets and delivery logs. */
@RestController
@RequestMapping("/api/v1/webhooks")
@Tag(name = "Webhooks", description = "Webhook 推送")
class WebhookController {

  private final WebhookEndpoints endpoints;
  private final WebhookDeliveries deliveries;

  WebhookController(WebhookEndpoints endpoints, WebhookDeliveries deliveries) {
    this.endpoints = endpoints;
    this.deliveries = deliveries;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  WebhookEndpoints.EndpointWithSecret register(
      Merchant merchant, @RequestBody WebhookEndpoints.RegisterWebhookRequest request) {
    return endpoints.register(merchant, request);
  }

  @GetMapping
  Page<WebhookEndpoints.Endpoint> list(
      Merchant merchant,
      @RequestParam(name = "page", defaultValue = "0") int page,
      @RequestParam(name = "size", defaultValue = "50") int size) {
    return endpoints.list(merchant, page, size);
  }

  @DeleteMapping("/{id:\\d+}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void delete(Merchant merchant, @PathVariable long id) {
    endpoints.delete(merchant, id);
  }

  @PostMapping("/{id:\\d+}/rotate-secret")
  WebhookEndpoints.EndpointWithSecret rotateSecret(Merchant merchant, @PathVariable long id) {
    return endpoints.rotateSecret(merchant, id);
  }

  @GetMapping("/{id:\\d+}/deliveries")
  Page<WebhookDeliveries.Delivery> deliveries(
      Merchant merchant,
      @PathVariable long id,
      @RequestParam(name = "page", defaultValue = "0") int page,
      @RequestParam(name = "size", defaultValue = "50") int size) {
    return deliveries.deliveries(merchant, id, page, size);
  }

  @PostMapping("/{id:\\d+}/deliveries/{deliveryId:\\d+}/redeliver")
  @ResponseStatus(HttpStatus.ACCEPTED)
  WebhookDeliveries.Delivery redeliver(
      Merchant merchant, @PathVariable long id, @PathVariable long deliveryId) {
    return deliveries.redeliver(merchant, id, deliveryId);
  }
}
