package com.csmflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.csmflow.harness.CsmFlowTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 14, web hardening in every profile: request bodies beyond 1 MB are a 413 problem, and
 * state-changing webapp calls from another origin are refused while same-origin ones and calls
 * without an Origin still work. (HSTS and the Secure XSRF cookie: PostgresProfileTest.)
 */
@CsmFlowTest
class WebHardeningTest {

    private static final int LIMIT = 1024 * 1024;

    @LocalServerPort
    int port;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aBodyBeyondTheLimitIsA413ProblemOnEveryApi() throws Exception {
        String big = "{\"name\":\"" + "x".repeat(LIMIT) + "\"}";
        for (String path : List.of(
                "/api/clients",
                "/engine-rest/message",
                "/engine-rest/task",
                "/camunda/api/engine/engine/default/task")) {
            HttpResponse<String> declared = send(path, HttpRequest.BodyPublishers.ofString(big), "application/json");
            assertThat(declared.statusCode())
                    .as("%s: %s", path, declared.body())
                    .isEqualTo(413);
            assertThat(declared.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(declared.body()).contains("\"status\":413");
            // without a Content-Length (chunked) too
            HttpResponse<String> chunked = send(
                    path,
                    HttpRequest.BodyPublishers.ofInputStream(
                            () -> new java.io.ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))),
                    "application/json");
            assertThat(chunked.statusCode())
                    .as("%s chunked: %s", path, chunked.body())
                    .isEqualTo(413);
        }
        // below the limit the API reads the body as before (here: an unknown message, 400)
        String fits = "{\"messageName\":\"no-such-message-" + "y".repeat(LIMIT / 2) + "\"}";
        assertThat(send("/engine-rest/message", HttpRequest.BodyPublishers.ofString(fits), "application/json")
                        .statusCode())
                .isEqualTo(400);
        assertThat(send(
                                "/engine-rest/message",
                                HttpRequest.BodyPublishers.ofInputStream(
                                        () -> new java.io.ByteArrayInputStream(fits.getBytes(StandardCharsets.UTF_8))),
                                "application/json")
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void aStateChangingWebappCallFromAnotherOriginIsRefused() throws Exception {
        String login = "/camunda/api/admin/auth/user/default/login/tasklist";
        String form = "username=csm&password=csm";
        String self = "http://127.0.0.1:" + port;
        for (String[] header : List.of(
                new String[] {"Origin", "http://evil.example"},
                new String[] {"Origin", "http://127.0.0.1:" + (port + 1)},
                new String[] {"Origin", "https://127.0.0.1:" + port},
                new String[] {"Origin", "null"},
                new String[] {"Referer", "http://evil.example/page"})) {
            HttpResponse<String> refused = webapp("POST", login, form, header);
            assertThat(refused.statusCode())
                    .as("%s %s: %s", header[0], header[1], refused.body())
                    .isEqualTo(403);
            assertThat(refused.body()).contains("Cross-origin");
        }
        assertThat(webapp("POST", login, form, new String[] {"Origin", self}).statusCode())
                .isEqualTo(200);
        assertThat(webapp("POST", login, form, new String[] {"Referer", self + "/camunda/app/tasklist/"})
                        .statusCode())
                .isEqualTo(200);
        assertThat(webapp("POST", login, form, null).statusCode()).isEqualTo(200);
        // reading is never refused for its origin
        assertThat(webapp("GET", "/camunda/app/tasklist/", null, new String[] {"Origin", "http://evil.example"})
                        .statusCode())
                .isBetween(200, 399);
    }

    private HttpResponse<String> send(String path, HttpRequest.BodyPublisher body, String contentType)
            throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(30))
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8)))
                        .header("Content-Type", contentType)
                        .header("Accept", "application/json")
                        .POST(body)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A login form post with the session and CSRF token of a fresh visit, like the browser's. */
    private HttpResponse<String> webapp(String method, String path, String form, String[] header) throws Exception {
        HttpResponse<String> page = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/camunda/app/tasklist/"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String session = cookie(page, "JSESSIONID");
        String csrf = cookie(page, "XSRF-TOKEN");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Cookie", "JSESSIONID=" + session + "; XSRF-TOKEN=" + csrf)
                .header("X-XSRF-TOKEN", csrf)
                .header("Accept", "application/json");
        if (header != null) {
            request.header(header[0], header[1]);
        }
        if (form != null) {
            request.header("Content-Type", "application/x-www-form-urlencoded")
                    .method(method, HttpRequest.BodyPublishers.ofString(form));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String cookie(HttpResponse<?> response, String name) {
        Stream<String> cookies = response.headers().allValues("Set-Cookie").stream();
        return cookies.filter(c -> c.startsWith(name + "="))
                .map(c -> c.substring(name.length() + 1).split(";", 2)[0])
                .findFirst()
                .orElse(null);
    }
}
