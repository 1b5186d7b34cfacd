package com.shipdelay.report;

import com.shipdelay.merchant.Merchant;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The order-number template; the literal path wins over {@code GET /{id}}. */
@RestController
@RequestMapping("/api/v1/delay-reports")
@Tag(name = "Delay reports", description = "延迟发货报备")
class OrderFileController {

  static final MediaType XLSX =
      MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  static final String FILENAME = "报备订单模板.xlsx";

  private final byte[] template;

  OrderFileController(OrderFileSettings settings) {
    // the same for every merchant: built once
    this.template = OrderFileTemplate.bytes(settings.maxFileRows());
  }

  @GetMapping("/template.xlsx")
  @Operation(
      operationId = "getOrderFileTemplate",
      summary = "The order-number template (.xlsx, column A formatted as text)")
  @ApiResponse(
      responseCode = "200",
      description = "报备订单模板.xlsx",
      content =
          @Content(
              mediaType = ReportForms.XLSX,
              schema = @Schema(type = "string", format = "binary")))
  ResponseEntity<byte[]> template(Merchant merchant) {
    return ResponseEntity.ok()
        .contentType(XLSX)
        .header(HttpHeaders.CONTENT_DISPOSITION, attachment(FILENAME, "order-template.xlsx"))
        .cacheControl(CacheControl.noCache())
        .body(template.clone());
  }

  /** RFC 6266 with an RFC 5987 {@code filename*} for the Chinese name and an ASCII fallback. */
  static String attachment(String filename, String asciiFallback) {
    String encoded = URLEncoder.encode(filename, StandardCharsets.UTF_8).replace("+", "%20");
    return "attachment; filename=\"" + asciiFallback + "\"; filename*=UTF-8''" + encoded;
  }
}
