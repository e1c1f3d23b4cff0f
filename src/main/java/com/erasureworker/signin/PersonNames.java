package com.erasureworker.signin;

import io.quarkus.arc.Arc;
import io.quarkus.qute.TemplateExtension;

/** {@code {person:shown(id)}} in console templates: a person id with the display name last seen for it. */
@TemplateExtension(namespace = "person")
public class PersonNames {

    private PersonNames() {
    }

    static String shown(String person) {
        return Arc.container().instance(People.class).get().shown(person);
    }
}
