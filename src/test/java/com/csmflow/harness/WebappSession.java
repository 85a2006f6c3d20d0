package com.csmflow.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** A signed-in webapp session (cookie and CSRF token) for calling the webapps' APIs like the browser. */
public record WebappSession(TestRestTemplate rest, String session, String csrfToken) {

    public static WebappSession open(TestRestTemplate rest, String app, String user, String password) {
        ResponseEntity<String> login = WebappLogin.login(rest, app, user, password);
        assertThat(login.getStatusCode()).as("login of %s to %s", user, app).isEqualTo(HttpStatus.OK);
        String session = WebappLogin.cookie(login, "JSESSIONID");
        // the login renews the session; its first request hands out the session's CSRF token
        HttpHeaders headers = new HttpHeaders();
        headers.add(HttpHeaders.COOKIE, "JSESSIONID=" + session);
        ResponseEntity<String> first = rest.exchange(
                "/camunda/api/admin/auth/user/default", HttpMethod.GET, new HttpEntity<>(headers), String.class);
        return new WebappSession(rest, session, WebappLogin.cookie(first, "XSRF-TOKEN"));
    }

    public ResponseEntity<String> call(HttpMethod method, String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.add(HttpHeaders.COOKIE, "JSESSIONID=" + session + "; XSRF-TOKEN=" + csrfToken);
        headers.add("X-XSRF-TOKEN", csrfToken);
        headers.setAccept(List.of(MediaType.APPLICATION_JSON));
        if (body != null) {
            headers.setContentType(MediaType.APPLICATION_JSON);
        }
        return rest.exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }
}
