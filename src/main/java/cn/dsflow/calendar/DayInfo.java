package cn.dsflow.calendar;

import java.time.LocalDate;

/** Whether a date is a working day, and why. */
public record DayInfo(LocalDate date, boolean workingDay, String reason) {}
