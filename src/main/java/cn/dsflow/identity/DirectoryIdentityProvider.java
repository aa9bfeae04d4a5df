package cn.dsflow.identity;

import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.persistence.entity.GroupEntity;
import org.camunda.bpm.identity.impl.ldap.LdapConfiguration;
import org.camunda.bpm.identity.impl.ldap.LdapGroupQuery;
import org.camunda.bpm.identity.impl.ldap.LdapIdentityProviderSession;
import javax.naming.directory.SearchResult;

/**
 * Camunda's LDAP identity provider with dsflow's login throttle, an exact-id login, and dsflow's group ids.
 *
 * <p>Exact id: a directory compares user ids without case ({@code uid} and {@code sAMAccountName} both do), so without
 * this check {@code WangWu} would bind with wangwu's password and act under an id that is not {@code wangwu}: the
 * requester could approve his own request and one approver could decide twice, because separation of duties compares ids
 * (DESIGN.md: the requester never decides, nobody decides twice). Only the id the directory stores is accepted.
 */
class DirectoryIdentityProvider extends LdapIdentityProviderSession {

  /** A filter that matches no entry, in a form every LDAP server accepts. */
  private static final String NOTHING = "(&(objectClass=*)(!(objectClass=*)))";

  private final LoginThrottle throttle;
  private final DirectoryGroups groups;

  DirectoryIdentityProvider(LdapConfiguration configuration, LoginThrottle throttle, DirectoryGroups groups) {
    super(configuration);
    this.throttle = throttle;
    this.groups = groups;
  }

  @Override
  public boolean checkPassword(String userId, String password) {
    if (LoginThrottle.impossibleUserId(userId) || password == null || password.isEmpty()) {
      return false; // an empty password is an anonymous bind, which many servers accept: never a login
    }
    String source = ClientAddress.current();
    if (throttle.lockedUntil(source, userId).isPresent()) {
      return false; // not even sent to the directory: a locked-out guesser learns nothing from further tries
    }
    User user = findUserById(userId);
    if (user == null) {
      return false; // names nobody has are not counted, so guessing names fills no table
    }
    if (user.getId().equals(userId) && super.checkPassword(userId, password)) {
      throttle.succeeded(source, userId);
      return true;
    }
    throttle.failed(source, userId);
    return false;
  }

  @Override
  protected GroupEntity transformGroup(SearchResult result) {
    GroupEntity group = super.transformGroup(result);
    String id = groups.dsflowId(group.getId());
    group.setId(id);
    Group.byId(id).ifPresent(g -> group.setName(g.chineseName()));
    return group;
  }

  /** Camunda's filter, with dsflow ids turned into directory ids, and every value from a caller escaped. */
  @Override
  protected String getGroupSearchFilter(LdapGroupQuery query) {
    String idAttribute = ldapConfiguration.getGroupIdAttribute();
    StringWriter search = new StringWriter();
    search.write("(&");
    search.write(ldapConfiguration.getGroupSearchFilter());
    if (query.getId() != null) {
      Optional<String> id = groups.directoryId(query.getId());
      if (id.isEmpty()) {
        return NOTHING;
      }
      addFilter(idAttribute, escapeLDAPSearchFilter(id.get()), search);
    }
    if (query.getIds() != null && query.getIds().length > 0) {
      List<String> ids = java.util.Arrays.stream(query.getIds()).map(groups::directoryId).flatMap(Optional::stream).toList();
      if (ids.isEmpty()) {
        return NOTHING;
      }
      search.write("(|");
      ids.forEach(id -> addFilter(idAttribute, escapeLDAPSearchFilter(id), search));
      search.write(")");
    }
    if (query.getName() != null) {
      addFilter(ldapConfiguration.getGroupNameAttribute(), escapeLDAPSearchFilter(query.getName()), search);
    }
    if (query.getNameLike() != null) {
      // its * is the wildcard; the rest is escaped so a name cannot close the filter and widen the search
      String pattern = query.getNameLike().replace("\\", "\\5c").replace("(", "\\28").replace(")", "\\29")
          .replace("\0", "\\00");
      addFilter(ldapConfiguration.getGroupNameAttribute(), pattern, search);
    }
    if (query.getUserId() != null) {
      String member = ldapConfiguration.isUsePosixGroups() ? query.getUserId() : getDnForUser(query.getUserId());
      addFilter(ldapConfiguration.getGroupMemberAttribute(), escapeLDAPSearchFilter(member), search);
    }
    search.write(")");
    return search.toString();
  }
}
