import DeploylintCore
import DeploylintEngine
import Testing

@testable import DeploylintRules

/// Every limit deploylint proposes covers the service's known need and leaves
/// the host its reserve; when the needs do not fit, it says so (issue 16 item 4).
@Suite struct SafeLimitTests {
  static func findings(_ files: [(String, String)], rule: String) throws -> [Finding] {
    let project = ComposeAssemblyTests.assemble(files)
    let checker = try #require(RuleRegistry.rule(rule)).checker()
    return checker(project)
  }

  /// `mem_limit: 1234m` values in a help line.
  static func limits(_ line: String) -> [Int64] {
    line.split(separator: " ").compactMap { word -> Int64? in
      let w = word.trimmingCharacters(",`()")
      guard w.hasSuffix("m") || w.hasSuffix("g"), w.first?.isNumber == true else { return nil }
      return MemorySize.parse(w, convention: .docker)
    }
  }

  @Test func reserveDefaultsAndDeclaration() {
    #expect(HostReserve.defaultBytes(ofHost: 4 * Bytes.GiB) == 4 * Bytes.GiB / 10)
    #expect(HostReserve.defaultBytes(ofHost: Bytes.GiB) == 256 * Bytes.MiB)
    #expect(HostReserve.percent(15).bytes(ofHost: 4 * Bytes.GiB) == Int64(Double(4 * Bytes.GiB) * 0.15))
    let project = ComposeAssemblyTests.assemble([
      (".deploylint.yml", "host:\n  memory: 4g\n  reserve: 512m\n"),
      ("docker-compose.yml", "services:\n  a:\n    image: nginx\n"),
    ])
    #expect(project.hosts.first?.reserve.bytes == 512 * Bytes.MiB)
    #expect(project.hosts.first?.reserve.span?.line == 3)
  }

  @Test func proposedLimitCoversTheKnownNeed() throws {
    let files = [
      (".deploylint.yml", "host:\n  memory: 4g\n"),
      (
        "docker-compose.yml",
        """
        services:
          search:
            image: elasticsearch:8.15.0
            environment:
              ES_JAVA_OPTS: -Xms512m -Xmx512m
          web:
            image: nginx
          db:
            image: postgres:16
            mem_limit: 1g

        """
      ),
    ]
    let found = try Self.findings(files, rule: "service-without-memory-limit")
    let search = try #require(found.first { $0.service == "search" })
    let proposed = try #require(Self.limits(search.help[0]).last)
    #expect(proposed >= Bytes.GiB, "the heap ÷ 50 % = 1 GiB: \(search.help[0])")
    let web = try #require(found.first { $0.service == "web" })
    let webLimit = try #require(Self.limits(web.help[0]).last)
    // 4 GiB − 410 MiB reserve − 1 GiB (db) − 1 GiB (search) = the web's share.
    #expect(webLimit + proposed + Bytes.GiB <= 4 * Bytes.GiB - 4 * Bytes.GiB / 10, "\(web.help[0])")
  }

  @Test func needsThatDoNotFitGetNoNumbers() throws {
    let files = [
      (".deploylint.yml", "host:\n  memory: 1536m\n"),
      (
        "docker-compose.yml",
        """
        services:
          elasticsearch:
            image: elasticsearch:8.15.0
            environment:
              ES_JAVA_OPTS: -Xms512m -Xmx512m
          logstash:
            image: logstash:8.15.0
            environment:
              LS_JAVA_OPTS: -Xms256m -Xmx256m

        """
      ),
    ]
    let found = try Self.findings(files, rule: "service-without-memory-limit")
    #expect(found.count == 2)
    for f in found {
      #expect(f.help[0].hasPrefix("no limits can make this stack fit"), "\(f.help)")
      #expect(!f.help[0].contains("mem_limit: "))
    }
  }

  @Test func scaledLimitsLeaveTheReserveAndCoverNeeds() throws {
    let files = [
      (".deploylint.yml", "host:\n  memory: 4g\n"),
      (
        "docker-compose.yml",
        """
        services:
          api:
            image: app/api
            mem_limit: 3g
          db:
            image: postgres:16
            mem_limit: 3g
            command: postgres -c shared_buffers=512MB -c max_connections=50

        """
      ),
    ]
    let found = try Self.findings(files, rule: "compose-memory-exceeds-host")
    let scale = try #require(found.first?.help.first { $0.hasPrefix("scale the mem_limits") })
    let values = Self.limits(scale)
    #expect(values.count == 2)
    #expect(values.reduce(0, +) <= 4 * Bytes.GiB - 4 * Bytes.GiB / 10, "\(scale)")
    // Postgres' worst case: 512 MiB + 50 × 4 MiB × 2 + 64 MiB = 976 MiB.
    #expect(values[1] >= 976 * Bytes.MiB, "\(scale)")
  }
}

extension Substring {
  fileprivate func trimmingCharacters(_ set: String) -> String {
    var s = self
    while let f = s.first, set.contains(f) { s = s.dropFirst() }
    while let l = s.last, set.contains(l) { s = s.dropLast() }
    return String(s)
  }
}
