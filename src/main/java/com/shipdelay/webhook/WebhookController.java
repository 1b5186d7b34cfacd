package com.shipdelay.webhook;

import com.shipdelay.merchant.Merchant;
import com.shipdelay.web.ApiErrors;
import com.shipdelay.web.ErrorCode;
import com.shipdelay.web.Page;
import com.shipdelay.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
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

  static final String REGISTER_EXAMPLE =
      """
      {"url": "https://erp.example.com/shipdelay/hooks",
       "eventTypes": ["REPORT_APPROVED", "REPORT_REJECTED", "EVIDENCE_REQUESTED",
                      "ORDERS_EXEMPTED_BY_ANNOUNCEMENT"]}""";

  private final WebhookEndpoints endpoints;
  private final WebhookDeliveries deliveries;

  WebhookController(WebhookEndpoints endpoints, WebhookDeliveries deliveries) {
    this.endpoints = endpoints;
    this.deliveries = deliveries;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      operationId = "registerWebhook",
      summary = "Register an HTTPS endpoint for the chosen event types",
      description =
          "Answers the endpoint with its signing secret, shown only here and on rotation. Plain"
              + " HTTP and addresses that resolve to loopback, private, link-local or metadata"
              + " networks are refused (422 WEBHOOK_URL_REFUSED).",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = true,
              content =
                  @Content(examples = @ExampleObject(name = "erp", value = REGISTER_EXAMPLE))))
  @ApiErrors({
    ErrorCode.VALIDATION_FAILED,
    ErrorCode.WEBHOOK_URL_REFUSED,
    ErrorCode.WEBHOOK_LIMIT_REACHED,
    ErrorCode.WEBHOOK_ALREADY_REGISTERED
  })
  WebhookEndpoints.EndpointWithSecret register(
      Merchant merchant, @RequestBody WebhookEndpoints.RegisterWebhookRequest request) {
    return endpoints.register(merchant, request);
  }

  @GetMapping
  @Operation(operationId = "listWebhooks", summary = "The merchant's webhook endpoints, paged")
  Page<WebhookEndpoints.Endpoint> list(
      Merchant merchant,
      @RequestParam(name = "page", defaultValue = "0") int page,
      @RequestParam(name = "size", defaultValue = "50") int size) {
    return endpoints.list(merchant, new Paging(page, size));
  }

  @DeleteMapping("/{id:\\d+}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(
      operationId = "deleteWebhook",
      summary = "Delete an endpoint and its delivery log; pending deliveries are dropped")
  void delete(Merchant merchant, @PathVariable long id) {
    endpoints.delete(merchant, id);
  }

  @PostMapping("/{id:\\d+}/rotate-secret")
  @Operation(
      operationId = "rotateWebhookSecret",
      summary = "Replace the signing secret; the new one is shown once and signs from now on")
  WebhookEndpoints.EndpointWithSecret rotateSecret(Merchant merchant, @PathVariable long id) {
    return endpoints.rotateSecret(merchant, id);
  }

  @GetMapping("/{id:\\d+}/deliveries")
  @Operation(
      operationId = "listWebhookDeliveries",
      summary =
          "The endpoint's delivery log, newest first: status, response code, latency,"
              + " attempt and next try")
  Page<WebhookDeliveries.Delivery> deliveries(
      Merchant merchant,
      @PathVariable long id,
      @RequestParam(name = "page", defaultValue = "0") int page,
      @RequestParam(name = "size", defaultValue = "50") int size) {
    return deliveries.deliveries(merchant, id, new Paging(page, size));
  }

  @PostMapping("/{id:\\d+}/deliveries/{deliveryId:\\d+}/redeliver")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(
      operationId = "redeliverWebhookEvent",
      summary = "Send a delivery's event again (same event id)")
  @ApiErrors({ErrorCode.DELIVERY_IN_PROGRESS})
  WebhookDeliveries.Delivery redeliver(
      Merchant merchant, @PathVariable long id, @PathVariable long deliveryId) {
    return deliveries.redeliver(merchant, id, deliveryId);
  }
}
