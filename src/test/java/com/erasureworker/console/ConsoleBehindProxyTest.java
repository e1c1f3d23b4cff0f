package com.erasureworker.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.erasureworker.erasure.ErasureRequest;
import com.erasureworker.erasure.RequestState;
import com.erasureworker.signin.ConsoleSessions;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The console behind a TLS-terminating proxy, driven with the headers nginx sends ({@code Host} of the upstream,
 * {@code X-Forwarded-Proto: https}, {@code X-Forwarded-Host}, {@code X-Forwarded-For}) and the browser's https
 * {@code Origin}: sign-in lands on the public https address, submit and cancel pass the CSRF check, cookies are
 * {@code Secure}, answers carry HSTS; the same headers from a peer that is not the trusted proxy count for nothing.
 */
@QuarkusTest
@TestProfile(BehindProxyProfile.class)
class ConsoleBehindProxyTest {

    private static final String PUBLIC = "https://erasure.example.org";
    private static final Pattern TOKEN = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

    @Test
    void signInSubmitAndCancelWorkThroughTheProxyWithSecureCookiesAndHsts() {
        Response signIn = proxied().formParam("j_username", "dpo").formParam("j_password", "dpo-demo-password")
                .post("/console/j_security_check");
        assertThat(signIn.statusCode()).isEqualTo(302);
        assertThat(signIn.header("Location")).isEqualTo(PUBLIC + "/console");
        assertThat(signIn.headers().getValues("Set-Cookie")).anySatisfy(cookie ->
                assertThat(cookie).startsWith("console-session=").contains("Secure").containsIgnoringCase("HttpOnly"));
        String session = signIn.cookie("console-session");
        String sid = signIn.cookie(ConsoleSessions.COOKIE);
        assertThat(signIn.headers().getValues("Set-Cookie")).anySatisfy(cookie ->
                assertThat(cookie).startsWith(ConsoleSessions.COOKIE + "=").contains("Secure"));

        Response form = proxied().cookie("console-session", session).cookie(ConsoleSessions.COOKIE, sid)
                .get("/console/tickets/new");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.header("Strict-Transport-Security")).startsWith("max-age=");
        assertThat(form.headers().getValues("Set-Cookie")).anySatisfy(cookie ->
                assertThat(cookie).startsWith(CsrfTokens.COOKIE + "=").contains("Secure"));
        String csrfCookie = form.cookie(CsrfTokens.COOKIE);
        String token = token(form.body().asString());

        Response submitted = proxied().cookie("console-session", session).cookie(ConsoleSessions.COOKIE, sid)
                .cookie(CsrfTokens.COOKIE, csrfCookie)
                .formParams(Map.of("csrf-token", token, "ticketRef", "PROXY-" + UUID.randomUUID(),
                        "subjectKind", "conversationIds", "subjectValue", "4243"))
                .post("/console/tickets");
        assertThat(submitted.statusCode()).isEqualTo(303);
        String location = submitted.header("Location");
        assertThat(location).startsWith(PUBLIC + "/console/tickets/");
        String id = location.substring(location.lastIndexOf('/') + 1);

        Response cancelled = proxied().cookie("console-session", session).cookie(ConsoleSessions.COOKIE, sid)
                .cookie(CsrfTokens.COOKIE, csrfCookie)
                .formParam("csrf-token", token).post("/console/tickets/" + id + "/cancel");
        assertThat(cancelled.statusCode()).isEqualTo(303);
        assertThat(cancelled.header("Location")).isEqualTo(PUBLIC + "/console/tickets/" + id);
        assertThat(state(id)).isEqualTo(RequestState.CANCELLED);
    }

    @Test
    void plainHttpAnswersCarryNoHstsAndNoSecureCookie() {
        Response signIn = given().redirects().follow(false).formParam("j_username", "dpo")
                .formParam("j_password", "dpo-demo-password").post("/console/j_security_check");
        assertThat(signIn.statusCode()).isEqualTo(302);
        assertThat(signIn.header("Strict-Transport-Security")).isNull();
        assertThat(signIn.header("Set-Cookie")).doesNotContain("Secure");
    }

    @Test
    void forwardedHeadersFromAPeerThatIsNotTheTrustedProxyCountForNothing() throws IOException {
        String body = "j_username=dpo&j_password=dpo-demo-password";
        String answer = fromUntrustedPeer("POST /console/j_security_check HTTP/1.1\r\n"
                + "Host: localhost:" + port() + "\r\n"
                + "X-Forwarded-Proto: https\r\nX-Forwarded-Host: erasure.example.org\r\n"
                + "X-Forwarded-For: 203.0.113.7\r\nOrigin: " + PUBLIC + "\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length() + "\r\n"
                + "Connection: close\r\n\r\n" + body);

        assertThat(answer).startsWith("HTTP/1.1 302");
        assertThat(answer).containsPattern("(?i)location: http://localhost:" + port() + "/console\r\n");
        assertThat(answer).doesNotContain("erasure.example.org").doesNotContain("Secure")
                .doesNotContainIgnoringCase("strict-transport-security");
    }

    /** A request as nginx forwards it: the upstream's Host, the public scheme and host, the client, the https Origin. */
    private static RequestSpecification proxied() {
        return given().redirects().follow(false).header("Host", "127.0.0.1:" + port())
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "erasure.example.org")
                .header("X-Forwarded-For", "203.0.113.7").header("Origin", PUBLIC);
    }

    /** One raw HTTP exchange from 127.0.0.2: loopback too, but not the trusted proxy's address. */
    private static String fromUntrustedPeer(String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port(),
                InetAddress.getByName("127.0.0.2"), 0)) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static String token(String html) {
        Matcher matcher = TOKEN.matcher(html);
        assertThat(matcher.find()).as("the form carries a CSRF token").isTrue();
        return matcher.group(1);
    }

    private static int port() {
        return ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
    }

    private static RequestState state(String id) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ErasureRequest.<ErasureRequest>findById(UUID.fromString(id)).state);
    }
}
