import DeploylintCLI

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

let console = Console.system()
let status = DeploylintMain.run(Array(CommandLine.arguments.dropFirst()), console: console)
console.flush()
exit(status)
