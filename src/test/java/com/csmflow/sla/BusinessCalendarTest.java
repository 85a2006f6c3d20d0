package com.csmflow.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.csmflow.client.Client;
import com.csmflow.client.CsmTier;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Business-time arithmetic, no Spring. Dates are chosen so the weekday is in the comment. */
class BusinessCalendarTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final Set<DayOfWeek> MON_FRI = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    static final Set<DayOfWeek> EVERY_DAY = EnumSet.allOf(DayOfWeek.class);

    final BusinessCalendars calendars = new BusinessCalendars();

    static Instant at(String localDateTime, ZoneId zone) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }

    static Client client(ZoneId zone, String region, Set<DayOfWeek> days, LocalDate... closingDays) {
        Client client = new Client(
                "CAL-TEST",
                "Calendar test",
                CsmTier.STANDARD,
                "en",
                zone,
                LocalTime.of(9, 0),
                LocalTime.of(17, 0),
                days,
                region);
        client.replaceClosingDays(Set.of(closingDays));
        return client;
    }

    BusinessCalendar berlinOffice() {
        return calendars.forClient(client(BERLIN, "DE-BY", MON_FRI));
    }

    @Nested
    class Weekends {
        @Test
        void addSkipsTheWeekend() {
            // Friday 16:00 + 2 business hours = Monday 10:00
            assertThat(berlinOffice().add(at("2026-03-13T16:00", BERLIN), Duration.ofHours(2)))
                    .isEqualTo(at("2026-03-16T10:00", BERLIN));
        }

        @Test
        void startOnSaturdayCountsFromMondayOpening() {
            assertThat(berlinOffice().add(at("2026-03-14T11:00", BERLIN), Duration.ofHours(3)))
                    .isEqualTo(at("2026-03-16T12:00", BERLIN));
        }

        @Test
        void elapsedAcrossAWeekendCountsOnlyOpenHours() {
            // Friday 15:00-17:00 and Monday 09:00-11:00
            assertThat(berlinOffice().elapsed(at("2026-03-13T15:00", BERLIN), at("2026-03-16T11:00", BERLIN)))
                    .isEqualTo(Duration.ofHours(4));
        }

        @Test
        void durationEndingAtClosingTimeEndsThenNotAtNextOpening() {
            assertThat(berlinOffice().add(at("2026-03-13T09:00", BERLIN), Duration.ofHours(8)))
                    .isEqualTo(at("2026-03-13T17:00", BERLIN));
        }

        @Test
        void multiDayDurationCountsWholeBusinessDays() {
            // 3 business days (24 h) from Wednesday 13:00 = Monday 13:00
            assertThat(berlinOffice().add(at("2026-03-11T13:00", BERLIN), Duration.ofHours(24)))
                    .isEqualTo(at("2026-03-16T13:00", BERLIN));
        }
    }

    @Nested
    class Holidays {
        @Test
        void germanLabourDayIsSkipped() {
            // Thursday 30 April 16:00; Friday 1 May is Labour Day; weekend; Monday 4 May 10:00
            assertThat(berlinOffice().add(at("2026-04-30T16:00", BERLIN), Duration.ofHours(2)))
                    .isEqualTo(at("2026-05-04T10:00", BERLIN));
            assertThat(berlinOffice().isBusinessTime(at("2026-05-01T12:00", BERLIN)))
                    .isFalse();
        }

        @Test
        void bavarianRegionalHolidayIsSkippedButNotInAnotherRegion() {
            // Epiphany (Tuesday 6 January 2026) is a holiday in Bavaria, not in Berlin (DE-BE)
            Instant monday = at("2026-01-05T16:00", BERLIN);
            assertThat(calendars.forClient(client(BERLIN, "DE-BY", MON_FRI)).add(monday, Duration.ofHours(2)))
                    .isEqualTo(at("2026-01-07T10:00", BERLIN));
            assertThat(calendars.forClient(client(BERLIN, "DE-BE", MON_FRI)).add(monday, Duration.ofHours(2)))
                    .isEqualTo(at("2026-01-06T10:00", BERLIN));
        }

        @Test
        void usIndependenceDayIsSkipped() {
            BusinessCalendar newYork = calendars.forClient(client(NEW_YORK, "US-NY", MON_FRI));
            // Thursday 3 July 2025 16:00; Friday 4 July closed; Monday 7 July 10:00
            assertThat(newYork.add(at("2025-07-03T16:00", NEW_YORK), Duration.ofHours(2)))
                    .isEqualTo(at("2025-07-07T10:00", NEW_YORK));
        }

        @Test
        void observedHolidayIsClosed() {
            // 4 July 2026 is a Saturday: the holiday is observed on Friday 3 July
            BusinessCalendar newYork = calendars.forClient(client(NEW_YORK, "US-NY", MON_FRI));
            assertThat(newYork.isBusinessTime(at("2026-07-03T12:00", NEW_YORK))).isFalse();
            assertThat(newYork.nextBusinessTime(at("2026-07-03T12:00", NEW_YORK)))
                    .isEqualTo(at("2026-07-06T09:00", NEW_YORK));
        }

        @Test
        void observancesDoNotClose() {
            // Lincoln's Birthday (Thursday 12 February 2026) is only an observance in New York
            BusinessCalendar newYork = calendars.forClient(client(NEW_YORK, "US-NY", MON_FRI));
            assertThat(newYork.isBusinessTime(at("2026-02-12T12:00", NEW_YORK))).isTrue();
        }

        @Test
        void clientClosingDayIsSkipped() {
            // Tuesday 17 March 2026 is a company closing day of this client
            BusinessCalendar calendar =
                    calendars.forClient(client(BERLIN, "DE-BY", MON_FRI, LocalDate.parse("2026-03-17")));
            assertThat(calendar.add(at("2026-03-16T16:00", BERLIN), Duration.ofHours(2)))
                    .isEqualTo(at("2026-03-18T10:00", BERLIN));
            assertThat(calendar.elapsed(at("2026-03-16T09:00", BERLIN), at("2026-03-18T17:00", BERLIN)))
                    .isEqualTo(Duration.ofHours(16));
        }

        @Test
        void unknownRegionMeansNoHolidaysRatherThanFailure() {
            BusinessCalendar calendar = calendars.forClient(client(BERLIN, "XX-YY", MON_FRI));
            assertThat(calendar.isBusinessTime(at("2026-05-01T12:00", BERLIN))).isTrue();
            assertThat(calendars.isKnownHolidayRegion("XX-YY")).isFalse();
            assertThat(calendars.isKnownHolidayRegion("GB")).isTrue();
        }
    }

    @Nested
    class Midnight {
        @Test
        void addCrossesMidnightIntoTheNextBusinessDay() {
            // Monday 16:30 + 1 h = Tuesday 09:30
            assertThat(berlinOffice().add(at("2026-03-16T16:30", BERLIN), Duration.ofHours(1)))
                    .isEqualTo(at("2026-03-17T09:30", BERLIN));
        }

        @Test
        void startAfterClosingStartsAtNextOpening() {
            assertThat(berlinOffice().nextBusinessTime(at("2026-03-16T23:59", BERLIN)))
                    .isEqualTo(at("2026-03-17T09:00", BERLIN));
            assertThat(berlinOffice().nextBusinessTime(at("2026-03-17T10:00", BERLIN)))
                    .isEqualTo(at("2026-03-17T10:00", BERLIN));
        }

        @Test
        void nightShiftRunsPastMidnight() {
            // a 22:00-06:00 service desk, Monday to Friday nights
            BusinessCalendar nights =
                    calendars.workingHours(BERLIN, LocalTime.of(22, 0), LocalTime.of(6, 0), MON_FRI, null, Set.of());
            assertThat(nights.isBusinessTime(at("2026-03-17T02:00", BERLIN))).isTrue();
            assertThat(nights.add(at("2026-03-16T23:00", BERLIN), Duration.ofHours(8)))
                    .isEqualTo(at("2026-03-17T23:00", BERLIN));
            // Friday night's shift ends Saturday 06:00; the next one opens Monday 22:00
            assertThat(nights.nextBusinessTime(at("2026-03-21T07:00", BERLIN)))
                    .isEqualTo(at("2026-03-23T22:00", BERLIN));
        }
    }

    @Nested
    class DaylightSaving {
        final BusinessCalendar berlinEveryDay = calendars.forClient(client(BERLIN, null, EVERY_DAY));
        final BusinessCalendar newYorkEveryDay = calendars.forClient(client(NEW_YORK, null, EVERY_DAY));

        @Test
        void springForwardInBerlinBusinessDayIsStillEightHours() {
            // Sunday 29 March 2026: clocks go from 02:00 to 03:00
            assertThat(berlinEveryDay.elapsed(at("2026-03-29T00:00", BERLIN), at("2026-03-30T00:00", BERLIN)))
                    .isEqualTo(Duration.ofHours(8));
            // Saturday 16:00 CET (15:00Z) + 2 h = Sunday 10:00 CEST (08:00Z): 17 wall-clock hours, not 18
            Instant due = berlinEveryDay.add(at("2026-03-28T16:00", BERLIN), Duration.ofHours(2));
            assertThat(due).isEqualTo(Instant.parse("2026-03-29T08:00:00Z"));
        }

        @Test
        void fallBackInBerlinBusinessDayIsStillEightHours() {
            // Sunday 25 October 2026: clocks go from 03:00 back to 02:00
            assertThat(berlinEveryDay.elapsed(at("2026-10-25T00:00", BERLIN), at("2026-10-26T00:00", BERLIN)))
                    .isEqualTo(Duration.ofHours(8));
            Instant due = berlinEveryDay.add(at("2026-10-24T16:00", BERLIN), Duration.ofHours(2));
            assertThat(due).isEqualTo(Instant.parse("2026-10-25T09:00:00Z"));
        }

        @Test
        void weekdayCalendarAcrossTheBerlinChangeKeepsLocalOpeningTimes() {
            // Friday 27 March 16:00 CET + 2 h = Monday 30 March 10:00 CEST
            assertThat(berlinOffice().add(at("2026-03-27T16:00", BERLIN), Duration.ofHours(2)))
                    .isEqualTo(Instant.parse("2026-03-30T08:00:00Z"));
        }

        @Test
        void springForwardInNewYork() {
            // Sunday 8 March 2026: 02:00 EST -> 03:00 EDT
            assertThat(newYorkEveryDay.elapsed(at("2026-03-08T00:00", NEW_YORK), at("2026-03-09T00:00", NEW_YORK)))
                    .isEqualTo(Duration.ofHours(8));
            assertThat(newYorkEveryDay.add(at("2026-03-07T16:00", NEW_YORK), Duration.ofHours(2)))
                    .isEqualTo(Instant.parse("2026-03-08T14:00:00Z"));
        }

        @Test
        void fallBackInNewYork() {
            // Sunday 1 November 2026: 02:00 EDT -> 01:00 EST
            assertThat(newYorkEveryDay.elapsed(at("2026-11-01T00:00", NEW_YORK), at("2026-11-02T00:00", NEW_YORK)))
                    .isEqualTo(Duration.ofHours(8));
            assertThat(newYorkEveryDay.add(at("2026-10-31T16:00", NEW_YORK), Duration.ofHours(2)))
                    .isEqualTo(Instant.parse("2026-11-01T15:00:00Z"));
        }

        @Test
        void roundTheClockLocalDayIsTheRealLengthOfTheDay() {
            // 00:00-00:00 every day = open all local day; the spring-forward day has 23 real hours
            BusinessCalendar allDay =
                    calendars.workingHours(BERLIN, LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, EVERY_DAY, null, Set.of());
            assertThat(allDay.elapsed(at("2026-03-29T00:00", BERLIN), at("2026-03-30T00:00", BERLIN)))
                    .isEqualTo(Duration.ofHours(23));
            assertThat(allDay.elapsed(at("2026-10-25T00:00", BERLIN), at("2026-10-26T00:00", BERLIN)))
                    .isEqualTo(Duration.ofHours(25));
        }
    }

    @Nested
    class RoundTrip {
        @Test
        void elapsedOfAddIsTheDurationAdded() {
            BusinessCalendar calendar = berlinOffice();
            Instant start = at("2026-04-29T14:17", BERLIN);
            for (long minutes : new long[] {1, 59, 180, 481, 2400, 9000}) {
                Instant end = calendar.add(start, Duration.ofMinutes(minutes));
                assertThat(calendar.elapsed(start, end)).isEqualTo(Duration.ofMinutes(minutes));
            }
        }

        @Test
        void negativeDurationsAreRejected() {
            assertThatThrownBy(() -> berlinOffice().add(Instant.EPOCH, Duration.ofHours(-1)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class TwentyFourSeven {
        final BusinessCalendar always = calendars.twentyFourSeven();

        @Test
        void isWallClockTime() {
            Instant friday = at("2026-03-13T16:00", BERLIN);
            assertThat(always.add(friday, Duration.ofHours(10))).isEqualTo(friday.plus(Duration.ofHours(10)));
            assertThat(always.elapsed(friday, friday.plus(Duration.ofDays(3)))).isEqualTo(Duration.ofDays(3));
            assertThat(always.isBusinessTime(at("2026-05-01T03:00", BERLIN))).isTrue();
            assertThat(always.nextBusinessTime(friday)).isEqualTo(friday);
        }

        @Test
        void countsTheRealHoursOverADstChange() {
            Instant saturday = at("2026-03-28T12:00", BERLIN);
            assertThat(always.add(saturday, Duration.ofHours(24))).isEqualTo(at("2026-03-29T13:00", BERLIN));
        }
    }
}
