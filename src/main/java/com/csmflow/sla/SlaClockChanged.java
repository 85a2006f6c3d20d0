package com.csmflow.sla;

/**
 * A clock of this case was started, paused, resumed, re-targeted or stopped. Published by
 * {@link SlaClocks} inside the transaction of the change; listeners run in it too.
 *
 * @param businessKey the case the clock belongs to
 * @param processInstanceId the process instance that runs it (may be {@code null})
 */
public record SlaClockChanged(String businessKey, String processInstanceId) {}
