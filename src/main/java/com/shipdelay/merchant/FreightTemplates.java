package com.shipdelay.merchant;

import com.shipdelay.region.Regions;
import com.shipdelay.web.ApiException;
import com.shipdelay.web.ErrorCode;
import com.shipdelay.web.FieldError;
import com.shipdelay.web.Page;
import com.shipdelay.web.Paging;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A merchant's freight templates. Every write recomputes the merchant's ad-exclusion set in the
 * same transaction, so the set changes the moment a template does.
 */
@Service
class FreightTemplates {

  static final int MAX_NAME_LENGTH = 100;

  private final JdbcClient jdbc;
  private final Regions regions;
  private final AdExclusions exclusions;

  FreightTemplates(JdbcClient jdbc, Regions regions, AdExclusions exclusions) {
    this.jdbc = jdbc;
    this.regions = regions;
    this.exclusions = exclusions;
  }

  @Transactional(readOnly = true)
  Page<FreightTemplate> list(Merchant merchant, Paging paging) {
    List<FreightTemplate> items =
        jdbc.sql(
                """
                select id, name, non_delivery_regions, non_free_shipping_regions
                  from freight_template where merchant_id = ? order by id limit ? offset ?
                """)
            .params(merchant.id(), paging.size(), paging.offset())
            .query(
                (rs, n) ->
                    new FreightTemplate(
                        rs.getLong(1),
                        rs.getString(2),
                        AdExclusions.strings(rs.getArray(3)),
                        AdExclusions.strings(rs.getArray(4))))
            .list();
    long total =
        jdbc.sql("select count(*) from freight_template where merchant_id = ?")
            .param(merchant.id())
            .query(Long.class)
            .single();
    return paging.page(items, total);
  }

  @Transactional
  FreightTemplate create(Merchant merchant, FreightTemplateRequest request) {
    FreightTemplate valid = validate(0, request);
    exclusions.lock(merchant.id());
    long id =
        jdbc.sql(
                """
                insert into freight_template
                       (merchant_id, name, non_delivery_regions, non_free_shipping_regions)
                values (?, ?, ?, ?) returning id
                """)
            .params(
                merchant.id(),
                valid.name(),
                valid.nonDeliveryRegions().toArray(String[]::new),
                valid.nonFreeShippingRegions().toArray(String[]::new))
            .query(Long.class)
            .single();
    exclusions.recompute(merchant.id());
    return new FreightTemplate(
        id, valid.name(), valid.nonDeliveryRegions(), valid.nonFreeShippingRegions());
  }

  @Transactional
  FreightTemplate update(Merchant merchant, long id, FreightTemplateRequest request) {
    FreightTemplate valid = validate(id, request);
    exclusions.lock(merchant.id());
    int updated =
        jdbc.sql(
                """
                update freight_template
                   set name = ?, non_delivery_regions = ?, non_free_shipping_regions = ?,
                       updated_at = now()
                 where id = ? and merchant_id = ?
                """)
            .params(
                valid.name(),
                valid.nonDeliveryRegions().toArray(String[]::new),
                valid.nonFreeShippingRegions().toArray(String[]::new),
                id,
                merchant.id())
            .update();
    if (updated == 0) {
      throw notFound(id);
    }
    exclusions.recompute(merchant.id());
    return valid;
  }

  @Transactional
  void delete(Merchant merchant, long id) {
    exclusions.lock(merchant.id());
    int deleted =
        jdbc.sql("delete from freight_template where id = ? and merchant_id = ?")
            .params(id, merchant.id())
            .update();
    if (deleted == 0) {
      throw notFound(id);
    }
    exclusions.recompute(merchant.id());
  }

  /** The template as it will be stored: name trimmed, region lists without duplicates. */
  private FreightTemplate validate(long id, FreightTemplateRequest request) {
    String name = request.name() == null ? "" : request.name().strip();
    if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
      throw new ApiException(
          ErrorCode.VALIDATION_FAILED,
          "请求字段校验未通过",
          List.of(
              FieldError.of("name", name.isEmpty() ? "必填" : "不能超过 " + MAX_NAME_LENGTH + " 个字符")));
    }
    regions
        .check()
        .list("nonDeliveryRegions", request.nonDeliveryRegions())
        .list("nonFreeShippingRegions", request.nonFreeShippingRegions())
        .orRefuse();
    return new FreightTemplate(
        id,
        name,
        distinct(request.nonDeliveryRegions()),
        distinct(request.nonFreeShippingRegions()));
  }

  private static List<String> distinct(List<String> codes) {
    return codes == null ? List.of() : codes.stream().distinct().toList();
  }

  private static ApiException notFound(long id) {
    return ApiException.notFound("运费模板 " + id + " 不存在");
  }
}
