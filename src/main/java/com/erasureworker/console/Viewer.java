package com.erasureworker.console;

import io.quarkus.qute.TemplateData;
/**
 * Who is looking at a console page and what they may do: the navigation and every action button are rendered from
 * this, so an auditor never sees a control the API would refuse them.
 */
@TemplateData
public record Viewer(String name, boolean dpo, boolean admin, String csrfToken) {

    /** Submit, retry, cancel, extend, trigger a sweep: the API's dpo and admin roles. */
    public boolean canAct() {
        return dpo || admin;
    }

    /** The retention policy is edited by admins only. */
    public boolean canEditPolicy() {
        return admin;
    }

    /** The header htmx sends with every request of the page (JSON, not script: allowed by the CSP). */
    public String htmxHeaders() {
        return "{\"" + CsrfTokens.HEADER + "\": \"" + csrfToken + "\"}";
    }
}
