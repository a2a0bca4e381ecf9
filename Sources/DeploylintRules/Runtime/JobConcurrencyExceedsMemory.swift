import DeploylintCore

/// Flags queue workers whose jobs, running at once, need more memory than the
/// service gets — seed 001's failure in its everyday forms: Celery with no
/// `--concurrency` (one child per host CPU) on a 512 MB plan, Sidekiq's five
/// threads, Airflow's sixteen task processes.
public struct JobConcurrencyExceedsMemory: Rule {
  public static let description = RuleDescription(
    id: "job-concurrency-exceeds-memory",
    category: .runtime,
    severity: .warning,
    summary:
      "A queue worker runs more jobs at once than the service's memory holds, or as many as the host has CPUs",
    rationale: JobConcurrencyExceedsMemory.rationale,
    references: JobConcurrencyExceedsMemory.references,
    fix: """
      Set the concurrency to what the memory holds — memory ÷ what one job needs — explicitly \
      (`celery -A app worker --concurrency 1`, `sidekiq -c 2`, `new Worker(q, fn, { concurrency: 1 })`, \
      `AIRFLOW__CELERY__WORKER_CONCURRENCY=2`), never from the host's CPU count; declare what one \
      job needs (`services.<name>.job-memory: 400m` in `.deploylint.yml`) so deploylint can check \
      it; or give the worker more memory.
      """,
    examples: JobConcurrencyExceedsMemory.examples, judges: .runtime)

  public init(options: RuleOptions) {}

  public func check(_ project: Project) -> [Finding] {
    project.services.compactMap(check)
  }

  func check(_ service: Service) -> Finding? {
    guard let runner = service.jobRunner, let budget = service.runtimeBudget else { return nil }
    let jobs = runner.concurrency
    var related = budget.related
    if let config = runner.configSpan {
      related.append(RelatedLocation(config, "the concurrency is set here"))
    }
    if let memory = service.jobMemory {
      related.append(RelatedLocation(memory.span, "job-memory \(memory.text)"))
    }

    // Child processes that each load an ML runtime.
    if let ml = ServiceEstimates.mlJobProcesses(service), ml.bytes > budget.bytes, let jobs {
      let severity = runner.origin == .hostCPUs ? Severity.warning : budget.allowing(.error)
      return finding(
        "\(runner.runner) runs \(jobs) child processes at once (\(runner.source)) and each imports the ML "
          + "runtime: \(ml.arithmetic), more than \(budget.gets()).",
        at: runner.span, help: fitHelp(runner, service, budget, perJob: RuntimeEstimators.torchProcessFloor),
        related: related, service: service.name, severity: severity)
    }

    // The number of jobs is the host's CPU count: unknown, and unrelated to the plan.
    if runner.origin == .hostCPUs, jobs == nil {
      var message =
        "\(runner.source): how many jobs run at once depends on the machine the service lands on, not on "
        + "\(budget.gets())"
      if let cpus = budget.cpus { message += " or its \(CPUCount.format(cpus))" }
      message +=
        "; CPU counts ignore the plan's share, each job holds its memory while it runs, and the jobs' memory "
        + "adds up (seed 001: two 300–400 MB jobs at once exceeded 512 MB)."
      if let memory = service.jobMemory {
        let two = Saturating.product(Int64(2), memory.value)
        message +=
          " With job-memory \(memory.text), two jobs at once need \(Bytes.format(two, .declared))"
          + (two > budget.bytes ? ", more than it gets." : ".")
      }
      return finding(
        message, at: runner.span, help: fitHelp(runner, service, budget, perJob: service.jobMemory?.value),
        related: related, service: service.name, severity: .warning)
    }

    guard let jobs else { return nil }
    // Jobs × the declared memory of one job.
    if let estimate = ServiceEstimates.jobs(service), estimate.bytes > budget.bytes {
      let severity = runner.origin == .hostCPUs ? Severity.warning : budget.allowing(.error)
      return finding(
        "\(runner.runner) runs up to \(jobs) jobs at once (\(runner.source)): \(estimate.arithmetic), more than "
          + "\(budget.gets()).",
        at: runner.span, help: fitHelp(runner, service, budget, perJob: service.jobMemory?.value),
        related: related, service: service.name, severity: severity)
    }
    guard service.jobMemory == nil, jobs >= 2 else { return nil }
    // Without a declared job size, only a floor deploylint knows can show a
    // risk: the worker's own process (Sidekiq: a Rails process with its
    // threads). A concurrency it cannot size is the worker's documented or
    // chosen setting, and a note that it cannot check it is noise.
    guard let floor = ServiceEstimates.jobProcess(service), floor.bytes > budget.bytes else { return nil }
    var help = [
      "run fewer jobs at once: \(concurrencyFlag(runner, 1)), and measure one worker's memory (`ps -o rss`, "
        + "or the platform's metrics) before raising it",
      "declare what one job needs in .deploylint.yml (`services: {\(yamlKey(service.name)): {job-memory: 200m}}`) "
        + "so deploylint checks the jobs too",
    ]
    if let raise = service.raiseHelp(to: Saturating.sum(floor.bytes, floor.bytes / 4)) { help.append(raise) }
    help += budget.declarationHelp(service.name)
    return finding(
      "\(runner.runner) runs \(jobs) jobs at once as threads of one process (\(runner.source)): "
        + "\(floor.arithmetic) for a blank Rails app, more than \(budget.gets()), before any job "
        + "allocates its own data; a real application is larger.",
      at: runner.span, help: help, related: related, service: service.name, severity: .warning)
  }

  /// Help lines: the concurrency that fits, how to declare a job's memory.
  func fitHelp(_ runner: JobRunnerFacts, _ service: Service, _ budget: MemoryBudget, perJob: Int64?)
    -> [String]
  {
    var help: [String] = []
    if let perJob, perJob > 0 {
      let fits = max(1, Int(budget.bytes / perJob))
      help.append(
        "set the concurrency to what the memory holds, \(Bytes.format(budget.bytes, .declared)) ÷ "
          + "\(Bytes.format(perJob, .declared)) = \(fits): \(concurrencyFlag(runner, fits))")
    } else {
      help.append(
        "set the concurrency explicitly: \(concurrencyFlag(runner, 1)) (raise it once one job's memory is known)"
      )
    }
    if service.jobMemory == nil {
      help.append(
        "declare what one job needs in .deploylint.yml (`services: {\(yamlKey(service.name)): {job-memory: 400m}}`) "
          + "so deploylint checks the jobs against the memory")
    }
    if let perJob, let jobs = runner.concurrency,
      let raise = service.raiseHelp(to: Saturating.product(Int64(jobs), perJob))
    {
      help.append(raise)
    }
    help += budget.declarationHelp(service.name)
    return help
  }

  func concurrencyFlag(_ runner: JobRunnerFacts, _ n: Int) -> String {
    switch runner.runner {
    case "Celery": "`celery -A <app> worker --concurrency \(n)`"
    case "Airflow (Celery)": "`AIRFLOW__CELERY__WORKER_CONCURRENCY=\(n)`"
    case "Sidekiq": "`sidekiq -c \(n)` (or `:concurrency: \(n)` in config/sidekiq.yml)"
    case "Dramatiq": "`dramatiq <module> --processes 1 --threads \(n)`"
    case "RQ": "`rq worker-pool -n \(n)`"
    case "BullMQ": "`new Worker(queue, processor, { concurrency: \(n) })`"
    case "Bee-Queue": "`queue.process(\(n), handler)`"
    default: "a concurrency of \(n)"
    }
  }
}
