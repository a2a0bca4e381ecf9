import ArgumentParser
import DeploylintRules

struct RulesCommand: ConsoleCommand {
  static let configuration = CommandConfiguration(
    commandName: "rules", abstract: "List every rule: id, category, default severity, summary.")

  func execute(_ console: Console) throws -> Int32 {
    let rows = RuleRegistry.all.map {
      [
        $0.description.id, $0.description.category.rawValue, $0.description.severity.rawValue,
        $0.description.summary,
      ]
    }
    console.out += Table.render(header: ["RULE", "CATEGORY", "SEVERITY", "SUMMARY"], rows: rows)
    return ExitStatus.clean
  }
}

/// Left-aligned columns separated by two spaces; the last column is not padded.
enum Table {
  static func render(header: [String], rows: [[String]]) -> String {
    let all = [header] + rows
    var widths = [Int](repeating: 0, count: header.count)
    for row in all {
      for (i, cell) in row.enumerated() where i < widths.count - 1 { widths[i] = max(widths[i], cell.count) }
    }
    var out = ""
    for row in all {
      var line = ""
      for (i, cell) in row.enumerated() {
        line += i < row.count - 1 ? cell + String(repeating: " ", count: widths[i] - cell.count + 2) : cell
      }
      while line.hasSuffix(" ") { line.removeLast() }
      out += line + "\n"
    }
    return out
  }
}
