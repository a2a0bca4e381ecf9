// libFuzzer entry for the image archive reader: the input is written to a
// temporary file (the scanner reads archives by path: it seeks, and its
// workers re-open the file) and scanned with one worker, then two.
import DeploylintImages

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

let fuzzPath = "/tmp/deploylint-fuzz-archive-\(getpid()).tar"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzArchive(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let fd = open(fuzzPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
  guard fd >= 0 else { return 0 }
  var written = 0
  while written < size {
    let n = write(fd, data + written, size - written)
    if n <= 0 { break }
    written += n
  }
  close(fd)
  for workers in [1, 2] {
    var scanner = ImageScanner()
    scanner.workers = workers
    scanner.showProgress = false
    _ = scanner.scan(ImageInput(path: fuzzPath, displayPath: "app.tar"))
  }
  return 0
}
