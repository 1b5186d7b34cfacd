package com.shipdelay.merchant;

import com.shipdelay.region.Regions;
import com.shipdelay.web.ApiErrors;
import com.shipdelay.web.ApiException;
import com.shipdelay.web.ErrorCode;
import com.shipdelay.web.FieldError;
import com.shipdelay.web.TextLimits;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Admins create merchants; the API token is shown once, only its hash is kept. */
@RestController
@Tag(name = "Admin", description = "平台管理")
class AdminMerchantController {

  private final Merchants merchants;
  private final Regions regions;

  AdminMerchantController(Merchants merchants, Regions regions) {
    this.merchants = merchants;
    this.regions = regions;
  }

  record NewMerchant(String name, String shipFromRegion) {}

  record CreatedMerchant(long merchantId, String apiToken) {}

  @PostMapping("/api/v1/admin/merchants")
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      operationId = "createMerchant",
      summary = "Create a merchant; answers its API token once",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = true,
              content =
                  @Content(
                      examples =
                          @ExampleObject(
                              name = "xian",
                              value = "{\"name\":\"示例旗舰店\",\"shipFromRegion\":\"6101\"}"))))
  @ApiErrors({ErrorCode.VALIDATION_FAILED, ErrorCode.TEXT_TOO_LONG, ErrorCode.UNKNOWN_REGION})
  CreatedMerchant create(@RequestBody NewMerchant request) {
    if (request.name() == null || request.name().isBlank()) {
      throw new ApiException(
          ErrorCode.VALIDATION_FAILED, "请填写商家名称 name", List.of(FieldError.of("name", "必填")));
    }
    TextLimits.check("name", request.name().trim(), TextLimits.MERCHANT_NAME);
    regions.check().code("shipFromRegion", request.shipFromRegion()).orRefuse();
    String token = ApiTokens.newToken();
    long id =
        merchants.create(request.name().trim(), request.shipFromRegion(), ApiTokens.hash(token));
    return new CreatedMerchant(id, token);
  }
}
