package dev.sluice.ui;

/** A route as the home page lists it: its name and the index URL pip is given. */
public record RouteLink(String name, String url) {}
