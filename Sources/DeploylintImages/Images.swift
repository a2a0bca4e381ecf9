import CLibArchive
import DeploylintCore

/// Image tarballs through libarchive (docker save, OCI layouts).
public enum Images {}

extension Images {
  /// The libarchive version linked in, e.g. "libarchive 3.6.2".
  public static var libarchiveVersion: String { String(cString: archive_version_string()) }
}
