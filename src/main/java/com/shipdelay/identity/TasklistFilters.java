package com.shipdelay.identity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.stereotype.Component;

/** The Tasklist filters reviewers and leads work from, each readable by the groups it serves. */
@Component
class TasklistFilters {

  /** Raise when a filter's query changes, so that existing filters are saved again. */
  static final int FILTER_VERSION = 2;

  private final FilterService filters;
  private final TaskService tasks;
  private final GroupGrants grants;

  TasklistFilters(FilterService filters, TaskService tasks, GroupGrants grants) {
    this.filters = filters;
    this.tasks = tasks;
    this.grants = grants;
  }

  /** Creates the review filters, or brings existing ones to this version. */
  void reviewFilters() {
    List<String> both = List.of(Groups.REVIEWERS, Groups.REVIEW_LEADS);
    List<Object> cards = new ArrayList<>();
    ReviewCards.VARIABLES.forEach((name, label) -> cards.add(Map.of("name", name, "label", label)));
    reviewFilter(
        "review",
        "待审核报备",
        "审核员的待审任务（含已认领），按审核截止时间排序",
        1,
        cards,
        q -> q.taskCandidateGroup(Groups.REVIEWERS).includeAssignedTasks(),
        List.of(Groups.REVIEWERS),
        "Delay reports to review");
    reviewFilter(
        "mine",
        "我认领的任务",
        "我已认领、尚未完成的审核任务",
        2,
        cards,
        q -> q.taskAssigneeExpression("${currentUser()}"),
        both);
    reviewFilter(
        "escalated",
        "已升级（组长审核）",
        "超过 48 小时未审核、已升级给审核组长的报备",
        3,
        cards,
        q -> q.taskCandidateGroup(Groups.REVIEW_LEADS).includeAssignedTasks(),
        List.of(Groups.REVIEW_LEADS),
        "Escalated delay reports");
    reviewFilter(
        "due-soon",
        "6 小时内到期",
        "6 小时内到期的审核任务",
        4,
        cards,
        q ->
            q.taskCandidateGroupInExpression("${currentUserGroups()}")
                .includeAssignedTasks()
                .dueBeforeExpression("${dateTime().plusHours(6)}"),
        both,
        "Due within 6 hours");
  }

  /**
   * A Tasklist filter on the review tasks, readable by the given groups, found by its {@code
   * shipdelayFilter} property (or, once, by the English name an older version gave it) and brought
   * to this version's name, query and card variables.
   */
  private void reviewFilter(
      String key,
      String name,
      String description,
      int priority,
      List<Object> cardVariables,
      UnaryOperator<TaskQuery> criteria,
      List<String> readers,
      String... formerNames) {
    Filter filter =
        filters.createTaskFilterQuery().list().stream()
            .filter(
                f ->
                    key.equals(
                            f.getProperties() == null
                                ? null
                                : f.getProperties().get("shipdelayFilter"))
                        || List.of(formerNames).contains(f.getName()))
            .findFirst()
            .orElseGet(() -> filters.newTaskFilter(name));
    TaskQuery query =
        criteria.apply(tasks.createTaskQuery().processDefinitionKey(IdentityBootstrap.PROCESS_KEY));
    query.orderByDueDate().asc();
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("shipdelayFilter", key);
    properties.put("priority", priority);
    properties.put("description", description);
    properties.put("refresh", true);
    properties.put("showUndefinedVariable", false);
    properties.put("variables", cardVariables);
    properties.put("shipdelayVersion", FILTER_VERSION);
    if (filter.getId() == null
        || !name.equals(filter.getName())
        || !properties.equals(filter.getProperties())) {
      filter.setName(name).setOwner(null).setQuery(query).setProperties(properties);
      filters.saveFilter(filter);
    }
    for (String group : readers) {
      grants.grant(group, Resources.FILTER, filter.getId(), Permissions.READ);
    }
  }
}
