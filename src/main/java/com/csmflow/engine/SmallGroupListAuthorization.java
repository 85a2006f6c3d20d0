package com.csmflow.engine;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.springframework.stereotype.Component;

/**
 * Skips the engine's "which of the user's groups have any authorization" lookup for users with few
 * groups (docs/performance.md, tuning 3).
 *
 * <p>Before every authorization check Camunda 7 reads {@code SELECT distinct(GROUP_ID_) FROM
 * ACT_RU_AUTHORIZATION} (all rows, no condition; camunda/camunda-bpm-platform#5485) to drop the
 * user's groups that have no authorization, which only keeps the {@code GROUP_ID_ IN (...)} lists of
 * users with hundreds of groups short. The table holds one authorization per open task and candidate
 * group, so this scan grew to 20 ms at 30,000 open tasks, twice per REST call. For our users (a
 * handful of role groups) the unfiltered list gives the same result: a group without authorizations
 * matches no authorization row. Larger group lists still go through the engine's filter.
 * <p>
 * Engine internals: the authorization manager is an internal session of the engine, replaceable only
 * through its internal session factories; no public API shapes the authorization check SQL.
 */
@Component
class SmallGroupListAuthorization extends AbstractProcessEnginePlugin {

    /** Up to this many groups the list goes into the checks as it is. */
    static final int THRESHOLD = 20;

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<SessionFactory> factories = configuration.getCustomSessionFactories() == null
                ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomSessionFactories());
        factories.add(new SessionFactory() {
            @Override
            public Class<?> getSessionType() {
                return AuthorizationManager.class;
            }

            @Override
            public Session openSession() {
                return new SmallGroupListAuthorizationManager();
            }
        });
        configuration.setCustomSessionFactories(factories);
    }

    static class SmallGroupListAuthorizationManager extends AuthorizationManager {
        @Override
        public List<String> filterAuthenticatedGroupIds(List<String> authenticatedGroupIds) {
            if (authenticatedGroupIds != null
                    && !authenticatedGroupIds.isEmpty()
                    && authenticatedGroupIds.size() <= THRESHOLD) {
                return new ArrayList<>(authenticatedGroupIds);
            }
            return super.filterAuthenticatedGroupIds(authenticatedGroupIds);
        }
    }
}
