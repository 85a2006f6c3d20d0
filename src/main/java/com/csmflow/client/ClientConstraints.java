package com.csmflow.client;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks of client input that jakarta.validation has no built-in constraint for. Class-level
 * checks report on the field that is wrong ({@code businessDayEnd}, {@code contracts[0].termEnd}),
 * so the 400 names it like any other field error.
 */
final class ClientConstraints {

    private ClientConstraints() {}

    /** Validation group of create: the reference is required. */
    interface OnCreate extends jakarta.validation.groups.Default {}

    /** Validation group of update: the version read by the caller is required (optimistic locking). */
    interface OnUpdate extends jakarta.validation.groups.Default {}

    /** A region-based time zone id with daylight-saving rules, e.g. {@code Europe/Berlin}; no fixed offsets. */
    @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = ZoneIdValidator.class)
    @interface ValidZoneId {
        String message() default "must be a time zone id such as Europe/Berlin or America/New_York";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    public static class ZoneIdValidator implements ConstraintValidator<ValidZoneId, String> {
        private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || ZONES.contains(value);
        }
    }

    /** An IETF language tag of a known ISO 639 language, e.g. {@code de} or {@code en-US}. */
    @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = LanguageTagValidator.class)
    @interface LanguageTag {
        String message() default "must be a language tag such as en, de or en-US";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    public static class LanguageTagValidator implements ConstraintValidator<LanguageTag, String> {
        private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            Locale locale = Locale.forLanguageTag(value);
            return value.length() <= 8
                    && LANGUAGES.contains(locale.getLanguage())
                    && locale.toLanguageTag().equalsIgnoreCase(value);
        }
    }

    /** Holiday calendar: ISO 3166 country, optionally a subdivision: {@code GB}, {@code DE-BY}, {@code US-NY}. */
    @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = HolidayRegionValidator.class)
    @interface HolidayRegion {
        String message() default "must be an ISO country code, optionally with a subdivision: GB, DE-BY, US-NY";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    public static class HolidayRegionValidator implements ConstraintValidator<HolidayRegion, String> {
        private static final Pattern FORMAT = Pattern.compile("([A-Z]{2})(-[A-Z0-9]{1,3})?");
        private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            var matcher = FORMAT.matcher(value);
            return matcher.matches() && COUNTRIES.contains(matcher.group(1));
        }
    }

    /** Business day: start strictly before end (same day; 24x7 clients use the 24x7 calendar instead). */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = BusinessHoursValidator.class)
    @interface BusinessHours {
        String message() default "must be after businessDayStart";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    public static class BusinessHoursValidator implements ConstraintValidator<BusinessHours, ClientRequest> {
        @Override
        public boolean isValid(ClientRequest request, ConstraintValidatorContext context) {
            if (request == null
                    || request.businessDayStart() == null
                    || request.businessDayEnd() == null
                    || request.businessDayEnd().isAfter(request.businessDayStart())) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                    .addPropertyNode("businessDayEnd")
                    .addConstraintViolation();
            return false;
        }
    }

    /** Contract term: the end is not before the start. */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = TermValidator.class)
    @interface Term {
        String message() default "must not be before termStart";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    public static class TermValidator implements ConstraintValidator<Term, ClientRequest.ContractData> {
        @Override
        public boolean isValid(ClientRequest.ContractData contract, ConstraintValidatorContext context) {
            if (contract == null
                    || contract.termStart() == null
                    || contract.termEnd() == null
                    || !contract.termEnd().isBefore(contract.termStart())) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                    .addPropertyNode("termEnd")
                    .addConstraintViolation();
            return false;
        }
    }
}
