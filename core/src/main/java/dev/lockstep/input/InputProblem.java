package dev.lockstep.input;

/** A path that could not be linted, with a one-line reason that names it. */
public record InputProblem(String path, String message) {
  public String describe() {
    return path + ": " + message;
  }
}
