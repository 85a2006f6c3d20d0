package com.csmflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.csmflow.harness.CsmFlowTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The webapps' login page asks GET /camunda-welcome on a first visit. A Basic challenge there makes
 * the browser open its own sign-in dialog over the login page, which in headless Chromium silently
 * swallows every click and key (found by the browser test in e2e/).
 */
@CsmFlowTest
class WebappLoginProbeTest {

    @Autowired
    TestRestTemplate rest;

    @Test
    void theWelcomeProbeOfTheLoginPageIsNotABasicChallenge() {
        ResponseEntity<String> response = rest.getForEntity("/camunda-welcome", String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getHeaders().containsKey(HttpHeaders.WWW_AUTHENTICATE))
                .isFalse();
    }
}
