package com.csmflow.satisfaction;

import com.csmflow.notification.ReaderDates;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.springframework.web.util.HtmlUtils;

/**
 * The survey link as a page a person reads: the question with a form, the thank-you, and the refusals
 * (not our link, expired, answered already) in the client's language, English or German. Plain HTML with
 * its own small style and no script, so it works in any mail client's browser; every value is escaped.
 */
final class SurveyPage {

    /** German for "de…", English otherwise (the languages of the mail templates). */
    enum Language {
        EN,
        DE;

        static Language of(String language) {
            return language != null && language.trim().toLowerCase(Locale.ROOT).startsWith("de") ? DE : EN;
        }

        /** The browser's first choice among ours, for pages where the survey (and so the client) is unknown. */
        static Language fromAcceptLanguage(String header) {
            if (header == null || header.isBlank()) {
                return EN;
            }
            try {
                for (Locale.LanguageRange range : Locale.LanguageRange.parse(header)) {
                    String tag = range.getRange().toLowerCase(Locale.ROOT);
                    if (tag.startsWith("de")) {
                        return DE;
                    }
                    if (tag.startsWith("en")) {
                        return EN;
                    }
                }
            } catch (IllegalArgumentException malformed) {
                // a garbled header is no reason to refuse the page
            }
            return EN;
        }

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }

        String pick(String english, String german) {
            return this == DE ? german : english;
        }
    }

    /** What the page needs of the survey and its client. */
    record Subject(SatisfactionSurvey survey, String clientName, ZoneId zone, Language language) {}

    private static final List<String> SCORES_EN =
            List.of("very dissatisfied", "dissatisfied", "neither", "satisfied", "very satisfied");
    private static final List<String> SCORES_DE =
            List.of("sehr unzufrieden", "unzufrieden", "teils, teils", "zufrieden", "sehr zufrieden");

    private SurveyPage() {}

    /** The question and the form; {@code error} (already in the reader's language) and earlier input when re-shown. */
    static String question(Subject s, String error, Integer chosenScore, String comment) {
        Language l = s.language();
        StringBuilder body = new StringBuilder();
        body.append("<h1>")
                .append(l.pick(
                        "How satisfied are you with our service?", "Wie zufrieden sind Sie mit unserem Service?"))
                .append("</h1>\n");
        body.append("<p>").append(about(s)).append("</p>\n");
        if (error != null) {
            body.append("<p class=\"error\" role=\"alert\" id=\"error\">")
                    .append(esc(error))
                    .append("</p>\n");
        }
        body.append("<form method=\"post\" accept-charset=\"UTF-8\">\n<fieldset>\n<legend>")
                .append(l.pick("Your score", "Ihre Note"))
                .append("</legend>\n");
        List<String> labels = l == Language.DE ? SCORES_DE : SCORES_EN;
        for (int score = 1; score <= 5; score++) {
            body.append("<label class=\"score\"><input type=\"radio\" name=\"score\" required value=\"")
                    .append(score)
                    .append('"')
                    .append(chosenScore != null && chosenScore == score ? " checked" : "")
                    .append("> <strong>")
                    .append(score)
                    .append("</strong> ")
                    .append(labels.get(score - 1))
                    .append("</label>\n");
        }
        body.append("</fieldset>\n<label for=\"comment\">")
                .append(l.pick("Comment (optional)", "Kommentar (freiwillig)"))
                .append("</label>\n<textarea id=\"comment\" name=\"comment\" rows=\"5\" maxlength=\"4000\">")
                .append(comment == null ? "" : esc(comment))
                .append("</textarea>\n<p><button type=\"submit\">")
                .append(l.pick("Send answer", "Antwort senden"))
                .append("</button></p>\n</form>\n");
        body.append("<p class=\"note\">")
                .append(l.pick(
                        "This link needs no login and records one answer until ",
                        "Dieser Link braucht keine Anmeldung und nimmt eine Antwort an, bis "))
                .append(esc(ReaderDates.format(s.survey().getExpiresAt(), s.zone(), l.tag())))
                .append(".</p>\n");
        return page(l, l.pick("Satisfaction survey", "Zufriedenheitsumfrage"), body.toString());
    }

    /** After the answer was recorded, or when the link is opened again later. */
    static String answered(Subject s, boolean justNow, boolean low) {
        Language l = s.language();
        StringBuilder body = new StringBuilder();
        body.append("<h1 id=\"outcome\">")
                .append(
                        justNow
                                ? l.pick("Thank you for your answer", "Vielen Dank für Ihre Antwort")
                                : l.pick(
                                        "This survey has been answered already",
                                        "Diese Umfrage wurde bereits beantwortet"))
                .append("</h1>\n<p>")
                .append(about(s))
                .append("</p>\n<p>")
                .append(l.pick("Recorded score: ", "Erfasste Note: "))
                .append("<strong>")
                .append(s.survey().getScore())
                .append("</strong> ")
                .append(l.pick("of 5", "von 5"))
                .append(".</p>\n");
        if (justNow && low) {
            body.append("<p>")
                    .append(l.pick(
                            "We are sorry we did not meet your expectations. Your Client Service Manager will get in"
                                    + " touch to find out what went wrong and agree an improvement with you.",
                            "Es tut uns leid, dass wir Ihre Erwartungen nicht erfüllt haben. Ihr Client Service"
                                    + " Manager meldet sich bei Ihnen, um die Ursache zu klären und eine Verbesserung"
                                    + " mit Ihnen zu vereinbaren."))
                    .append("</p>\n");
        }
        if (!justNow) {
            body.append("<p>")
                    .append(l.pick(
                            "Each link records one answer. To add something, please reply to the survey mail or"
                                    + " contact your Client Service Manager.",
                            "Jeder Link nimmt eine Antwort an. Möchten Sie etwas ergänzen, antworten Sie bitte auf"
                                    + " die Umfrage-Mail oder wenden Sie sich an Ihren Client Service Manager."))
                    .append("</p>\n");
        }
        return page(l, l.pick("Satisfaction survey", "Zufriedenheitsumfrage"), body.toString());
    }

    /** The link has expired (410). */
    static String expired(Language l) {
        return refusal(
                l,
                l.pick("This survey link has expired", "Dieser Umfrage-Link ist abgelaufen"),
                l.pick(
                        "Survey links can be used for a limited time only. If you would still like to tell us how"
                                + " satisfied you are, please contact your Client Service Manager.",
                        "Umfrage-Links gelten nur eine begrenzte Zeit. Wenn Sie uns trotzdem Ihre Meinung sagen"
                                + " möchten, wenden Sie sich bitte an Ihren Client Service Manager."));
    }

    /** Not a link of ours: forged, altered or cut short (404). */
    static String unknown(Language l) {
        return refusal(
                l,
                l.pick("This is not a valid survey link", "Dies ist kein gültiger Umfrage-Link"),
                l.pick(
                        "Please open the complete link from the survey mail; long links are sometimes broken across"
                                + " two lines.",
                        "Bitte öffnen Sie den vollständigen Link aus der Umfrage-Mail; lange Links werden manchmal"
                                + " auf zwei Zeilen umbrochen."));
    }

    static String scoreMissing(Language l) {
        return l.pick("Please choose a score from 1 to 5.", "Bitte wählen Sie eine Note von 1 bis 5.");
    }

    static String commentTooLong(Language l) {
        return l.pick(
                "The comment may have at most 4000 characters.", "Der Kommentar darf höchstens 4000 Zeichen haben.");
    }

    private static String refusal(Language l, String heading, String text) {
        return page(l, heading, "<h1 id=\"outcome\">" + esc(heading) + "</h1>\n<p>" + esc(text) + "</p>\n");
    }

    private static String about(Subject s) {
        Language l = s.language();
        SatisfactionSurvey survey = s.survey();
        String reference = survey.getSourceReference() == null ? "" : " " + esc(survey.getSourceReference());
        // the German preposition merges with the article (zur, zum), so each case carries its own
        String what = switch (survey.getSourceType()) {
            case ESCALATION -> l.pick("about the escalation", "zur Eskalation") + reference;
            case CHANGE -> l.pick("about the change", "zur Änderung") + reference;
            case REVIEW -> l.pick("about the service review", "zum Service-Review") + reference;
            case OTHER -> l.pick("about our service", "zu unserem Service") + reference;
        };
        return l.pick("Survey ", "Umfrage ") + "<strong>" + esc(survey.getReference()) + "</strong> "
                + l.pick("for ", "für ") + esc(s.clientName()) + " " + what + ".";
    }

    private static String page(Language l, String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"" + l.tag() + "\">\n<head>\n<meta charset=\"UTF-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<meta name=\"robots\" content=\"noindex\">\n<title>" + esc(title) + " · CSM Flow</title>\n"
                + "<style>\n"
                + "body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;"
                + "color:#1f2933;line-height:1.5}\n"
                + "header{border-bottom:3px solid #1b5e8c;margin-bottom:1.5rem;font-weight:600;color:#1b5e8c}\n"
                + "fieldset{border:1px solid #cbd2d9;border-radius:6px;margin:1rem 0}\n"
                + "label.score{display:block;padding:.3rem 0;cursor:pointer}\n"
                + "textarea{width:100%;box-sizing:border-box;font:inherit}\n"
                + "button{background:#1b5e8c;color:#fff;border:0;border-radius:4px;padding:.6rem 1.4rem;"
                + "font:inherit;cursor:pointer}\n"
                + ".error{color:#a61b1b;font-weight:600}.note{color:#616e7c;font-size:.9rem}\n"
                + "</style>\n</head>\n<body>\n<header>CSM Flow</header>\n<main>\n"
                + body
                + "</main>\n</body>\n</html>\n";
    }

    private static String esc(String text) {
        return HtmlUtils.htmlEscape(text == null ? "" : text, "UTF-8");
    }
}
