package dev.lockstep.engine;

/** A finding that a suppression comment silenced; kept in reports, never counted for the exit code. */
public record SuppressedFinding(Finding finding, Suppression suppression) {}
