/// deploylint's version (semantic versioning; SARIF `semanticVersion`).
public enum DeploylintVersion {
  public static let current = "0.1.0"
}
