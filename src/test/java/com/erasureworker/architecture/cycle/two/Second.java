package com.erasureworker.architecture.cycle.two;

import com.erasureworker.architecture.cycle.one.First;

/** Fixture: the other half of the package cycle. */
public class Second {
    First first;
}
