package com.shipdelay.review;

import com.shipdelay.region.AddressParser;
import com.shipdelay.report.ReportsForReview;
import com.shipdelay.report.ReportsForReview.OrderLine;
import com.shipdelay.web.ApiException;
import com.shipdelay.web.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Every order of a report as CSV, for the reviewer whose form lists only the first {@value
 * ReviewForm#ORDERS_SHOWN}. Open to the same people as the report's evidence.
 */
@RestController
class ReviewerOrdersController {

  private final ReviewAccess access;
  private final ReviewForm form;
  private final AddressParser addresses;
  private final ReportsForReview reports;

  ReviewerOrdersController(
      ReviewAccess access, ReviewForm form, AddressParser addresses, ReportsForReview reports) {
    this.access = access;
    this.form = form;
    this.addresses = addresses;
    this.reports = reports;
  }

  @GetMapping("/review/reports/{id}/orders.csv")
  @Transactional(readOnly = true)
  public void orders(
      @PathVariable long id, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    var refusal = access.check(request, id);
    if (refusal.isPresent()) {
      throw refusal.get() == ReviewAccess.Refusal.NOT_LOGGED_IN
          ? new ApiException(ErrorCode.UNAUTHORIZED, "请先登录 Camunda Tasklist")
          : ApiException.notFound("报备不存在：" + id);
    }
    response.setContentType("text/csv; charset=UTF-8");
    response.setHeader(
        "Content-Disposition", "attachment; filename=\"report-" + id + "-orders.csv\"");
    response.setHeader("Cache-Control", "private, no-store");
    Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
    out.write('\uFEFF'); // Excel reads UTF-8 CSV as such only with a BOM
    out.write("订单号,收货地址,收货区域,区域名称,双地址\r\n");
    try (var rows = reports.orders(id)) {
      for (OrderLine row : (Iterable<OrderLine>) rows::iterator) {
        var parsed = addresses.parse(row.address());
        String regions =
            parsed.dual()
                ? parsed.mentions().stream()
                    .map(r -> form.regionLabel(r.code()))
                    .collect(Collectors.joining(" / "))
                : form.regionLabel(row.region());
        out.write(
            String.join(
                    ",",
                    cell(row.orderId()),
                    cell(row.address()),
                    cell(row.region()),
                    cell(regions),
                    parsed.dual() ? "是" : "否")
                + "\r\n");
      }
    }
    out.flush();
  }

  /** A CSV cell; text a spreadsheet would run as a formula is prefixed with an apostrophe. */
  static String cell(String value) {
    String v = value == null ? "" : value;
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    return "\"" + v.replace("\"", "\"\"") + "\"";
  }
}
