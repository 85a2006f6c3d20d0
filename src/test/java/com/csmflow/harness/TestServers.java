package com.csmflow.harness;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The outside world of the tests: one GreenMail SMTP server and one WireMock HTTP server per test JVM,
 * on free ports, started before the first Spring context and pointed at by its properties
 * ({@code spring.mail.host/port}). Tests reach them through the static accessors; the SMTP server can
 * be stopped and started again on the same port to simulate an outage.
 */
public final class TestServers implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final String HOST = "127.0.0.1";

    private static int smtpPort;
    private static GreenMail mail;
    private static WireMockServer http;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        start();
        TestPropertyValues.of(
                        "spring.mail.host=" + HOST,
                        "spring.mail.port=" + smtpPort,
                        // an outage must fail fast, not hang the test on TCP timeouts
                        "spring.mail.properties.mail.smtp.connectiontimeout=2000",
                        "spring.mail.properties.mail.smtp.timeout=5000",
                        "spring.mail.properties.mail.smtp.writetimeout=5000",
                        "csmflow.test.webhook-base-url=" + http.baseUrl())
                .applyTo(context);
    }

    private static synchronized void start() {
        if (http != null) {
            return;
        }
        smtpPort = freePort();
        mail = newGreenMail();
        mail.start();
        http = new WireMockServer(options().bindAddress(HOST).dynamicPort());
        http.start();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            stopMail();
                            http.stop();
                        },
                        "test-servers-shutdown"));
    }

    /** The SMTP server that receives every mail of the tests. */
    public static synchronized GreenMail mail() {
        start();
        return mail;
    }

    /** The HTTP server for webhooks; stub and verify with its API. */
    public static synchronized WireMockServer http() {
        start();
        return http;
    }

    /** Simulates a mail server outage: connections to the SMTP port are refused. */
    public static synchronized void stopMail() {
        if (mail != null && mail.isRunning()) {
            mail.stop();
        }
    }

    /** Brings the SMTP server back on the same port (with an empty mailbox). */
    public static synchronized void startMail() {
        start();
        if (!mail.isRunning()) {
            mail = newGreenMail();
            mail.start();
        }
    }

    private static GreenMail newGreenMail() {
        return new GreenMail(new ServerSetup(smtpPort, HOST, ServerSetup.PROTOCOL_SMTP));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
