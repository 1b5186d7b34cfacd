package com.shipdelay.exemption;

import com.shipdelay.web.ApiErrors;
import com.shipdelay.web.ErrorCode;
import com.shipdelay.web.Page;
import com.shipdelay.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The admin's announcements. The admin filter has already checked HTTP Basic and the group. */
@RestController
@RequestMapping("/api/v1/admin/announcements")
@Tag(name = "Announcements", description = "发货考核调整公告（管理员）")
class AnnouncementController {

  private final Announcements announcements;

  AnnouncementController(Announcements announcements) {
    this.announcements = announcements;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      operationId = "publishAnnouncement",
      summary = "Publish an assessment-adjustment announcement",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = true,
              content =
                  @Content(
                      examples =
                          @ExampleObject(
                              name = "xinjiangEpidemic",
                              value =
                                  """
                                  {"title":"新疆部分地区疫情期间发货考核调整","regions":["65"],\
                                  "appliesTo":["RECEIVING","SHIP_FROM"],\
                                  "promisedFrom":"2026-03-01T00:00:00+08:00",\
                                  "promisedTo":"2026-03-15T00:00:00+08:00"}"""))),
      description =
          """
          Admin only (HTTP Basic as a Camunda user in `camunda-admin`). Body: `title`, `regions`
          (GB/T 2260 codes, any level; a region contains every region whose code starts with its
          code), `appliesTo` (a non-empty subset of `RECEIVING`, `SHIP_FROM`), `promisedFrom`,
          `promisedTo` (a half-open promised-ship-time window [from, to)). Every order whose
          promised ship time lies in the window and whose chosen address lies in one of the
          regions is exempt from both shop metrics, including orders synced later: the exemption
          is computed when orders are read. The answer carries the new `id` and `coveredOrders`,
          the number of orders (cancelled ones left out) it covers now. A missing field answers
          400 `VALIDATION_FAILED`, an unknown region 422 `UNKNOWN_REGION`, `promisedFrom` not
          before `promisedTo` 422 `INVALID_WINDOW`.""")
  @ApiErrors({ErrorCode.VALIDATION_FAILED, ErrorCode.UNKNOWN_REGION, ErrorCode.INVALID_WINDOW})
  Announcement create(@RequestBody AnnouncementRequest request, HttpServletRequest http) {
    Object admin = http.getAttribute("shipdelay.admin");
    return announcements.create(request, admin == null ? null : admin.toString());
  }

  @GetMapping
  @Operation(
      operationId = "listAnnouncements",
      summary = "The announcements, newest first, paged",
      description =
          "Admin only. `size` is 1…500 (default 50). `coveredOrders` is null here: it is counted"
              + " when an announcement is published.")
  Page<Announcement> list(
      @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
    return announcements.list(new Paging(page, size));
  }
}
