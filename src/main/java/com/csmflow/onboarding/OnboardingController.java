package com.csmflow.onboarding;

import com.csmflow.api.PageParameters;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A client's onboarding and its document register. */
@RestController
@RequestMapping("/api/clients/{reference}")
class OnboardingController {

    private final OnboardingService onboarding;
    private final ClientDocuments documents;

    OnboardingController(OnboardingService onboarding, ClientDocuments documents) {
        this.onboarding = onboarding;
        this.documents = documents;
    }

    record OnboardingBody(
            @NotNull @PositiveOrZero @Max(100_000_000) Double monthlySpend,

            @NotNull @jakarta.validation.constraints.Min(1) @Max(20)
            Long technologyGroups,

            @NotNull @PositiveOrZero @Max(1_000_000) Long deviceCount,
            Boolean continuityAgreed,
            @Size(max = 32) String documentationDue,
            @Size(max = 32) String documentationReminder) {}

    record DocumentBody(
            @NotBlank @Size(max = 40) String kind,
            @NotBlank @Size(max = 200) String title,
            @NotBlank @Size(max = 32) String version,
            @NotBlank @Size(max = 255) String owner,
            @NotBlank @Size(max = 1000) String location,
            @NotNull LocalDate nextReviewDate) {}

    record DocumentView(
            String reference,
            String clientReference,
            String kind,
            String title,
            String version,
            String owner,
            String location,
            LocalDate nextReviewDate,
            String recordedBy,
            Instant createdAt) {
        static DocumentView of(ClientDocument d) {
            return new DocumentView(
                    d.getReference(),
                    d.getClientReference(),
                    d.getKind().name(),
                    d.getTitle(),
                    d.getVersion(),
                    d.getOwner(),
                    d.getLocation(),
                    d.getNextReviewDate(),
                    d.getRecordedBy(),
                    d.getCreatedAt());
        }
    }

    @ApiResponse(
            responseCode = "201",
            description = "Onboarding started (reference ONB-...): the CSM's kick-off task is open",
            headers = @Header(name = "Location", description = "Path of the client's document register"))
    @ApiResponse(responseCode = "404", description = "No active client with this reference")
    @ApiResponse(responseCode = "409", description = "The client is already being onboarded")
    @PostMapping("/onboarding")
    ResponseEntity<OnboardingService.Started> start(
            @PathVariable String reference, @Valid @RequestBody OnboardingBody body) {
        OnboardingService.Started started = onboarding.start(reference, body);
        return ResponseEntity.created(URI.create("/api/clients/" + started.clientReference() + "/documents"))
                .body(started);
    }

    @ApiResponse(
            responseCode = "201",
            description = "Recorded in the client's document register",
            headers = @Header(name = "Location", description = "Path of the client's document register"))
    @ApiResponse(responseCode = "404", description = "No active client with this reference")
    @PostMapping("/documents")
    ResponseEntity<DocumentView> record(@PathVariable String reference, @Valid @RequestBody DocumentBody body) {
        ClientDocument document = documents.record(
                reference,
                body.kind(),
                body.title(),
                body.version(),
                body.owner(),
                body.location(),
                body.nextReviewDate());
        return ResponseEntity.created(URI.create("/api/clients/" + document.getClientReference() + "/documents"))
                .body(DocumentView.of(document));
    }

    @ApiResponse(responseCode = "200", description = "The client's registered documents, newest first, paged")
    @ApiResponse(responseCode = "404", description = "No active client with this reference")
    @GetMapping("/documents")
    ResponseEntity<List<DocumentView>> documents(
            @PathVariable String reference,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = PageParameters.DEFAULT_SIZE) int size) {
        return PageParameters.response(documents.of(reference, new PageParameters(page, size)), DocumentView::of);
    }
}
