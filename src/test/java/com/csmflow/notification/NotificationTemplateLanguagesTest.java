package com.csmflow.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every mail template exists in every language a client may read ({@link
 * NotificationTemplates#REQUIRED_LANGUAGES}): a new template without its German files fails here, not
 * in a German client's inbox (which would get English).
 */
class NotificationTemplateLanguagesTest {

    private static final Path TEMPLATES = Path.of("src/main/resources/notifications");

    @Test
    void everyTemplateHasEveryRequiredLanguage() throws IOException {
        assertThat(TEMPLATES).as("run the tests from the project directory").isDirectory();
        List<String> missing = new ArrayList<>();
        List<Path> folders;
        try (Stream<Path> list = Files.list(TEMPLATES)) {
            folders = list.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(folders).isNotEmpty();
        for (Path folder : folders) {
            boolean html = Files.exists(folder.resolve(NotificationTemplates.FALLBACK_LANGUAGE + ".html"));
            for (String language : NotificationTemplates.REQUIRED_LANGUAGES) {
                for (String extension : html ? List.of("subject", "txt", "html") : List.of("subject", "txt")) {
                    Path file = folder.resolve(language + "." + extension);
                    if (!Files.exists(file) || Files.readString(file).isBlank()) {
                        missing.add(TEMPLATES.relativize(file).toString());
                    }
                }
            }
        }
        assertThat(missing).as("template files missing or empty").isEmpty();
    }
}
