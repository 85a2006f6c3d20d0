package com.csmflow.engine;

import org.camunda.bpm.engine.impl.HistoricDetailQueryImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.history.event.HistoricDetailEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ByteArrayEntity;
import org.camunda.bpm.engine.impl.persistence.entity.HistoricVariableInstanceEntity;
import org.camunda.bpm.engine.repository.ResourceTypes;

/**
 * The engine's database history, with the first detail row of a value the machine set written when the
 * variable first changes instead of when it is created (issue 22, docs/performance.md tuning 26).
 * <p>
 * At history level full the engine writes a historic variable row and a detail row for a new variable;
 * until the variable changes, both hold the same value at the same time, and most variables of a case
 * never change (in a completed standard change 48 of 51). A variable created in a command without a user
 * operation (a delegate, a timer, an asynchronous step) and not at the start of its process therefore
 * gets its historic variable row only. When it first changes or is removed, its first detail is written
 * from that row (value, time, task, scope) before the engine writes the change, so the history of
 * values is complete from then on. Two things of the first detail are not kept: the activity instance
 * that set the value (the row keeps the scope's) and the variable's revision (0). A value a person set
 * (the detail links to the user operation log) and the start variables (the engine's "initial"
 * variables, which a restart with its initial set reads) keep their detail at once.
 * <p>
 * {@code csmflow.history.first-detail-on-change=false} keeps the engine's behaviour.
 * <p>
 * Engine internals: the database history handler is the only place where the engine's history rows are
 * written; a detail cannot be left out or added later through the public API.
 */
class FirstDetailOnChange extends DbHistoryEventHandler {

    @Override
    protected void insertHistoricVariableUpdateEntity(HistoricVariableUpdateEventEntity event) {
        if (!levelWritesDetails(event)) {
            super.insertHistoricVariableUpdateEntity(event);
        } else if (isFirstValueOfTheMachine(event)) {
            getDbEntityManager().insert(new HistoricVariableInstanceEntity(event));
        } else {
            if (!event.isEventOfType(HistoryEventTypes.VARIABLE_INSTANCE_CREATE)) {
                // before the engine applies an update or a migration to the row that holds the first value
                writeDeferredFirstDetail(event.getVariableInstanceId());
            }
            super.insertHistoricVariableUpdateEntity(event);
        }
    }

    /** History level full (the product's) writes details; a lower level writes none, deferred or not. */
    private static boolean levelWritesDetails(HistoricVariableUpdateEventEntity event) {
        return Context.getProcessEngineConfiguration()
                .getHistoryLevel()
                .isHistoryEventProduced(HistoryEventTypes.VARIABLE_INSTANCE_UPDATE_DETAIL, event);
    }

    private static boolean isFirstValueOfTheMachine(HistoricVariableUpdateEventEntity event) {
        return event.isEventOfType(HistoryEventTypes.VARIABLE_INSTANCE_CREATE)
                && event.getUserOperationId() == null
                && !Boolean.TRUE.equals(event.isInitial());
    }

    /** The first detail of a variable whose creation wrote none, from its historic row, before that changes. */
    private void writeDeferredFirstDetail(String variableInstanceId) {
        DbEntityManager database = getDbEntityManager();
        // the engine reads the same row next (from this cache) to apply the change
        HistoricVariableInstanceEntity row =
                database.selectById(HistoricVariableInstanceEntity.class, variableInstanceId);
        if (row == null || hasDetail(database, row)) {
            return;
        }
        HistoricVariableUpdateEventEntity first = new HistoricVariableUpdateEventEntity();
        first.setEventType(HistoryEventTypes.VARIABLE_INSTANCE_CREATE.getEventName());
        first.setTimestamp(row.getCreateTime());
        first.setVariableInstanceId(row.getId());
        first.setVariableName(row.getName());
        first.setProcessDefinitionKey(row.getProcessDefinitionKey());
        first.setProcessDefinitionId(row.getProcessDefinitionId());
        first.setProcessInstanceId(row.getProcessInstanceId());
        first.setRootProcessInstanceId(row.getRootProcessInstanceId());
        first.setExecutionId(row.getExecutionId());
        first.setActivityInstanceId(row.getActivityInstanceId());
        first.setScopeActivityInstanceId(row.getActivityInstanceId());
        first.setTaskId(row.getTaskId());
        first.setTenantId(row.getTenantId());
        first.setCaseDefinitionKey(row.getCaseDefinitionKey());
        first.setCaseDefinitionId(row.getCaseDefinitionId());
        first.setCaseInstanceId(row.getCaseInstanceId());
        first.setCaseExecutionId(row.getCaseExecutionId());
        first.setRemovalTime(row.getRemovalTime());
        first.setSerializerName(row.getSerializerName());
        first.setTextValue(row.getTextValue());
        first.setTextValue2(row.getTextValue2());
        first.setLongValue(row.getLongValue());
        first.setDoubleValue(row.getDoubleValue());
        // a new variable's sequence counter is 1; the change that follows has a higher one
        first.setSequenceCounter(1);
        first.setRevision(0);
        byte[] bytes = row.getByteArrayValue();
        if (bytes != null) {
            ByteArrayEntity copy = new ByteArrayEntity(row.getName(), bytes, ResourceTypes.HISTORY);
            copy.setRootProcessInstanceId(row.getRootProcessInstanceId());
            copy.setRemovalTime(row.getRemovalTime());
            Context.getCommandContext().getByteArrayManager().insertByteArray(copy);
            first.setByteArrayId(copy.getId());
        }
        database.insert(first);
    }

    /**
     * Whether the variable has a detail row already: written in this command (still in the cache), or in
     * an earlier one. A changed historic row (revision above 0) has had its first detail written then.
     */
    private static boolean hasDetail(DbEntityManager database, HistoricVariableInstanceEntity row) {
        if (row.getRevision() > 0) {
            return true;
        }
        // asked by the cache's key class: asked by a subclass, the engine's cache finds none (7.24)
        for (HistoricDetailEventEntity cached : database.getCachedEntitiesByType(HistoricDetailEventEntity.class)) {
            if (cached instanceof HistoricVariableUpdateEventEntity update
                    && row.getId().equals(update.getVariableInstanceId())) {
                return true;
            }
        }
        CommandContext command = Context.getCommandContext();
        boolean tenantCheck = command.isTenantCheckEnabled();
        command.disableTenantCheck();
        try {
            // the history's own bookkeeping, whoever's command it runs in
            HistoricDetailQueryImpl details = new HistoricDetailQueryImpl();
            details.variableInstanceId(row.getId());
            return command.runWithoutAuthorization(() -> details.executeCount(command)) > 0;
        } finally {
            command.setTenantCheckEnabled(tenantCheck);
        }
    }
}
