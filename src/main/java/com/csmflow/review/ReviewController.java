package com.csmflow.review;

import com.csmflow.api.InvalidFieldException;
import com.csmflow.api.PageParameters;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Service reviews: ask for one at any time, read the register. */
@RestController
@RequestMapping("/api/reviews")
class ReviewController {

    private final ServiceReviews reviews;

    ReviewController(ServiceReviews reviews) {
        this.reviews = reviews;
    }

    /** A review asked for: the client, why, and optionally the period (2026-12, 2026-Q4, 2026) or its kind. */
    record ReviewRequest(String clientReference, String reason, String periodKind, String period) {}

    record ReviewView(
            String reference,
            String clientReference,
            String periodKind,
            String periodStart,
            String periodEnd,
            String origin,
            String reason,
            String status,
            Long reportId,
            String agenda,
            Instant heldAt,
            String attendees,
            String minutes,
            int actionCount,
            Instant createdAt) {

        static ReviewView of(ServiceReview review) {
            return new ReviewView(
                    review.getReference(),
                    review.getClientReference(),
                    review.getPeriodKind().name(),
                    review.getPeriodStart().toString(),
                    review.getPeriodEnd().toString(),
                    review.getOriginKind(),
                    review.getReason(),
                    review.getStatus().name(),
                    review.getReportId(),
                    review.getAgenda(),
                    review.getHeldAt(),
                    review.getAttendees(),
                    review.getMinutes(),
                    review.getActionCount(),
                    review.getCreatedAt());
        }
    }

    @ApiResponse(
            responseCode = "201",
            description = "The review is started: its report is generated, the CSM prepares it",
            headers = @Header(name = "Location", description = "Path of the new review"))
    @ApiResponse(
            responseCode = "400",
            description = "Unknown client, no reason or a malformed period (the field is named)")
    @PostMapping
    ResponseEntity<ReviewView> request(@RequestBody(required = false) ReviewRequest body) {
        if (body == null) {
            throw new InvalidFieldException("clientReference", "is required");
        }
        ServiceReview review = reviews.request(body.clientReference(), body.reason(), body.periodKind(), body.period());
        return ResponseEntity.created(URI.create("/api/reviews/" + review.getReference()))
                .body(ReviewView.of(review));
    }

    @ApiResponse(responseCode = "200", description = "The review")
    @ApiResponse(responseCode = "404", description = "No such review")
    @GetMapping("/{reference}")
    ReviewView find(@PathVariable String reference) {
        return ReviewView.of(reviews.find(reference));
    }

    @ApiResponse(responseCode = "200", description = "Reviews, newest first; paged (X-Total-Count, Link)")
    @ApiResponse(responseCode = "400", description = "A filter or paging parameter is invalid")
    @GetMapping
    ResponseEntity<List<ReviewView>> list(
            @Parameter(description = "Only this client's reviews") @RequestParam(required = false)
                    String clientReference,
            @Parameter(description = "REPORTED, PREPARED or HELD") @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = PageParameters.DEFAULT_SIZE) int size) {
        ReviewStatus wanted = null;
        if (status != null && !status.isBlank()) {
            try {
                wanted = ReviewStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidFieldException("status", "must be REPORTED, PREPARED or HELD");
            }
        }
        return PageParameters.response(
                reviews.list(
                        clientReference == null || clientReference.isBlank() ? null : clientReference.trim(),
                        wanted,
                        new PageParameters(page, size)),
                ReviewView::of);
    }
}
