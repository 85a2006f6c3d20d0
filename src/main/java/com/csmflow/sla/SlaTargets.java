package com.csmflow.sla;

import com.csmflow.api.ConflictException;
import com.csmflow.api.InvalidFieldException;
import com.csmflow.api.NotFoundException;
import com.csmflow.api.PageParameters;
import com.csmflow.client.CsmTier;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The SLA target table: lookup for clocks, and the validated edits behind /api/sla-targets.
 * Every edit is checked completely before anything is written.
 */
@Service
public class SlaTargets {

    /** Dot-separated kebab-case words, at least two: {@code escalation.acknowledge}, {@code emergency-cab.decision}. */
    static final String METRIC_PATTERN = "[a-z][a-z0-9]*(-[a-z0-9]+)*(\\.[a-z][a-z0-9]*(-[a-z0-9]+)*)+";

    /** Longest target we accept; anything longer is a typo, not an SLA. */
    private static final Duration MAX_DURATION = Duration.ofDays(366);

    private final SlaTargetRepository repository;
    private final Validator validator;
    private final Clock clock;

    SlaTargets(SlaTargetRepository repository, Validator validator, Clock clock) {
        this.clock = clock;
        this.repository = repository;
        this.validator = validator;
    }

    /** The target for a tier, priority and metric, if one is defined. */
    @Transactional(readOnly = true)
    public Optional<SlaTarget> find(CsmTier tier, SlaPriority priority, String metric) {
        return repository.findByTierAndPriorityAndMetric(tier, priority, metric);
    }

    @Transactional(readOnly = true)
    Page<SlaTarget> search(CsmTier tier, SlaPriority priority, String metric, PageParameters page) {
        return repository.search(tier, priority, metric, page.sortedBy(Sort.unsorted()));
    }

    @Transactional(readOnly = true)
    SlaTarget get(long id) {
        return repository.findById(id).orElseThrow(() -> new NotFoundException("SLA target", id));
    }

    @Transactional
    SlaTarget create(SlaTargetRequest request, String user) {
        String duration = validate(request);
        if (repository
                .findByTierAndPriorityAndMetric(request.tier(), request.priority(), request.metric())
                .isPresent()) {
            throw duplicate(request);
        }
        return repository.saveAndFlush(new SlaTarget(
                request.tier(),
                request.priority(),
                request.metric(),
                duration,
                request.calendar(),
                request.warningPercent(),
                clock.instant(),
                user));
    }

    @Transactional
    SlaTarget update(long id, SlaTargetRequest request, String user) {
        SlaTarget target = get(id);
        String duration = validate(request);
        repository
                .findByTierAndPriorityAndMetric(request.tier(), request.priority(), request.metric())
                .filter(other -> !other.getId().equals(target.getId()))
                .ifPresent(other -> {
                    throw duplicate(request);
                });
        target.update(
                request.tier(),
                request.priority(),
                request.metric(),
                duration,
                request.calendar(),
                request.warningPercent(),
                clock.instant(),
                user);
        return repository.saveAndFlush(target);
    }

    @Transactional
    void delete(long id) {
        repository.delete(get(id));
    }

    /** Bean validation first, then the duration; returns the normalised duration text. */
    private String validate(SlaTargetRequest request) {
        if (request == null) {
            throw new InvalidFieldException("body", "a JSON object is required");
        }
        Set<ConstraintViolation<SlaTargetRequest>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        String text = request.duration().trim().toUpperCase(Locale.ROOT);
        Duration duration;
        try {
            duration = Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException("duration", "must be an ISO-8601 duration such as PT4H or P7D");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new InvalidFieldException("duration", "must be longer than zero");
        }
        if (duration.compareTo(MAX_DURATION) > 0) {
            throw new InvalidFieldException("duration", "must not exceed " + MAX_DURATION.toDays() + " days");
        }
        // On business hours "a day" is ambiguous (24 business hours = three working days): ask for hours.
        int timePart = text.indexOf('T');
        String datePart = timePart < 0 ? text : text.substring(0, timePart);
        if (request.calendar() == SlaCalendarType.BUSINESS && datePart.contains("D")) {
            throw new InvalidFieldException(
                    "duration", "on a BUSINESS calendar give business hours (PT16H = two 8-hour days), not days");
        }
        return text;
    }

    private static ConflictException duplicate(SlaTargetRequest request) {
        return new ConflictException("An SLA target for " + request.tier() + " " + request.priority() + " "
                + request.metric() + " already exists");
    }
}
