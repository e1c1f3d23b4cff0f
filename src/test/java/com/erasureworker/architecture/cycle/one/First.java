package com.erasureworker.architecture.cycle.one;

import com.erasureworker.architecture.cycle.two.Second;

/** Fixture: half of a package cycle, so the cycle rule is seen to fail. */
public class First {
    Second second;
}
