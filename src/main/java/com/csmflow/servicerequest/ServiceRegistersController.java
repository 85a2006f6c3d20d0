package com.csmflow.servicerequest;

import static com.csmflow.servicerequest.ServiceBodies.blankToNull;
import static com.csmflow.servicerequest.ServiceBodies.parse;

import com.csmflow.api.InvalidFieldException;
import com.csmflow.api.PageParameters;
import com.csmflow.servicerequest.ServiceViews.ActionView;
import com.csmflow.servicerequest.ServiceViews.TrainingRecordView;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The registers of a service's people and plans that have a life of their own: training records per
 * person and the actions of the team, individual and governance action plans (docs/registers.md).
 */
@RestController
class ServiceRegistersController {

    private final TrainingRecords trainings;
    private final ServiceActions actions;

    ServiceRegistersController(TrainingRecords trainings, ServiceActions actions) {
        this.trainings = trainings;
        this.actions = actions;
    }

    @ApiResponse(
            responseCode = "201",
            description = "The training is recorded",
            headers = @Header(name = "Location", description = "Path of the new training record"))
    @ApiResponse(responseCode = "403", description = "Not CM, HR, HRDC, ISEC or an SM/DM of the person's services")
    @PostMapping("/api/training-records")
    ResponseEntity<TrainingRecordView> record(@Valid @RequestBody ServiceBodies.TrainingBody body) {
        TrainingRecord saved = trainings.record(body);
        return ResponseEntity.created(URI.create("/api/training-records/" + saved.getReference()))
                .body(TrainingRecordView.of(saved));
    }

    @ApiResponse(
            responseCode = "200",
            description = "Training records the caller may read (the caller's own, the teams of the services "
                    + "the caller runs; everybody's for CM, HR, HRDC), newest first, paged")
    @GetMapping("/api/training-records")
    ResponseEntity<List<TrainingRecordView>> trainingRecords(
            @RequestParam(required = false) String userId,
            @RequestParam(required = false) String serviceReference,
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) String expiringBefore,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = PageParameters.DEFAULT_SIZE) int size) {
        return PageParameters.response(trainings
                .search(
                        blankToNull(userId),
                        blankToNull(serviceReference),
                        parse(TrainingKind.class, "kind", kind),
                        date("expiringBefore", expiringBefore),
                        new PageParameters(page, size))
                .map(TrainingRecordView::of));
    }

    @ApiResponse(responseCode = "200", description = "One training record")
    @ApiResponse(
            responseCode = "403",
            description = "Not the person, CM, HR, HRDC or an SM/DM of the person's services")
    @ApiResponse(responseCode = "404", description = "No training record with this reference")
    @GetMapping("/api/training-records/{reference}")
    TrainingRecordView trainingRecord(@PathVariable String reference) {
        return TrainingRecordView.of(trainings.get(reference));
    }

    @ApiResponse(
            responseCode = "200",
            description = "Actions of the action plans, by due date, paged; individual ones only for CM, HR and "
                    + "the service's SM and DM")
    @GetMapping("/api/service-actions")
    ResponseEntity<List<ActionView>> serviceActions(
            @RequestParam(required = false) String service,
            @RequestParam(required = false) String plan,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String owner,
            @RequestParam(required = false) String subject,
            @RequestParam(required = false) String dueBefore,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = PageParameters.DEFAULT_SIZE) int size) {
        return PageParameters.response(actions.search(
                        blankToNull(service),
                        parse(ActionPlan.class, "plan", plan),
                        parse(ActionStatus.class, "status", status),
                        blankToNull(owner),
                        blankToNull(subject),
                        date("dueBefore", dueBefore),
                        new PageParameters(page, size))
                .map(ActionView::of));
    }

    @ApiResponse(responseCode = "200", description = "The action with its follow-ups")
    @ApiResponse(responseCode = "403", description = "An individual action, and not CM, HR or the service's SM/DM")
    @ApiResponse(responseCode = "404", description = "No action with this reference")
    @GetMapping("/api/service-actions/{reference}")
    ActionView serviceAction(@PathVariable String reference) {
        return ActionView.of(actions.get(reference));
    }

    @ApiResponse(responseCode = "200", description = "The follow-up is recorded; done closes the action")
    @ApiResponse(responseCode = "403", description = "Not the owner, the service's SM/DM, CM or HR")
    @ApiResponse(responseCode = "404", description = "No action with this reference")
    @ApiResponse(responseCode = "409", description = "The action is done already")
    @PostMapping("/api/service-actions/{reference}/follow-ups")
    ActionView followUp(@PathVariable String reference, @Valid @RequestBody ServiceBodies.ActionFollowUp body) {
        return ActionView.of(actions.followUp(reference, body));
    }

    private static LocalDate date(String field, String value) {
        String text = blankToNull(value);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException notADate) {
            throw new InvalidFieldException(field, "a date, yyyy-mm-dd");
        }
    }
}
