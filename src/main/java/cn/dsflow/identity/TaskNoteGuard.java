package cn.dsflow.identity;

import cn.dsflow.ledger.AuditChain;
import cn.dsflow.system.DisplayName;
import cn.dsflow.system.EngineRefusal;
import cn.dsflow.system.SqlTime;
import java.lang.reflect.Field;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AddCommentCmd;
import org.camunda.bpm.engine.impl.cmd.CreateAttachmentCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteAttachmentCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteProcessInstanceCommentCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteTaskCommentCmd;
import org.camunda.bpm.engine.impl.cmd.SaveAttachmentCmd;
import org.camunda.bpm.engine.impl.cmd.UpdateCommentCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Attachment;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Who may write on a task, enforced inside the engine so that {@code /engine-rest}, the Tasklist session API and Java
 * alike are covered. Camunda's authorizations cannot say it: adding a comment or attachment needs only READ on the
 * task, which every officer has, and Camunda records no author for an attachment.
 * <ul>
 *   <li>Only the task's assignee, its candidates, and the requester of the case add comments or attachments: a
 *       remark on an approval slot is part of the decision's record (000 §3.4.2).</li>
 *   <li>Nobody edits or deletes a comment or attachment someone else added.</li>
 *   <li>Attachment links are http(s) only, and names are stored without path parts or bidi/control characters.</li>
 * </ul>
 * Each refusal is audited ({@code TASK_NOTE_REFUSED}) and answers 403 or 400.
 */
@Component
public class TaskNoteGuard extends AbstractProcessEnginePlugin {

  private final ObjectProvider<AuditChain> audit;
  private final ObjectProvider<JdbcTemplate> jdbc;

  public TaskNoteGuard(ObjectProvider<AuditChain> audit, ObjectProvider<JdbcTemplate> jdbc) {
    this.audit = audit;
    this.jdbc = jdbc;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<CommandInterceptor> post = configuration.getCustomPostCommandInterceptorsTxRequired() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostCommandInterceptorsTxRequired());
    post.add(new Interceptor());
    configuration.setCustomPostCommandInterceptorsTxRequired(post);
  }

  private final class Interceptor extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      CommandContext context = Context.getCommandContext();
      String user = context == null ? null : context.getAuthenticatedUserId();
      if (user == null || !guarded(command)) {
        return next.execute(command); // the engine acting on its own
      }
      List<String> groups = context.getAuthenticatedGroupIds() == null ? List.of() : context.getAuthenticatedGroupIds();
      String taskId = field(command, "taskId");
      try {
        before(command, context, user, groups, taskId);
      } catch (EngineRefusal refusal) {
        throw audit.getObject().refused("TASK_NOTE_REFUSED", user, "task", taskId == null ? "-" : taskId, refusal);
      }
      T result = next.execute(command);
      if (command instanceof CreateAttachmentCmd && result instanceof Attachment a) {
        jdbc.getObject().update(
            "INSERT INTO dsf_attachment_author (attachment_id, task_id, author, created_at) VALUES (?, ?, ?, ?)",
            a.getId(), a.getTaskId(), user, SqlTime.ts(ClockUtil.getCurrentTime().toInstant()));
      }
      return result;
    }
  }

  private static boolean guarded(Command<?> c) {
    return c instanceof AddCommentCmd || c instanceof CreateAttachmentCmd || c instanceof DeleteAttachmentCmd
        || c instanceof DeleteTaskCommentCmd || c instanceof DeleteProcessInstanceCommentCmd
        || c instanceof UpdateCommentCmd || c instanceof SaveAttachmentCmd;
  }

  private void before(Command<?> command, CommandContext context, String user, List<String> groups, String taskId) {
    if (command instanceof AddCommentCmd || command instanceof CreateAttachmentCmd) {
      if (taskId == null || !takesPart(context, taskId, user, groups)) {
        throw EngineRefusal.forbidden("not_a_participant",
            "只有任务的办理人、候选人和申请人可以添加评论或附件 (only the task's assignee, candidates and the requester may add comments or attachments)");
      }
      if (command instanceof CreateAttachmentCmd) {
        checkLink(field(command, "url"));
        setField(command, "attachmentName", DisplayName.sanitise(field(command, "attachmentName"), "attachment"));
      }
    } else if (command instanceof DeleteAttachmentCmd || command instanceof SaveAttachmentCmd) {
      String attachmentId = command instanceof DeleteAttachmentCmd ? field(command, "attachmentId")
          : ((Attachment) fieldValue(command, "attachment")).getId();
      List<String> author = jdbc.getObject().queryForList(
          "SELECT author FROM dsf_attachment_author WHERE attachment_id = ?", String.class, attachmentId);
      if (author.isEmpty() || !author.get(0).equals(user)) {
        throw notYours();
      }
    } else {
      // comments: a single one, or all of a task or a process instance (commentId null)
      String commentId = field(command, "commentId");
      String processInstanceId = command instanceof DeleteTaskCommentCmd ? null : field(command, "processInstanceId");
      List<Map<String, Object>> comments = jdbc.getObject().queryForList(
          "SELECT id_, user_id_ FROM act_hi_comment WHERE type_ = 'comment' AND (id_ = ? OR (CAST(? AS VARCHAR) IS NULL AND "
              + "(task_id_ = ? OR (CAST(? AS VARCHAR) IS NULL AND proc_inst_id_ = ?))))",
          commentId, commentId, taskId, taskId, processInstanceId);
      for (Map<String, Object> c : comments) {
        if (!user.equals(c.get("user_id_"))) {
          throw notYours();
        }
      }
    }
  }

  private static EngineRefusal notYours() {
    return EngineRefusal.forbidden("not_the_author",
        "只能修改或删除自己添加的评论或附件 (nobody edits or deletes a comment or attachment someone else added)");
  }

  /** The assignee, a candidate user, a member of a candidate group, or whoever started the case. */
  private boolean takesPart(CommandContext context, String taskId, String user, List<String> groups) {
    TaskEntity task = context.getTaskManager().findTaskById(taskId);
    if (task == null) {
      return true; // the engine answers 404 for a task that does not exist
    }
    if (user.equals(task.getAssignee()) || user.equals(task.getOwner())) {
      return true;
    }
    for (IdentityLink link : task.getCandidates()) {
      if (IdentityLinkType.CANDIDATE.equals(link.getType())
          && (user.equals(link.getUserId()) || (link.getGroupId() != null && groups.contains(link.getGroupId())))) {
        return true;
      }
    }
    if (task.getProcessInstanceId() == null) {
      return false;
    }
    String root = task.getProcessInstance().getRootProcessInstanceId();
    List<String> starter = jdbc.getObject().queryForList(
        "SELECT start_user_id_ FROM act_hi_procinst WHERE id_ = ?", String.class, root);
    return !starter.isEmpty() && user.equals(starter.get(0));
  }

  /** Links open in the reader's browser: anything but http(s) (javascript:, data:, file:) could run or read there. */
  static void checkLink(String url) {
    if (url == null || url.isBlank()) {
      return;
    }
    String scheme;
    try {
      scheme = URI.create(url.strip()).getScheme();
    } catch (IllegalArgumentException e) {
      scheme = null;
    }
    if (scheme == null || !Set.of("http", "https").contains(scheme.toLowerCase(Locale.ROOT))) {
      throw EngineRefusal.invalid("url", "附件链接只能是 http 或 https 地址 (attachment links must be http or https)");
    }
  }

  private static String field(Object command, String name) {
    Object v = fieldValue(command, name);
    return v == null ? null : v.toString();
  }

  private static Object fieldValue(Object command, String name) {
    for (Class<?> c = command.getClass(); c != null; c = c.getSuperclass()) {
      try {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(command);
      } catch (NoSuchFieldException e) {
        // look in the superclass
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
    return null;
  }

  private static void setField(Object command, String name, Object value) {
    try {
      Field f = command.getClass().getDeclaredField(name);
      f.setAccessible(true);
      f.set(command, value);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Camunda's " + command.getClass().getSimpleName() + " changed: no " + name, e);
    }
  }
}
