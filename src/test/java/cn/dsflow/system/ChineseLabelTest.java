package cn.dsflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.approval.DataLevel;
import cn.dsflow.approval.OperationType;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.junit.jupiter.api.Test;

/** Every code a person reads has its Chinese label, from one place (DESIGN.md); a person's name reads as in Chinese. */
class ChineseLabelTest {

  @Test
  void aKnownCodeReadsAsItsEnumsChineseName_anUnknownOneIsShownAsItIsNeverDropped() {
    assertThat(ChineseLabel.of(DataLevel.class, "IMPORTANT")).isEqualTo("重要数据");
    assertThat(ChineseLabel.of(OperationType.class, "CROSS_BORDER")).isEqualTo(OperationType.CROSS_BORDER.chineseName());
    assertThat(ChineseLabel.of(DataLevel.class, "SECRET")).isEqualTo("SECRET");
    assertThat(ChineseLabel.of(DataLevel.class, "important")).isEqualTo("important"); // codes are exact, as stored
    assertThat(ChineseLabel.of(DataLevel.class, null)).isNull();
  }

  @Test
  void aPersonReadsFamilyNameFirstWithoutASpace_andByAccountWhenTheDirectoryHasNoName() {
    assertThat(ChineseLabel.person(user("zhangsan", " 三 ", "张 "), "zhangsan")).isEqualTo("张三");
    assertThat(ChineseLabel.person(user("svc", null, " "), "svc")).isEqualTo("svc");
    assertThat(ChineseLabel.person(user("wang", "五", null), "wang")).isEqualTo("五");
    assertThat(ChineseLabel.person(null, "gone")).isEqualTo("gone");
  }

  private static UserEntity user(String id, String firstName, String lastName) {
    UserEntity u = new UserEntity(id);
    u.setFirstName(firstName);
    u.setLastName(lastName);
    return u;
  }
}
