package com.erasureworker.simulator;

import java.util.List;
import java.util.UUID;

/** A conversation custom-attribute definition: Text takes a string, Select takes a list of option values. */
record AttributeDefinition(UUID id, String name, String identifier, boolean select, List<String> options) {
}
