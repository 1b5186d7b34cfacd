package com.shipdelay.identity;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import com.shipdelay.ops.StartupLock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Creates the groups, the configured users, their authorisations and the Tasklist filters once the
 * engine is up, and brings existing ones to what this version grants: a database first set up by an
 * older version loses the broader grants it had. Every step is idempotent, so restarts and several
 * nodes are safe.
 *
 * <p>What reviewers and leads may do (the README's role table says the same): open Tasklist; read
 * the process definition (Tasklist shows its name and diagram), their own groups and their review
 * colleagues (Tasklist shows who claimed a task); read, claim, unclaim and complete the tasks of
 * their candidate group, which the engine grants per task as READ + TASK_WORK ({@code
 * defaultUserPermissionNameForTask}). Nothing else: no variable writes, no assigning to others, no
 * identity-link changes, no history, no other users.
 */
@Component
class IdentityBootstrap {

  private static final Logger log = LoggerFactory.getLogger(IdentityBootstrap.class);
  static final String PROCESS_KEY = "DelayReportProcess";
  private static final List<String> REVIEW_GROUPS = List.of(Groups.REVIEWERS, Groups.REVIEW_LEADS);

  /** Raise when a filter's query changes, so that existing filters are saved again. */
  static final int FILTER_VERSION = 2;

  /** What the engine grants a candidate group on each of its tasks. */
  static final Permission[] TASK_PERMISSIONS = {TaskPermissions.READ, TaskPermissions.TASK_WORK};

  private final IdentityService identity;
  private final AuthorizationService authorizations;
  private final FilterService filters;
  private final TaskService tasks;
  private final IdentitySettings settings;
  private final StartupLock startupLock;

  IdentityBootstrap(
      IdentityService identity,
      AuthorizationService authorizations,
      FilterService filters,
      TaskService tasks,
      IdentitySettings settings,
      StartupLock startupLock) {
    this.identity = identity;
    this.authorizations = authorizations;
    this.filters = filters;
    this.tasks = tasks;
    this.settings = settings;
    this.startupLock = startupLock;
  }

  @EventListener(ApplicationStartedEvent.class)
  void atStart() {
    startupLock.exclusively(this::bootstrap); // nodes started together take turns
  }

  void bootstrap() {
    group(Groups.ADMINS, "平台管理员", "SYSTEM");
    group(Groups.REVIEWERS, "审核员", "WORKFLOW");
    group(Groups.REVIEW_LEADS, "审核组长", "WORKFLOW");
    settings.users().forEach(this::user);

    for (Resources resource : Resources.values()) {
      grant(Groups.ADMINS, resource, ANY, Permissions.ALL);
    }
    List<String> colleagues =
        settings.users().stream()
            .filter(u -> u.groups().stream().anyMatch(REVIEW_GROUPS::contains))
            .map(IdentitySettings.User::id)
            .toList();
    for (String group : REVIEW_GROUPS) {
      Map<String, Permission[]> wanted = new LinkedHashMap<>();
      wanted.put(key(Resources.APPLICATION, "tasklist"), new Permission[] {Permissions.ACCESS});
      wanted.put(
          key(Resources.PROCESS_DEFINITION, PROCESS_KEY),
          new Permission[] {ProcessDefinitionPermissions.READ});
      for (String g : REVIEW_GROUPS) {
        wanted.put(key(Resources.GROUP, g), new Permission[] {Permissions.READ});
      }
      for (String user : colleagues) {
        wanted.put(key(Resources.USER, user), new Permission[] {Permissions.READ});
      }
      reconcile(group, wanted);
    }

    List<String> both = REVIEW_GROUPS;
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

  private void group(String id, String name, String type) {
    if (identity.createGroupQuery().groupId(id).count() == 0) {
      Group group = identity.newGroup(id);
      group.setName(name);
      group.setType(type);
      identity.saveGroup(group);
    }
  }

  /**
   * Creates a configured user, or sets its password to the configured one: the configuration is the
   * source of passwords, so changing a variable and restarting changes the password.
   */
  private void user(IdentitySettings.User spec) {
    if (spec.password() == null || spec.password().isBlank()) {
      log.warn("Camunda user '{}' has no password configured; not created", spec.id());
      return;
    }
    User user = identity.createUserQuery().userId(spec.id()).singleResult();
    boolean created = user == null;
    if (created) {
      user = identity.newUser(spec.id());
      user.setFirstName(spec.firstName());
      user.setLastName(spec.lastName());
    }
    user.setPassword(spec.password());
    try {
      identity.saveUser(user);
      identity.unlockUser(spec.id());
    } catch (OptimisticLockingException otherNode) {
      log.info("Camunda user '{}' was saved by another node at the same time", spec.id());
    }
    if (created) {
      log.info("Created Camunda user '{}' in groups {}", spec.id(), spec.groups());
    }
    for (String group : spec.groups()) {
      if (identity.createUserQuery().userId(spec.id()).memberOfGroup(group).count() == 0) {
        identity.createMembership(spec.id(), group);
      }
    }
  }

  private static String key(Resource resource, String resourceId) {
    return resource.resourceType() + "/" + resourceId;
  }

  /**
   * Gives a group exactly the wanted grants: missing ones are created, existing ones set to the
   * wanted permissions, and any other grant removed. The engine's per-task grants are narrowed to
   * {@link #TASK_PERMISSIONS} (tasks created by an older version were given UPDATE); filter grants
   * are the filters' business.
   */
  private void reconcile(String group, Map<String, Permission[]> wanted) {
    Map<String, Permission[]> missing = new LinkedHashMap<>(wanted);
    for (Authorization auth :
        authorizations
            .createAuthorizationQuery()
            .groupIdIn(group)
            .authorizationType(AUTH_TYPE_GRANT)
            .list()) {
      int type = auth.getResourceType();
      if (type == Resources.FILTER.resourceType()) {
        continue;
      }
      if (type == Resources.TASK.resourceType()) {
        if (auth.isPermissionGranted(TaskPermissions.UPDATE)
            || auth.isPermissionGranted(TaskPermissions.TASK_ASSIGN)) {
          setPermissions(auth, TASK_PERMISSIONS);
        }
        continue;
      }
      String key = type + "/" + auth.getResourceId();
      Permission[] permissions = missing.remove(key);
      if (permissions == null) {
        authorizations.deleteAuthorization(auth.getId());
      } else {
        setPermissions(auth, permissions);
      }
    }
    missing.forEach(
        (key, permissions) -> {
          int slash = key.indexOf('/');
          Resource resource = resourceOf(Integer.parseInt(key.substring(0, slash)));
          grant(group, resource, key.substring(slash + 1), permissions);
        });
  }

  private void setPermissions(Authorization auth, Permission[] wanted) {
    Permission[] candidates =
        Arrays.stream(
                auth.getResourceType() == Resources.TASK.resourceType()
                    ? TaskPermissions.values()
                    : auth.getResourceType() == Resources.PROCESS_DEFINITION.resourceType()
                        ? ProcessDefinitionPermissions.values()
                        : Permissions.values())
            .filter(p -> p.getValue() != Permissions.NONE.getValue())
            .filter(p -> p.getValue() != Permissions.ALL.getValue())
            .toArray(Permission[]::new);
    if (names(auth.getPermissions(candidates)).equals(names(wanted))) {
      return;
    }
    auth.setPermissions(wanted);
    authorizations.saveAuthorization(auth);
  }

  private static Set<String> names(Permission[] permissions) {
    return Arrays.stream(permissions).map(Permission::getName).collect(Collectors.toSet());
  }

  private static Resource resourceOf(int type) {
    for (Resources resource : Resources.values()) {
      if (resource.resourceType() == type) {
        return resource;
      }
    }
    throw new IllegalArgumentException("unknown resource type " + type);
  }

  private void grant(
      String group, Resource resource, String resourceId, Permission... permissions) {
    boolean exists =
        authorizations
                .createAuthorizationQuery()
                .groupIdIn(group)
                .resourceType(resource)
                .resourceId(resourceId)
                .count()
            > 0;
    if (exists) {
      return;
    }
    Authorization auth = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
    auth.setGroupId(group);
    auth.setResource(resource);
    auth.setResourceId(resourceId);
    for (Permission permission : permissions) {
      auth.addPermission(permission);
    }
    authorizations.saveAuthorization(auth);
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
      java.util.function.UnaryOperator<TaskQuery> criteria,
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
    TaskQuery query = criteria.apply(tasks.createTaskQuery().processDefinitionKey(PROCESS_KEY));
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
      grant(group, Resources.FILTER, filter.getId(), Permissions.READ);
    }
  }
}
