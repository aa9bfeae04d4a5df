package cn.dsflow.calendar;

import java.time.LocalDate;

/** Whether a date is a working day, and why; {@code provisional} when its year was derived from the holiday law. */
public record DayInfo(LocalDate date, boolean workingDay, String reason, boolean provisional) {}
