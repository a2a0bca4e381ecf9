import DeploylintCore
import DeploylintParsers

extension Assembler {
  /// `.deploylint.yml` `services.<name>` settings win over what the files say:
  /// they are how a team states what the repository cannot (the plan a Railway
  /// service is on, a custom instance size).
  func applyConfiguration(_ service: inout Service) {
    guard let settings = workspace.config.services[service.name] else { return }
    let file = workspace.displayPath(".deploylint.yml")
    if let platform = settings.platform, let p = Platform(rawValue: platform.value), service.platform == nil {
      service.platform = p
    }
    if let plan = settings.plan, let platform = service.platform {
      service.plan = plan
      if var budget = planBudget(platform, plan) {
        budget.source += " (\(file))"
        service.runtimeBudget = budget
      } else {
        service.runtimeBudget = nil
      }
    }
    if let memory = settings.memory {
      service.runtimeBudget = MemoryBudget(
        bytes: memory.value, cpus: settings.cpus?.value ?? service.runtimeBudget?.cpus,
        source: "\(file): services.\(service.name).memory = \(Bytes.format(memory.value, .binary))",
        span: memory.span)
    } else if let cpus = settings.cpus, var budget = service.runtimeBudget {
      budget.cpus = cpus.value
      service.runtimeBudget = budget
    }
    if let build = settings.buildMemory {
      service.build.declaredBudget = MemoryBudget(
        bytes: build.value,
        source: "\(file): services.\(service.name).build-memory = \(Bytes.format(build.value, .binary))",
        span: build.span)
    }
    if let image = settings.image { service.imageReference = image.value }
    service.jobMemory = settings.jobMemory
  }
}
