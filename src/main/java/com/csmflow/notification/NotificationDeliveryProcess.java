package com.csmflow.notification;

import com.csmflow.engine.ProcessVariable;
import java.util.Date;
import java.util.List;

/** The names of {@code bpmn/notification-delivery.bpmn} that Java refers to. */
public final class NotificationDeliveryProcess {

    public static final String KEY = "notification-delivery";

    /** The outbox ids of the batch, a list of texts like every list variable. */
    public static final ProcessVariable<List<String>> OUTBOX_IDS = ProcessVariable.texts("outboxIds");
    /** Until when the batch is held (the client's next business hour), or absent. */
    public static final ProcessVariable<Date> NOT_BEFORE = ProcessVariable.instant("notBefore");

    public static final String TASK_DELIVER = "Task_Deliver";

    private NotificationDeliveryProcess() {}
}
