import DeploylintCore

/// One entry of a service's `depends_on`: the service it waits for and, in
/// the long form, the condition. The Compose specification (05-services.md,
/// `depends_on`) defines `service_started` (the default),
/// `service_healthy` and `service_completed_successfully`, the last
/// meaning the dependency "is expected to run to successful completion
/// before starting a dependent service": a one-shot job such as a migration.
public struct ComposeDependency: Sendable, Hashable {
  public var service: Located<String>
  public var condition: Located<String>?

  /// The short form (`depends_on: [db]`) or the long one
  /// (`depends_on: {db: {condition: service_healthy}}`).
  static func parse(_ node: ConfigNode, _ r: inout FieldReader) -> [ComposeDependency] {
    let resolved = r.document.resolve(node)
    if resolved.isSequence {
      return r.items(resolved, "depends_on").compactMap { item in
        r.string(item, "a depends_on entry").map { ComposeDependency(service: $0, condition: nil) }
      }
    }
    return r.entries(resolved, "depends_on").map { entry in
      let condition = r.document.value("condition", in: entry.value).flatMap {
        r.string($0, "depends_on.\(entry.key).condition")
      }
      return ComposeDependency(service: Located(entry.key, span: entry.keySpan), condition: condition)
    }
  }
}
