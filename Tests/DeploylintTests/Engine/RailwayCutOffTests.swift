import DeploylintCore
import DeploylintEngine
import Testing

/// Railway config-as-code cut-off (2026-12-01): before it the file's settings
/// apply; after it the service is resolved without them, and the deprecation
/// names what no longer applies.
@Suite struct RailwayCutOffTests {
  static let railwayFiles = [
    (
      "railway.json",
      #"{ "build": { "builder": "NIXPACKS" }, "deploy": { "startCommand": "python bot.py" } }"#
    ),
    ("Procfile", "web: gunicorn app:app\n"), ("requirements.txt", "flask\n"),
  ]

  @Test func beforeTheCutOffRailwayJsonSettingsApply() throws {
    let project = ComposeAssemblyTests.assemble(
      Self.railwayFiles, today: CalendarDate(year: 2026, month: 11, day: 30))
    let service = try #require(project.services.first)
    #expect(service.startCommand?.text == "python bot.py")
    #expect(service.build.builder?.name == "Nixpacks")
    let messages = PlatformResolutionTests.findings(project).filter {
      $0.ruleID == "deprecated-platform-config"
    }.map(\.message)
    #expect(messages.contains { $0.contains("Railway stops reading it on 2026-12-01") })
    #expect(messages.contains { $0.contains("`NIXPACKS` builder") })
  }

  @Test func afterTheCutOffTheServiceIsResolvedWithoutThem() throws {
    let project = ComposeAssemblyTests.assemble(
      Self.railwayFiles, today: CalendarDate(year: 2026, month: 12, day: 1))
    let service = try #require(project.services.first)
    #expect(service.platform == .railway)
    // Railpack (the default) starts the Procfile: startCommand no longer applies.
    #expect(service.startCommand?.text == "gunicorn app:app")
    #expect(service.build.builder?.name == "Railpack")
    #expect(service.files.contains { $0.path == "railway.json" && $0.role == .ignored })
    let messages = PlatformResolutionTests.findings(project).filter {
      $0.ruleID == "deprecated-platform-config"
    }.map(\.message)
    #expect(messages.count == 1)
    #expect(
      messages.first?.contains(
        "Railway has not read it since 2026-12-01, so its `builder`, `startCommand` no longer apply") == true)
    // The Nixpacks steps stop with the builder; a Railpack or Dockerfile builder says nothing of it.
    #expect(messages.first?.contains("Railpack, which does not read `nixpacks.toml`") == true)
    let railpack = ComposeAssemblyTests.assemble(
      [("railway.json", #"{ "build": { "builder": "RAILPACK" } }"#), ("requirements.txt", "flask\n")],
      today: CalendarDate(year: 2026, month: 12, day: 1))
    let quiet = PlatformResolutionTests.findings(railpack).filter {
      $0.ruleID == "deprecated-platform-config"
    }.map(\.message)
    #expect(quiet.count == 1)
    #expect(quiet.first?.contains("nixpacks.toml") == false)
  }

  @Test func sourceDateEpochSetsToday() {
    #expect(
      CalendarDate.today(sourceDateEpoch: "1764547200") { 0 } == CalendarDate(year: 2025, month: 12, day: 1))
    #expect(
      CalendarDate.today(sourceDateEpoch: nil) { 1_796_083_200 }
        == CalendarDate(year: 2026, month: 12, day: 1))
  }
}
