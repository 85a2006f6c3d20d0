package com.csmflow.harness;

import java.util.List;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Logs into a Camunda webapp the way the browser does: open the app to get a session and the CSRF
 * token, then post the login form with both. TestRestTemplate keeps no cookies, so they are copied by
 * hand (which also works for cookies marked Secure on plain HTTP).
 */
public final class WebappLogin {

    private WebappLogin() {}

    /** Posts the login form of {@code app} (tasklist, cockpit, admin); the response carries the session. */
    public static ResponseEntity<String> login(TestRestTemplate rest, String app, String user, String password) {
        ResponseEntity<String> page = rest.getForEntity("/camunda/app/" + app + "/", String.class);
        String session = cookie(page, "JSESSIONID");
        String csrfToken = cookie(page, "XSRF-TOKEN");

        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        headers.add(HttpHeaders.COOKIE, "JSESSIONID=" + session + "; XSRF-TOKEN=" + csrfToken);
        headers.add("X-XSRF-TOKEN", csrfToken);
        headers.setAccept(List.of(MediaType.APPLICATION_JSON));
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("username", user);
        form.add("password", password);
        return rest.exchange(
                "/camunda/api/admin/auth/user/default/login/" + app,
                HttpMethod.POST,
                new HttpEntity<>(form, headers),
                String.class);
    }

    /**
     * Headers for calls of a webapp's API as the logged-in browser makes them: the session cookie and the
     * CSRF token (cookie and header), JSON in and out.
     */
    public static HttpHeaders apiHeaders(TestRestTemplate rest, String app, String user, String password) {
        ResponseEntity<String> page = rest.getForEntity("/camunda/app/" + app + "/", String.class);
        String session = cookie(page, "JSESSIONID");
        String csrfToken = cookie(page, "XSRF-TOKEN");
        HttpHeaders loginHeaders = new HttpHeaders();
        loginHeaders.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        loginHeaders.add(HttpHeaders.COOKIE, "JSESSIONID=" + session + "; XSRF-TOKEN=" + csrfToken);
        loginHeaders.add("X-XSRF-TOKEN", csrfToken);
        loginHeaders.setAccept(List.of(MediaType.APPLICATION_JSON));
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("username", user);
        form.add("password", password);
        ResponseEntity<String> login = rest.exchange(
                "/camunda/api/admin/auth/user/default/login/" + app,
                HttpMethod.POST,
                new HttpEntity<>(form, loginHeaders),
                String.class);
        if (!login.getStatusCode().is2xxSuccessful()) {
            throw new IllegalStateException(user + " could not log into " + app + ": " + login.getStatusCode());
        }
        // the login renews the session; the CSRF token of the new session comes with the next GET
        session = cookie(login, "JSESSIONID") != null ? cookie(login, "JSESSIONID") : session;
        HttpHeaders sessionOnly = new HttpHeaders();
        sessionOnly.add(HttpHeaders.COOKIE, "JSESSIONID=" + session);
        ResponseEntity<String> reload = rest.exchange(
                "/camunda/api/admin/auth/user/default", HttpMethod.GET, new HttpEntity<>(sessionOnly), String.class);
        String issued = reload.getHeaders().getFirst("X-XSRF-TOKEN");
        csrfToken = issued != null && !issued.isBlank()
                ? issued
                : cookie(reload, "XSRF-TOKEN") != null
                        ? cookie(reload, "XSRF-TOKEN")
                        : cookie(login, "XSRF-TOKEN") != null ? cookie(login, "XSRF-TOKEN") : csrfToken;
        String origin = rest.getRootUri();
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setAccept(List.of(MediaType.APPLICATION_JSON));
        headers.add(HttpHeaders.COOKIE, "JSESSIONID=" + session + "; XSRF-TOKEN=" + csrfToken);
        headers.add("X-XSRF-TOKEN", csrfToken);
        // the webapps' CSRF filter also wants a same-origin Origin (or Referer), as a browser sends it
        headers.add(HttpHeaders.ORIGIN, origin);
        headers.add(HttpHeaders.REFERER, origin + "/camunda/app/" + app + "/");
        return headers;
    }

    /** The value of a cookie the response sets, or null. */
    public static String cookie(ResponseEntity<?> response, String name) {
        List<String> cookies = response.getHeaders().getOrDefault(HttpHeaders.SET_COOKIE, List.of());
        return cookies.stream()
                .filter(cookie -> cookie.startsWith(name + "="))
                .map(cookie -> cookie.substring(name.length() + 1).split(";", 2)[0])
                .findFirst()
                .orElse(null);
    }

    /** The full Set-Cookie header of a cookie, with its attributes, or null. */
    public static String setCookieHeader(ResponseEntity<?> response, String name) {
        List<String> cookies = response.getHeaders().getOrDefault(HttpHeaders.SET_COOKIE, List.of());
        return cookies.stream()
                .filter(cookie -> cookie.startsWith(name + "="))
                .findFirst()
                .orElse(null);
    }
}
