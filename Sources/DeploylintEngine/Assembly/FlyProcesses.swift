import DeploylintCore
import DeploylintParsers

extension Assembler {
  /// Fly runs each `[processes]` group on Machines of its own, sized by the
  /// `[[vm]]` whose `processes` names the group, else by one that names none
  /// (https://fly.io/docs/reference/configuration/#the-processes-section,
  /// #the-vm-section). So a fly.toml with several groups is one service per
  /// group: the web group (`app` or `web`, else the first) keeps the app's
  /// name, the others are `<app>-<group>`, each with its command and VM.
  func flyProcessServices(_ base: Service, _ fly: FlyConfig, path: String) -> [Service] {
    guard
      let web = fly.processes.first(where: { $0.key.value == "app" || $0.key.value == "web" })
        ?? fly.processes.first
    else { return [base] }
    let groups = fly.processes.count > 1 ? fly.processes : [web]
    return groups.map { group in
      var service = base
      if group.key.value != web.key.value {
        service.name = "\(base.name)-\(group.key.value)"
        service.span = group.key.span
      }
      if let command = group.value {
        Self.start(
          &service, .platformCommand,
          StartCommand(text: command.value, span: command.span, source: "fly.toml [processes]"))
      }
      if groups.count > 1 {
        service.runtimeBudget = flyBudget(fly, path: path, service: service.name, group: group.key.value)
      }
      return service
    }
  }
}
