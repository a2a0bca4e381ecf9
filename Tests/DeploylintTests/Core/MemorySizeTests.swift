import DeploylintCore
import Testing

@Suite struct MemorySizeTests {
  static let KiB: Int64 = 1_024
  static let MiB: Int64 = 1_048_576
  static let GiB: Int64 = 1_073_741_824

  /// (text, convention, expected bytes)
  static let cases: [(String, MemorySize.Convention, Int64?)] = [
    // Binary everywhere: Ki/Mi/Gi and KiB/MiB/GiB.
    ("512Mi", .docker, 512 * MiB),
    ("512Mi", .decimal, 512 * MiB),
    ("1Gi", .decimal, GiB),
    ("1GiB", .docker, GiB),
    ("1GiB", .decimal, GiB),
    ("64KiB", .decimal, 64 * KiB),
    // Docker/compose: k/m/g binary in any case, with or without b.
    ("512M", .docker, 512 * MiB),
    ("512m", .docker, 512 * MiB),
    ("512mb", .docker, 512 * MiB),
    ("512MB", .docker, 512 * MiB),
    ("1gb", .docker, GiB),
    ("2g", .docker, 2 * GiB),
    ("1G", .docker, GiB),
    ("256k", .docker, 256 * KiB),
    ("0.5GB", .docker, 512 * MiB),
    ("1.5g", .docker, 3 * GiB / 2),
    ("100b", .docker, 100),
    ("536870912", .docker, 536_870_912),
    ("512 MB", .docker, 512 * MiB),
    ("  2 g ", .docker, 2 * GiB),
    // Decimal: platform "MB"/"GB".
    ("512MB", .decimal, 512_000_000),
    ("512 MB", .decimal, 512_000_000),
    ("0.5GB", .decimal, 500_000_000),
    ("2GB", .decimal, 2_000_000_000),
    ("512M", .decimal, 512_000_000),
    ("256k", .decimal, 256_000),
    ("1.5 GB", .decimal, 1_500_000_000),
    ("536870912", .decimal, 536_870_912),
    // Fly: units binary, a bare number is MiB.
    ("1gb", .fly, GiB),
    ("512mb", .fly, 512 * MiB),
    ("512", .fly, 512 * MiB),
    ("2048", .fly, 2 * GiB),
    // pm2: K/M/G binary, a bare number is bytes.
    ("900M", .pm2, 900 * MiB),
    ("1G", .pm2, GiB),
    ("200K", .pm2, 200 * KiB),
    ("104857600", .pm2, 100 * MiB),
    // Terabytes.
    ("1Ti", .docker, 1_099_511_627_776),
    ("1TB", .decimal, 1_000_000_000_000),
    // Rejected.
    ("-512m", .docker, nil),
    ("", .docker, nil),
    ("   ", .docker, nil),
    ("m", .docker, nil),
    ("512x", .docker, nil),
    ("512 M B", .docker, nil),
    ("5.12.3m", .docker, nil),
    ("1.m", .docker, nil),
    (".5g", .docker, nil),
    ("512ib", .docker, nil),
    ("twelve", .docker, nil),
    ("99999999999999999999", .docker, nil),
    ("9999999999999g", .docker, nil),
    ("8388608Ti", .docker, nil),
    ("1e6", .docker, nil),
    ("0x100m", .docker, nil),
  ]

  @Test(arguments: cases.indices)
  func parses(_ index: Int) {
    let (text, convention, expected) = Self.cases[index]
    #expect(MemorySize.parse(text, convention: convention) == expected, "\(text) as \(convention)")
  }

  @Test func defaultConventionIsDocker() {
    #expect(MemorySize.parse("512m") == 512 * Self.MiB)
    #expect(MemorySize.parse("1gb") == Self.GiB)
  }

  @Test func zeroIsAValidSize() {
    #expect(MemorySize.parse("0") == 0)
    #expect(MemorySize.parse("0m") == 0)
  }

  @Test func fractionsBelowAByteAreDropped() {
    #expect(MemorySize.parse("1.5") == 1)
    #expect(MemorySize.parse("0.001k") == 1)
  }

  @Test func megabytes() {
    #expect(MemorySize.parseMegabytes("1536") == 1536 * Self.MiB)
    #expect(MemorySize.parseMegabytes("512") == 512 * Self.MiB)
    #expect(MemorySize.parseMegabytes(" 4096 ") == 4 * Self.GiB)
    #expect(MemorySize.parseMegabytes("0") == 0)
    #expect(MemorySize.parseMegabytes("-1") == nil)
    #expect(MemorySize.parseMegabytes("1.5") == nil)
    #expect(MemorySize.parseMegabytes("512m") == nil)
    #expect(MemorySize.parseMegabytes("") == nil)
    #expect(MemorySize.parseMegabytes("99999999999999999") == nil)
  }

  @Test func format() {
    #expect(Bytes.format(512 * Self.MiB, .binary) == "512 MiB")
    #expect(Bytes.format(3 * Self.GiB / 2, .binary) == "1.5 GiB")
    #expect(Bytes.format(Self.GiB, .binary) == "1 GiB")
    #expect(Bytes.format(2 * Self.GiB, .binary) == "2 GiB")
    #expect(Bytes.format(900, .binary) == "900 B")
    #expect(Bytes.format(0, .binary) == "0 B")
    #expect(Bytes.format(256 * Self.KiB, .binary) == "256 KiB")
    #expect(Bytes.format(512_000_000, .binary) == "488 MiB")
    #expect(Bytes.format(1_099_511_627_776, .binary) == "1 TiB")
    #expect(Bytes.format(.max - 1, .binary).hasSuffix("TiB"))
    // The largest value is what saturated arithmetic yields (issue 11 item 3).
    #expect(Bytes.format(.max, .binary) == Saturating.beyondText)
    #expect(Bytes.format(-512 * Self.MiB, .binary) == "-512 MiB")
  }

  /// One formatter, one rounding (half up): the style only picks the units.
  @Test func formatStyles() {
    #expect(Bytes.format(512 * Bytes.MB, .decimal) == "512 MB")
    #expect(Bytes.format(500 * Bytes.MB, .decimal) == "0.5 GB")
    #expect(Bytes.format(1_500 * Bytes.MB, .decimal) == "1.5 GB")
    #expect(Bytes.format(Self.GiB, .decimal) == "1074 MB", "GB only when exact to a tenth")
    #expect(Bytes.format(1_500, .decimal) == "2 kB")
    #expect(Bytes.format(900, .decimal) == "900 B")
    #expect(Bytes.format(512 * Self.MiB, .declared) == "512 MiB")
    #expect(Bytes.format(512 * Bytes.MB, .declared) == "512 MB")
    #expect(Bytes.format(500 * Bytes.MB, .megabytes) == "500 MB")
    #expect(Bytes.format(-500 * Bytes.MB, .megabytes) == "-500 MB")
    #expect(Bytes.format(5 * Self.GiB / 4, .binary) == "1.3 GiB", "half up")
    #expect(Bytes.format(3 * Self.MiB / 2, .binary) == "2 MiB", "half up")
    #expect(CPUCount.format(1) == "1 CPU")
    #expect(CPUCount.format(2) == "2 CPUs")
    #expect(CPUCount.format(0.5) == "0.5 CPUs")
  }

  @Test func formatRoundTripsThroughParse() {
    for bytes in [512 * Self.MiB, 2 * Self.GiB, 3 * Self.GiB / 2, 64 * Self.KiB] {
      let text = Bytes.format(bytes, .binary)
      #expect(MemorySize.parse(text) == bytes, "\(text)")
    }
  }
}
