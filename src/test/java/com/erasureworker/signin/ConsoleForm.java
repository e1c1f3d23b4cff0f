package com.erasureworker.signin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The console as a browser drives it, without a browser: form sign-in, cookies, the CSRF token of a page. */
public final class ConsoleForm {

    private static final Pattern TOKEN = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

    private final Map<String, String> cookies;

    private ConsoleForm(Map<String, String> cookies) {
        this.cookies = cookies;
    }

    /** Signs in with the form; the cookies it got (session, session id). */
    public static ConsoleForm signIn(String user, String password) {
        Response response = given().formParam("j_username", user).formParam("j_password", password)
                .redirects().follow(false).post("/console/j_security_check");
        assertThat(response.statusCode()).as("form sign-in").isEqualTo(302);
        return new ConsoleForm(new HashMap<>(response.cookies()));
    }

    public Map<String, String> cookies() {
        return Map.copyOf(cookies);
    }

    /** A GET with these cookies, redirects not followed. */
    public Response get(String path) {
        return given().cookies(cookies).redirects().follow(false).get(path);
    }

    /** A form POST as the page at {@code pagePath} would send it (its CSRF cookie and token). */
    public Response post(String pagePath, String path, Map<String, String> form) {
        Response page = get(pagePath);
        assertThat(page.statusCode()).as("page " + pagePath).isEqualTo(200);
        cookies.putAll(page.cookies());
        Matcher token = TOKEN.matcher(page.asString());
        assertThat(token.find()).as("a CSRF token on " + pagePath).isTrue();
        return given().cookies(cookies).formParams(form).formParam("csrf-token", token.group(1))
                .redirects().follow(false).post(path);
    }
}
