package cn.dsflow.identity;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Which directory group stands for which dsflow group. A company's directory names its groups its own way
 * ({@code CN=数据安全部,OU=Groups}); dsflow's group ids are contracts (DESIGN.md), so the directory's ids are translated at
 * the identity provider and nowhere else. A dsflow group that is not mapped is looked up under its own id.
 *
 * <p>Keys are matched ignoring case and punctuation because Spring lower-cases map keys bound from environment variables
 * ({@code DSFLOW_LDAP_GROUPS_DEPTHEAD}). Two dsflow groups may not share one directory group: the directory group would
 * come back under one id only, and its members would silently lose the other.
 */
final class DirectoryGroups {

  private static final String[] KNOWN =
      Stream.concat(Arrays.stream(Group.values()).map(Group::id), Stream.of(Group.ADMIN)).toArray(String[]::new);

  /** dsflow id → directory id. */
  private final Map<String, String> toDirectory = new LinkedHashMap<>();
  /** directory id (lower case: directories compare group names without case) → dsflow id. */
  private final Map<String, String> fromDirectory = new HashMap<>();

  DirectoryGroups(Map<String, String> configured) {
    for (Map.Entry<String, String> e : configured == null ? Map.<String, String>of().entrySet() : configured.entrySet()) {
      String dsflowId = Arrays.stream(KNOWN).filter(k -> normal(k).equals(normal(e.getKey()))).findFirst()
          .orElseThrow(() -> new IllegalStateException("dsflow.ldap.groups." + e.getKey()
              + ": not a dsflow group (known: " + String.join(", ", KNOWN) + ")"));
      String directoryId = e.getValue() == null ? "" : e.getValue().trim();
      if (directoryId.isEmpty()) {
        throw new IllegalStateException("dsflow.ldap.groups." + e.getKey() + ": empty directory group id");
      }
      String earlier = fromDirectory.put(directoryId.toLowerCase(Locale.ROOT), dsflowId);
      if (earlier != null && !earlier.equals(dsflowId)) {
        throw new IllegalStateException("dsflow.ldap.groups: directory group '" + directoryId + "' is mapped to both "
            + earlier + " and " + dsflowId + "; every dsflow group needs a directory group of its own");
      }
      toDirectory.put(dsflowId, directoryId);
    }
  }

  /**
   * The directory id to search for when dsflow asks for {@code groupId}; empty when nothing may match: a directory group
   * that stands for a dsflow group is only found under the dsflow id, and a directory group that happens to carry the
   * id of a mapped dsflow group is not that group.
   */
  Optional<String> directoryId(String groupId) {
    String mapped = toDirectory.get(groupId);
    if (mapped != null) {
      return Optional.of(mapped);
    }
    if (fromDirectory.containsKey(groupId.toLowerCase(Locale.ROOT))) {
      return Optional.empty();
    }
    return Optional.of(groupId);
  }

  /** The id dsflow sees for a group the directory returned; null hides it (a name clash with a mapped dsflow group). */
  String dsflowId(String directoryId) {
    if (directoryId == null) {
      return null;
    }
    String mapped = fromDirectory.get(directoryId.toLowerCase(Locale.ROOT));
    if (mapped != null) {
      return mapped;
    }
    return toDirectory.containsKey(directoryId) ? null : directoryId;
  }

  private static String normal(String key) {
    return key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }
}
