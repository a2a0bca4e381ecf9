/// Parsers for every artefact kind deploylint reads. Each produces a typed value with spans.
public enum Parsers {}
