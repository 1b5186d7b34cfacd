package com.shipdelay.merchant;

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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Freight templates", description = "运费模板与广告屏蔽区域")
class FreightTemplateController {

  private final FreightTemplates templates;
  private final AdExclusions exclusions;

  FreightTemplateController(FreightTemplates templates, AdExclusions exclusions) {
    this.templates = templates;
    this.exclusions = exclusions;
  }

  @GetMapping("/api/v1/freight-templates")
  @Operation(
      operationId = "listFreightTemplates",
      summary = "The merchant's freight templates, paged")
  Page<FreightTemplate> list(
      Merchant merchant,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    return templates.list(merchant, new Paging(page, size));
  }

  @PostMapping("/api/v1/freight-templates")
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      operationId = "createFreightTemplate",
      summary = "Create a freight template",
      description = "An unknown region code answers 422 UNKNOWN_REGION, one errors item per code.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = true,
              content =
                  @Content(
                      examples =
                          @ExampleObject(
                              name = "xinjiangTibet",
                              value = FreightTemplateRequest.EXAMPLE))))
  @ApiErrors({ErrorCode.VALIDATION_FAILED, ErrorCode.UNKNOWN_REGION})
  FreightTemplate create(Merchant merchant, @RequestBody FreightTemplateRequest request) {
    return templates.create(merchant, request);
  }

  @PutMapping("/api/v1/freight-templates/{id}")
  @Operation(
      operationId = "replaceFreightTemplate",
      summary = "Replace a freight template",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = true,
              content =
                  @Content(
                      examples =
                          @ExampleObject(
                              name = "xinjiangTibet",
                              value = FreightTemplateRequest.EXAMPLE))))
  @ApiErrors({ErrorCode.VALIDATION_FAILED, ErrorCode.UNKNOWN_REGION})
  FreightTemplate update(
      Merchant merchant, @PathVariable long id, @RequestBody FreightTemplateRequest request) {
    return templates.update(merchant, id, request);
  }

  @DeleteMapping("/api/v1/freight-templates/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(operationId = "deleteFreightTemplate", summary = "Delete a freight template")
  void delete(Merchant merchant, @PathVariable long id) {
    templates.delete(merchant, id);
  }

  @GetMapping("/api/v1/ad-exclusions")
  @Operation(
      operationId = "getAdExclusions",
      summary = "The merchant's ad-exclusion set",
      description =
          "The union of the non-delivery regions of all the merchant's templates, reduced so that"
              + " no listed region contains another. version grows by one each time the set"
              + " changes, and only then; 0 while the merchant never had a non-delivery region.")
  AdExclusion adExclusions(Merchant merchant) {
    return exclusions.current(merchant.id());
  }
}
