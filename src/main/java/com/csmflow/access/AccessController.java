package com.csmflow.access;

import com.csmflow.api.PageParameters;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The access register and the access reviews (004 PR6.5): requests for rights, revocations, the register
 * (ISEC, IT, the service's SM and DM), the reviews and their evidence (ISEC, IT) as JSON and CSV.
 */
@RestController
class AccessController {

    private final AccessRights rights;
    private final AccessReviews reviews;

    AccessController(AccessRights rights, AccessReviews reviews) {
        this.rights = rights;
        this.reviews = reviews;
    }

    record NewAccessRequest(
            @NotBlank @Size(max = 64) String clientReference,
            @NotBlank @Size(max = 255) String grantee,
            @NotBlank @Size(max = 200) String asset,
            @NotBlank @Size(max = 200) String permission,
            @NotBlank @Size(max = 2000) String reason,
            @Size(max = 32) String validUntil,
            @Size(max = 255) String approver,
            @Size(max = 32) String serviceReference,
            @Size(max = 32) String supersedes) {}

    /** What the requester gets back: the reference and the state, nothing of other rights. */
    record AccessRequestReceipt(String reference, String status, String processInstanceId) {}

    record RevocationBody(@NotBlank @Size(max = 2000) String reason) {}

    record NewAccessReview(@NotBlank @Size(max = 64) String clientReference, Integer deadlineDays) {}

    record AccessRightView(
            String reference,
            String clientReference,
            String serviceReference,
            String grantee,
            String asset,
            String permission,
            String reason,
            Instant validUntil,
            String approver,
            String requestedBy,
            String supersedes,
            String supersededBy,
            String status,
            String decidedBy,
            Instant decidedAt,
            String decisionComment,
            String grantedBy,
            Instant grantedAt,
            String revocationKind,
            String revocationReason,
            String revocationRequestedBy,
            Instant revocationRequestedAt,
            boolean revokedAutomatically,
            String revokedBy,
            Instant revokedAt,
            Instant createdAt) {
        static AccessRightView of(AccessRight r) {
            return new AccessRightView(
                    r.getReference(),
                    r.getClientReference(),
                    r.getServiceReference(),
                    r.getGrantee(),
                    r.getAsset(),
                    r.getPermission(),
                    r.getReason(),
                    r.getValidUntil(),
                    r.getApprover(),
                    r.getRequestedBy(),
                    r.getSupersedes(),
                    r.getSupersededBy(),
                    r.getStatus().name(),
                    r.getDecidedBy(),
                    r.getDecidedAt(),
                    r.getDecisionComment(),
                    r.getGrantedBy(),
                    r.getGrantedAt(),
                    r.getRevocationKind() == null ? null : r.getRevocationKind().name(),
                    r.getRevocationReason(),
                    r.getRevocationRequestedBy(),
                    r.getRevocationRequestedAt(),
                    r.getRevocationKind() != null && r.getRevocationKind().automatic(),
                    r.getRevokedBy(),
                    r.getRevokedAt(),
                    r.getCreatedAt());
        }
    }

    record AccessReviewView(
            String reference,
            String clientReference,
            String status,
            String openedBy,
            Instant openedAt,
            Instant deadline,
            int rightsReviewed,
            int confirmed,
            int revoked,
            int revokedAtDeadline,
            Instant closedAt,
            String processInstanceId) {
        static AccessReviewView of(AccessReview r) {
            return new AccessReviewView(
                    r.getReference(),
                    r.getClientReference(),
                    r.getStatus().name(),
                    r.getOpenedBy(),
                    r.getCreatedAt(),
                    r.getDeadline(),
                    r.getRightsReviewed(),
                    r.getConfirmed(),
                    r.getRevoked(),
                    r.getRevokedAtDeadline(),
                    r.getClosedAt(),
                    r.getOrigin() == null ? null : r.getOrigin().getProcessInstanceId());
        }
    }

    record EvidenceRow(
            String reviewReference,
            String rightReference,
            String grantee,
            String asset,
            String permission,
            String reviewer,
            String decision,
            boolean automatic,
            String decidedBy,
            Instant decidedAt,
            String comment) {
        static EvidenceRow of(AccessReviewDecision d) {
            return new EvidenceRow(
                    d.getReviewReference(),
                    d.getRightReference(),
                    d.getGrantee(),
                    d.getAsset(),
                    d.getPermission(),
                    d.getReviewer(),
                    d.getDecision().name(),
                    d.isAutomatic(),
                    d.getDecidedBy(),
                    d.getDecidedAt(),
                    d.getComment());
        }
    }

    @ApiResponse(
            responseCode = "201",
            description = "Requested: the access-right workflow has started; the asset owner or ISEC decides",
            headers = @Header(name = "Location", description = "Path of the right in the access register"))
    @PostMapping("/api/access-requests")
    ResponseEntity<AccessRequestReceipt> request(@Valid @RequestBody NewAccessRequest body, Authentication caller) {
        AccessRight right = rights.request(
                new AccessRights.Request(
                        body.clientReference(),
                        body.grantee(),
                        body.asset(),
                        body.permission(),
                        body.reason(),
                        body.validUntil(),
                        body.approver(),
                        body.serviceReference(),
                        body.supersedes()),
                caller == null ? null : caller.getName());
        return ResponseEntity.created(URI.create("/api/access-rights/" + right.getReference()))
                .body(new AccessRequestReceipt(
                        right.getReference(),
                        right.getStatus().name(),
                        right.getOrigin() == null ? null : right.getOrigin().getProcessInstanceId()));
    }

    @ApiResponse(responseCode = "200", description = "The access right")
    @ApiResponse(responseCode = "403", description = "Not ISEC, IT or the SM or DM of the right's service")
    @ApiResponse(responseCode = "404", description = "No access right with this reference")
    @GetMapping("/api/access-rights/{reference}")
    AccessRightView right(@PathVariable String reference) {
        return AccessRightView.of(rights.find(reference));
    }

    @ApiResponse(responseCode = "200", description = "Access rights the caller may read, newest first, paged")
    @GetMapping("/api/access-rights")
    ResponseEntity<List<AccessRightView>> rights(
            @RequestParam(required = false) String clientReference,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String grantee,
            @RequestParam(required = false) String serviceReference,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = PageParameters.DEFAULT_SIZE) int size) {
        return PageParameters.response(
                rights.list(
                        AccessRights.blankToNull(clientReference),
                        AccessRights.blankToNull(status) == null ? null : AccessRights.status(status),
                        AccessRights.blankToNull(grantee),
                        AccessRights.blankToNull(serviceReference),
                        new PageParameters(page, size)),
                AccessRightView::of);
    }

    @ApiResponse(responseCode = "202", description = "Revocation under way: IT has the task to remove the right")
    @ApiResponse(responseCode = "404", description = "No access right with this reference")
    @ApiResponse(responseCode = "409", description = "The right is not active or its revocation is under way")
    @PostMapping("/api/access-rights/{reference}/revocation")
    ResponseEntity<AccessRightView> revoke(
            @PathVariable String reference, @Valid @RequestBody RevocationBody body, Authentication caller) {
        AccessRight right = rights.revoke(reference, body.reason(), caller == null ? null : caller.getName());
        return ResponseEntity.accepted().body(AccessRightView.of(right));
    }

    @ApiResponse(
            responseCode = "201",
            description = "Opened: every active right of the client goes to its reviewer",
            headers = @Header(name = "Location", description = "Path of the review"))
    @ApiResponse(responseCode = "409", description = "The client has an access review open")
    @PostMapping("/api/access-reviews")
    ResponseEntity<AccessReviewView> openReview(@Valid @RequestBody NewAccessReview body) {
        AccessReview review = reviews.open(body.clientReference(), body.deadlineDays());
        return ResponseEntity.created(URI.create("/api/access-reviews/" + review.getReference()))
                .body(AccessReviewView.of(review));
    }

    @ApiResponse(responseCode = "200", description = "Access reviews, newest first, paged")
    @GetMapping("/api/access-reviews")
    ResponseEntity<List<AccessReviewView>> reviews(
            @RequestParam(required = false) String clientReference,
            @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = PageParameters.DEFAULT_SIZE) int size) {
        return PageParameters.response(
                reviews.list(
                        AccessRights.blankToNull(clientReference),
                        AccessRights.blankToNull(status) == null ? null : reviewStatus(status),
                        new PageParameters(page, size)),
                AccessReviewView::of);
    }

    @ApiResponse(responseCode = "200", description = "The access review")
    @ApiResponse(responseCode = "404", description = "No access review with this reference")
    @GetMapping("/api/access-reviews/{reference}")
    AccessReviewView review(@PathVariable String reference) {
        return AccessReviewView.of(reviews.find(reference));
    }

    @ApiResponse(responseCode = "200", description = "The review's evidence: one row per right reviewed")
    @ApiResponse(responseCode = "404", description = "No access review with this reference")
    @GetMapping("/api/access-reviews/{reference}/evidence")
    List<EvidenceRow> evidence(@PathVariable String reference) {
        return reviews.evidence(reference).stream().map(EvidenceRow::of).toList();
    }

    @ApiResponse(responseCode = "200", description = "The review's evidence as CSV (RFC 4180), for auditors")
    @ApiResponse(responseCode = "404", description = "No access review with this reference")
    @GetMapping("/api/access-reviews/{reference}/evidence.csv")
    ResponseEntity<String> evidenceCsv(@PathVariable String reference) {
        List<EvidenceRow> rows =
                reviews.evidence(reference).stream().map(EvidenceRow::of).toList();
        StringBuilder csv = new StringBuilder(
                "review,right,grantee,asset,permission,reviewer,decision,automatic,decided_by,decided_at,comment\r\n");
        for (EvidenceRow row : rows) {
            csv.append(List.of(
                                    row.reviewReference(),
                                    row.rightReference(),
                                    row.grantee(),
                                    row.asset(),
                                    row.permission(),
                                    row.reviewer(),
                                    row.decision(),
                                    Boolean.toString(row.automatic()),
                                    nullToEmpty(row.decidedBy()),
                                    row.decidedAt() == null
                                            ? ""
                                            : row.decidedAt().toString(),
                                    nullToEmpty(row.comment()))
                            .stream()
                            .map(AccessController::csvField)
                            .collect(Collectors.joining(",")))
                    .append("\r\n");
        }
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"" + reference.replaceAll("[^A-Za-z0-9-]", "") + "-evidence.csv\"")
                .body(csv.toString());
    }

    /** Quoted when needed; a leading =, +, - or @ is defused so that a spreadsheet does not run it. */
    static String csvField(String value) {
        String text = value;
        if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    private static AccessReviewStatus reviewStatus(String value) {
        try {
            return AccessReviewStatus.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new com.csmflow.api.InvalidFieldException("status", "must be OPEN or CLOSED");
        }
    }
}
