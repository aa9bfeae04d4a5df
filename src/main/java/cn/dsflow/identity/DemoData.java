package cn.dsflow.identity;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demo mode only: a person in every group (Chinese names, one documented password) and the Tasklist filters
 * 我的待办 / 待我审批 / 待我处理 / 逾期, so a newcomer can log in and work at once.
 */
@Component
@Profile("demo")
public class DemoData {

  private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);

  /**
   * id, family name, given name, groups. Every person is also an employee who may start requests; {@code etlplatform}
   * is the technical account of an executing system, which a request may name to use its permit.
   */
  public static final List<DemoUser> USERS =
      List.of(
          new DemoUser("zhangsan", "张", "三", List.of(Group.EMPLOYEE)),
          new DemoUser("lisi", "李", "四", List.of(Group.EMPLOYEE)),
          new DemoUser("wangwu", "王", "五", List.of(Group.EMPLOYEE, Group.DEPT_HEAD)),
          new DemoUser("qianer", "钱", "二", List.of(Group.EMPLOYEE, Group.DEPT_HEAD)),
          new DemoUser("zhaoliu", "赵", "六", List.of(Group.EMPLOYEE, Group.DSO)),
          new DemoUser("sunqi", "孙", "七", List.of(Group.EMPLOYEE, Group.DS_DIRECT)),
          new DemoUser("zhouba", "周", "八", List.of(Group.EMPLOYEE, Group.DS_FIRST)),
          new DemoUser("wujiu", "吴", "九", List.of(Group.EMPLOYEE, Group.LEGAL)),
          new DemoUser("zhengshi", "郑", "十", List.of(Group.EMPLOYEE, Group.AUDIT)),
          new DemoUser("fengyi", "冯", "一", List.of(Group.EMPLOYEE, Group.AUDIT)),
          new DemoUser("chenyi", "陈", "一", List.of(Group.EMPLOYEE, Group.IRT)),
          new DemoUser("etlplatform", "数据交换", "平台", List.of(Group.EXECUTOR)));

  public record DemoUser(String id, String lastName, String firstName, List<Group> groups) {
    /** Surname first, no space, as a Chinese reader writes it: 张三. */
    public String displayName() {
      return lastName + firstName;
    }
  }

  private final IdentityService identityService;
  private final FilterService filterService;
  private final TaskService taskService;
  private final AuthorizationService authorizationService;
  private final TaskDuties duties;
  private final String password;

  public DemoData(
      IdentityService identityService,
      FilterService filterService,
      TaskService taskService,
      AuthorizationService authorizationService,
      TaskDuties duties,
      @Value("${dsflow.demo.password:demo}") String password) {
    this.identityService = identityService;
    this.filterService = filterService;
    this.taskService = taskService;
    this.authorizationService = authorizationService;
    this.duties = duties;
    this.password = password;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(20)
  public void createDemoUsersAndFilters() {
    for (DemoUser demo : identityService.isReadOnly() ? List.<DemoUser>of() : USERS) { // directory login: its people
      User existing = identityService.createUserQuery().userId(demo.id()).singleResult();
      if (existing != null) {
        showNameInChineseOrder(existing, demo);
        continue;
      }
      User user = identityService.newUser(demo.id());
      user.setFirstName(demo.displayName());
      user.setLastName("");
      user.setEmail(demo.id() + "@dsflow.local");
      user.setPassword(password);
      identityService.saveUser(user);
      for (Group group : demo.groups()) {
        identityService.createMembership(demo.id(), group.id());
      }
      LOG.info("Demo user {} ({}) in {}", demo.id(), demo.displayName(), demo.groups());
    }
    // 我的申请 (issue 18, another change) takes a priority between 我的待办 and 待我审批
    createFilter("我的待办", -10, "我认领或分配给我的任务", taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}"));
    createFilter("待我审批", -5, "我的组可以认领的审批岗位（审批决定：同意或驳回）",
        taskService.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}").taskUnassigned()
            .taskDefinitionKey(TaskDuties.APPROVAL_SLOT));
    createFilter("待我处理", -4, "我的组可以认领的其他职责：事件处置、报告、登记执行结果等",
        taskService.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}").taskUnassigned()
            .taskDefinitionKeyIn(duties.otherThanApproval().toArray(String[]::new)));
    createFilter("逾期", 0, "已过期限仍未完成的任务",
        taskService.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks()
            .dueBeforeExpression("${now()}"));
  }

  /**
   * Camunda's webapps show a person as "firstName lastName"; a Chinese name reads surname first with no space, so the
   * whole name is kept in the first-name field (issue 18). Demo users created by earlier versions are brought over.
   */
  private void showNameInChineseOrder(User user, DemoUser demo) {
    if (demo.firstName().equals(user.getFirstName()) && demo.lastName().equals(user.getLastName())) {
      user.setFirstName(demo.displayName());
      user.setLastName("");
      identityService.saveUser(user);
    }
  }

  private void createFilter(String name, int priority, String description, TaskQuery query) {
    Map<String, Object> properties = new HashMap<>();
    properties.put("description", description);
    properties.put("priority", priority);
    properties.put("refresh", true);
    // only the shared filter this class created (no owner): a same-named filter an administrator made is left alone
    Filter existing = filterService.createFilterQuery().filterName(name).list().stream()
        .filter(f -> f.getOwner() == null).findFirst().orElse(null);
    if (existing != null) {
      // the query follows the deployed processes: a duty added to a BPMN file appears under 待我处理 on the next start
      filterService.saveFilter(existing.setProperties(properties).setQuery(query));
      return;
    }
    Filter filter = filterService.newTaskFilter().setName(name).setProperties(properties).setQuery(query);
    filterService.saveFilter(filter);
    Authorization read = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GLOBAL);
    read.setResource(Resources.FILTER);
    read.setResourceId(filter.getId());
    read.addPermission(Permissions.READ);
    authorizationService.saveAuthorization(read);
  }
}
