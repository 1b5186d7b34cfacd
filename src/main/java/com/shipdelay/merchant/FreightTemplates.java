package com.shipdelay.merchant;

import com.shipdelay.region.Regions;
import com.shipdelay.web.ApiException;
import com.shipdelay.web.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
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
  Page<FreightTemplate> list(Merchant merchant, int page, int size) {
    List<FreightTemplate> items =
        jdbc.sql(
                """
                select id, name, non_delivery_regions, non_free_shipping_regions
                  from freight_template where merchant_id = ? order by id limit ? offset ?
                """)
            .params(merchant.id(), size, (long) page * size)
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
    return new Page<>(items, page, size, total);
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
          HttpStatus.BAD_REQUEST,
          "VALIDATION_FAILED",
          "请求字段校验未通过",
          List.of(
              Map.of(
                  "field",
                  "name",
                  "message",
                  name.isEmpty() ? "必填" : "不能超过 " + MAX_NAME_LENGTH + " 个字符")));
    }
    List<Map<String, Object>> errors = new ArrayList<>();
    List<String> nonDelivery =
        regionList("nonDeliveryRegions", request.nonDeliveryRegions(), errors);
    List<String> nonFree =
        regionList("nonFreeShippingRegions", request.nonFreeShippingRegions(), errors);
    if (!errors.isEmpty()) {
      throw new ApiException(
          HttpStatus.UNPROCESSABLE_ENTITY, "UNKNOWN_REGION", "存在未知的区域代码（须为 GB/T 2260 代码）", errors);
    }
    return new FreightTemplate(id, name, nonDelivery, nonFree);
  }

  private List<String> regionList(
      String field, List<String> codes, List<Map<String, Object>> errors) {
    if (codes == null) {
      return List.of();
    }
    for (int i = 0; i < codes.size(); i++) {
      if (!regions.exists(codes.get(i))) {
        errors.add(Map.of("field", field + "[" + i + "]", "message", "未知的区域代码：" + codes.get(i)));
      }
    }
    return codes.stream().distinct().toList(); // nulls were reported above
  }

  private static ApiException notFound(long id) {
    return ApiException.notFound("运费模板 " + id + " 不存在");
  }
}
