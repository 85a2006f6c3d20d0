package com.csmflow.satisfaction;

import com.csmflow.report.ReportSources;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The satisfaction the service report shows: the client's survey answers of the period and their mean. */
@Component
class SurveyReportSource implements ReportSources.SatisfactionSource {

    private final SatisfactionSurveys surveys;

    SurveyReportSource(SatisfactionSurveys surveys) {
        this.surveys = surveys;
    }

    @Override
    public Optional<ReportSources.Score> satisfaction(String clientReference, Instant from, Instant to) {
        List<SatisfactionSurveys.Score> answers = surveys.scores(clientReference, from, to);
        if (answers.isEmpty()) {
            return Optional.empty();
        }
        double mean = answers.stream()
                .mapToInt(SatisfactionSurveys.Score::score)
                .average()
                .orElseThrow();
        return Optional.of(new ReportSources.Score(answers.size(), mean));
    }
}
