package cn.dsflow.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.dsflow.EngineClockAt;
import cn.dsflow.EngineTestSupport;
import cn.dsflow.approval.ApprovalFixture;
import cn.dsflow.system.EngineRefusal;
import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Directory login (dsflow.ldap.*) against a real LDAP server in memory: people log in with their directory password,
 * the directory's groups (named the company's way) become dsflow's groups, and the rules that hang on ids and groups
 * hold: slots go to the mapped group, the requester never decides, the administrator never approves, the throttle counts.
 * Its own context (another identity provider) with an engine of its own name, as ProductionModeIT explains.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.process-engine-name=directory", "camunda.bpm.admin-user.id=admin"})
@ActiveProfiles("test")
@EngineClockAt("2026-11-23T10:00:00+08:00")
class DirectoryLoginIT {

  static final String BASE = "dc=corp,dc=example";
  static final String PASSWORD = "Dir3ctory-pass";
  static final InMemoryDirectoryServer DIRECTORY = startDirectory();

  @DynamicPropertySource
  static void directory(DynamicPropertyRegistry properties) {
    properties.add("dsflow.ldap.enabled", () -> "true");
    properties.add("dsflow.ldap.server-url", () -> "ldap://127.0.0.1:" + DIRECTORY.getListenPort() + "/");
    properties.add("dsflow.ldap.base-dn", () -> BASE);
    properties.add("dsflow.ldap.manager-dn", () -> "cn=dsflow-bind," + BASE);
    properties.add("dsflow.ldap.manager-password", () -> "bind-secret");
    properties.add("dsflow.ldap.user-search-base", () -> "ou=people");
    properties.add("dsflow.ldap.user-search-filter", () -> "(objectclass=inetOrgPerson)");
    properties.add("dsflow.ldap.user-id-attribute", () -> "uid");
    properties.add("dsflow.ldap.user-firstname-attribute", () -> "givenName");
    properties.add("dsflow.ldap.user-lastname-attribute", () -> "sn");
    properties.add("dsflow.ldap.user-email-attribute", () -> "mail");
    properties.add("dsflow.ldap.group-search-base", () -> "ou=groups");
    properties.add("dsflow.ldap.group-search-filter", () -> "(objectclass=groupOfNames)");
    properties.add("dsflow.ldap.group-id-attribute", () -> "cn");
    properties.add("dsflow.ldap.group-name-attribute", () -> "cn");
    properties.add("dsflow.ldap.group-member-attribute", () -> "member");
    // the company's own group names; dsFirst and dsDirect are left unmapped and found under their own ids
    properties.add("dsflow.ldap.groups.employee", () -> "all-staff");
    properties.add("dsflow.ldap.groups.deptHead", () -> "dept-heads");
    properties.add("dsflow.ldap.groups.dso", () -> "data-security-office");
    properties.add("dsflow.ldap.groups.camunda-admin", () -> "it-admins");
  }

  @Autowired TestRestTemplate http;
  @Autowired IdentityService identityService;
  @Autowired TaskService taskService;
  @Autowired EngineTestSupport engine;
  @Autowired ApprovalFixture fixture;
  @Autowired JdbcTemplate jdbc;

  @AfterAll
  static void stopDirectory() {
    DIRECTORY.shutDown(true);
  }

  @Test
  void aDirectoryUserLogsInWithTheDirectoryPassword() {
    assertThat(http.withBasicAuth("wangwu", PASSWORD).getForEntity("/api/permits", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(http.withBasicAuth("wangwu", "not-the-password").getForEntity("/api/permits", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.withBasicAuth("wangwu", "").getForEntity("/api/permits", String.class).getStatusCode())
        .as("an empty password is an anonymous bind, never a login").isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.withBasicAuth("nobody", PASSWORD).getForEntity("/api/permits", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void anIdInAnotherCaseDoesNotLogIn_evenWithTheRightPassword() {
    // the directory matches uid without case; a second id for the same person would defeat separation of duties
    assertThat(http.withBasicAuth("WangWu", PASSWORD).getForEntity("/api/permits", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(identityService.checkPassword("WANGWU", PASSWORD)).isFalse();
    assertThat(identityService.checkPassword("wangwu ", PASSWORD)).isFalse();
  }

  @Test
  void theFifthWrongPasswordLocksThisAddressOutOfThatAccount_theFourthDoesNot() {
    for (int i = 0; i < 4; i++) {
      http.withBasicAuth("tester1", "wrong-" + i).getForEntity("/api/permits", String.class);
    }
    assertThat(http.withBasicAuth("tester1", PASSWORD).getForEntity("/api/permits", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    for (int i = 0; i < 5; i++) {
      http.withBasicAuth("tester2", "wrong-" + i).getForEntity("/api/permits", String.class);
    }
    assertThat(http.withBasicAuth("tester2", PASSWORD).getForEntity("/api/permits", String.class).getStatusCode())
        .isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM dsf_audit_event WHERE event_type = 'LOGIN_THROTTLED' AND subject_id = ?",
        Long.class, "tester2")).isPositive();
  }

  @Test
  void theCompanysGroupsAreSeenUnderDsflowsIds() {
    assertThat(groupsOf("wangwu")).containsExactlyInAnyOrder("employee", "deptHead");
    assertThat(groupsOf("zhaoliu")).containsExactlyInAnyOrder("employee", "dso");
    assertThat(groupsOf("zhouba")).containsExactlyInAnyOrder("employee", "dsFirst");
    assertThat(groupsOf("admin")).contains("camunda-admin");
    assertThat(identityService.createGroupQuery().groupId("deptHead").singleResult().getName()).isEqualTo("数据所属部门负责人");
    // a directory group that merely carries the name deptHead is not the department heads, and the mapped
    // directory group is found only under the dsflow id
    assertThat(groupsOf("lisi")).containsExactly("employee");
    assertThat(identityService.createGroupQuery().groupId("dept-heads").count()).isZero();
    assertThat(identityService.createUserQuery().memberOfGroup("deptHead").list()).extracting(u -> u.getId())
        .containsExactlyInAnyOrder("wangwu", "qianer", "admin");
  }

  @Test
  void approvalSlotsGoToTheMappedDirectoryGroups() {
    ProcessInstance request = fixture.start("zhangsan", ApprovalFixture.request("BULK_EXPORT", "IMPORTANT"));
    Task deptHeadSlot = fixture.slot(request, "deptHead");
    assertThat(taskService.createTaskQuery().taskCandidateUser("wangwu").list()).extracting(Task::getId)
        .contains(deptHeadSlot.getId());
    assertThat(taskService.createTaskQuery().taskCandidateUser("lisi").list()).extracting(Task::getId)
        .doesNotContain(deptHeadSlot.getId());
    fixture.decide("wangwu", deptHeadSlot, "APPROVE", "同意");
    fixture.decide("zhaoliu", fixture.slot(request, "dso"), "APPROVE", "同意");
    fixture.decide("sunqi", fixture.slot(request, "dsDirect"), "APPROVE", "同意");
    assertThat(engine.tasksBelow(request.getId(), "approve")).isEmpty();
    assertThat(jdbc.queryForObject("SELECT count(*) FROM dsf_permit WHERE request_id = ?", Long.class, request.getId()))
        .isEqualTo(1L);
  }

  @Test
  void aDirectoryRequesterInTheSlotsGroupCannotDecide_norCanTheAdministrator() {
    ProcessInstance request = fixture.start("qianer", ApprovalFixture.request("BULK_EXPORT", "GENERAL"));
    Task slot = fixture.slot(request, "deptHead");
    assertThatThrownBy(() -> fixture.decide("qianer", slot, "APPROVE", "自批"))
        .satisfies(e -> assertThat(EngineRefusal.in(e).code()).isEqualTo("separation_of_duties"))
        .hasMessageContaining("申请人不得审批自己的申请");
    assertThatThrownBy(() -> fixture.decide("admin", slot, "APPROVE", "管理员代批"))
        .satisfies(e -> assertThat(EngineRefusal.in(e).code()).isEqualTo("separation_of_duties"))
        .hasMessageContaining("系统管理员不得担任审批人");
    assertThat(taskService.createTaskQuery().taskId(slot.getId()).singleResult().getAssignee()).isNull();
    fixture.decide("wangwu", slot, "APPROVE", "同意");
  }

  private List<String> groupsOf(String user) {
    return identityService.createGroupQuery().groupMember(user).list().stream().map(g -> g.getId()).toList();
  }

  private static InMemoryDirectoryServer startDirectory() {
    try {
      InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
      config.addAdditionalBindCredentials("cn=dsflow-bind," + BASE, "bind-secret");
      config.setListenerConfigs(
          InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), 0, null));
      InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
      server.add(new Entry(BASE, new Attribute("objectClass", "top", "domain"), new Attribute("dc", "corp")));
      server.add(new Entry("ou=people," + BASE, new Attribute("objectClass", "top", "organizationalUnit"),
          new Attribute("ou", "people")));
      server.add(new Entry("ou=groups," + BASE, new Attribute("objectClass", "top", "organizationalUnit"),
          new Attribute("ou", "groups")));
      person(server, "zhangsan", "张", "三");
      person(server, "lisi", "李", "四");
      person(server, "wangwu", "王", "五");
      person(server, "qianer", "钱", "二");
      person(server, "zhaoliu", "赵", "六");
      person(server, "sunqi", "孙", "七");
      person(server, "zhouba", "周", "八");
      person(server, "admin", "系统", "管理员");
      person(server, "tester1", "测试", "一");
      person(server, "tester2", "测试", "二");
      group(server, "all-staff", "zhangsan", "lisi", "wangwu", "qianer", "zhaoliu", "sunqi", "zhouba", "tester1",
          "tester2");
      group(server, "dept-heads", "wangwu", "qianer", "admin");
      group(server, "deptHead", "lisi"); // a look-alike: not the group mapped to deptHead
      group(server, "data-security-office", "zhaoliu");
      group(server, "dsDirect", "sunqi");
      group(server, "dsFirst", "zhouba");
      group(server, "it-admins", "admin");
      server.startListening();
      return server;
    } catch (LDAPException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void person(InMemoryDirectoryServer server, String uid, String sn, String givenName)
      throws LDAPException {
    server.add(new Entry("uid=" + uid + ",ou=people," + BASE,
        new Attribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson"),
        new Attribute("uid", uid), new Attribute("cn", sn + givenName), new Attribute("sn", sn),
        new Attribute("givenName", givenName), new Attribute("mail", uid + "@corp.example"),
        new Attribute("userPassword", PASSWORD)));
  }

  private static void group(InMemoryDirectoryServer server, String cn, String... members) throws LDAPException {
    server.add(new Entry("cn=" + cn + ",ou=groups," + BASE, new Attribute("objectClass", "top", "groupOfNames"),
        new Attribute("cn", cn),
        new Attribute("member", Arrays.stream(members).map(m -> "uid=" + m + ",ou=people," + BASE).toList())));
  }
}
