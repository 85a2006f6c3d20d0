package com.csmflow.change;

import com.csmflow.api.ListFilters;
import com.csmflow.api.PageParameters;
import com.csmflow.audit.RegisterAudit;
import com.csmflow.engine.EngineIdentity;
import com.csmflow.register.ProcessOrigin;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The change register: rows and votes, each change written together with its audit entry in the
 * caller's transaction (the engine's, when a process step writes).
 */
@Service
class ChangeRegister {

    static final String REGISTER = "change";
    static final String VOTE_REGISTER = "change-cab-vote";

    private final ChangeRecordRepository changes;
    private final CabVoteRepository votes;
    private final RegisterAudit audit;
    private final IdentityService identityService;
    private final EngineIdentity engineIdentity;

    ChangeRegister(
            ChangeRecordRepository changes,
            CabVoteRepository votes,
            RegisterAudit audit,
            IdentityService identityService,
            EngineIdentity engineIdentity) {
        this.engineIdentity = engineIdentity;
        this.changes = changes;
        this.votes = votes;
        this.audit = audit;
        this.identityService = identityService;
    }

    @Transactional
    ChangeRecord create(DelegateExecution execution, ChangeRecord record) {
        ChangeRecord saved = changes.save(record);
        audit.record(execution, REGISTER, saved.getReference(), RegisterAudit.CREATE, Map.of(), saved.snapshot());
        return saved;
    }

    /** Applies a change to the row of the execution's business key and audits the fields that changed. */
    @Transactional
    ChangeRecord update(DelegateExecution execution, String action, Consumer<ChangeRecord> change) {
        ChangeRecord record = find(execution.getProcessBusinessKey())
                .orElseThrow(() -> new IllegalStateException(
                        "No change " + execution.getProcessBusinessKey() + " in the register"));
        Map<String, Object> before = new LinkedHashMap<>(record.snapshot());
        change.accept(record);
        audit.record(execution, REGISTER, record.getReference(), action, before, record.snapshot());
        return record;
    }

    /** One vote per task: a retried or replayed completion records nothing the second time. */
    @Transactional
    void recordVote(
            DelegateExecution execution,
            String board,
            String voter,
            String vote,
            boolean veto,
            String comment,
            Instant at,
            String taskId) {
        if (votes.existsByTaskId(taskId)) {
            return;
        }
        String reference = execution.getProcessBusinessKey();
        votes.save(new CabVote(reference, board, voter, vote, veto, comment, at, taskId, ProcessOrigin.of(execution)));
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("board", board);
        after.put("voter", voter);
        after.put("vote", vote);
        after.put("veto", veto);
        after.put("comment", comment);
        audit.record(execution, VOTE_REGISTER, reference, "VOTE", Map.of(), after);
    }

    @Transactional(readOnly = true)
    Optional<ChangeRecord> find(String reference) {
        return changes.findByReference(reference);
    }

    @Transactional(readOnly = true)
    List<CabVote> votes(String reference) {
        return votes.findByChangeReferenceOrderByVotedAtAscIdAsc(reference);
    }

    @Transactional(readOnly = true)
    Page<ChangeRecord> search(
            String client, ChangeStatus status, Instant windowFrom, Instant windowTo, PageParameters page) {
        // the window filter keeps changes whose window overlaps [windowFrom, windowTo)
        return changes.findAll(
                ListFilters.<ChangeRecord>allOf(
                        ListFilters.equal("clientReference", client),
                        ListFilters.equal("status", status),
                        ListFilters.after("windowEnd", windowFrom),
                        ListFilters.before("windowStart", windowTo)),
                page.sortedBy(Sort.by("windowStart", "reference")));
    }

    /** Group membership as the engine's identity service knows it, whoever the current user is. */
    boolean isMember(String userId, String groupId) {
        return engineIdentity.asPlatform(() -> identityService
                        .createUserQuery()
                        .userId(userId)
                        .memberOfGroup(groupId)
                        .count()
                > 0);
    }
}
