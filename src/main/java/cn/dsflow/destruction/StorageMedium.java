package cn.dsflow.destruction;

/**
 * The carrier the data sit on (000 §4.7.1(1): the technique suits the data and the medium; §4.2.2(3): the storage-media
 * ledger). Which method works on which medium is the policy table's call: degaussing, for one, does nothing to flash.
 */
public enum StorageMedium {
  MAGNETIC_DISK("磁介质（机械硬盘、磁带）"),
  SOLID_STATE("固态/闪存（SSD、U 盘、存储卡）"),
  OPTICAL("光盘"),
  PAPER("纸质"),
  CLOUD_VOLUME("云存储/逻辑卷");

  private final String chineseName;

  StorageMedium(String chineseName) {
    this.chineseName = chineseName;
  }

  public String chineseName() {
    return chineseName;
  }
}
