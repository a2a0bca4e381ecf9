import DeploylintCore
import DeploylintParsers

/// One-shot compose services: jobs that run to completion and exit (a
/// migration, a seed, an asset build) rather than staying up.
extension Assembler {
  /// For each service another one waits for with `condition:
  /// service_completed_successfully`, where that condition is written and
  /// who waits. The Compose specification (05-services.md, `depends_on`):
  /// the dependency "is expected to run to successful completion before
  /// starting a dependent service".
  static func awaitedToComplete(_ services: [ComposeService], variables: [String: String]) -> [String:
    Located<
      String
    >]
  {
    var awaited: [String: Located<String>] = [:]
    for service in services {
      for dependency in service.dependsOn {
        guard let condition = dependency.condition,
          ComposeInterpolation.interpolate(condition.value, env: variables)
            == "service_completed_successfully",
          awaited[dependency.service.value] == nil
        else { continue }
        awaited[dependency.service.value] = Located(
          "awaited by `\(service.name.value)` with depends_on condition: service_completed_successfully",
          span: condition.span)
      }
    }
    return awaited
  }

  /// Why `service` is a one-shot job, or nil: `restart: "no"` written out
  /// (Compose then never restarts the container once it exits), or another
  /// service awaiting its completion, unless its restart policy keeps it up
  /// (`always`, `unless-stopped`).
  static func oneShot(
    _ service: ComposeService, awaitedBy: Located<String>?, variables: [String: String]
  ) -> Located<String>? {
    let restart = service.restart.map { $0.map { ComposeInterpolation.interpolate($0, env: variables) } }
    if let restart, restart.value == "no" {
      return Located("restart: \"no\"", span: restart.span)
    }
    if let awaitedBy, !["always", "unless-stopped"].contains(restart?.value ?? "") { return awaitedBy }
    return nil
  }
}
