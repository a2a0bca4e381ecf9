extension ComposeService {
  /// Removes what the service sets under `key`, for `!reset` and
  /// `!override` in a later file (Compose specification, 13-merge.md:
  /// `!reset` removes the value, `!override` replaces it without merging).
  public mutating func clear(_ key: String) {
    switch key {
    case "image": image = nil
    case "build": build = nil
    case "mem_limit": memLimit = nil
    case "mem_reservation": memReservation = nil
    case "memswap_limit": memswapLimit = nil
    case "cpus": cpus = nil
    case "shm_size": shmSize = nil
    case "scale": scale = nil
    case "container_name": containerName = nil
    case "restart": restart = nil
    case "depends_on": dependsOn = []
    case "environment": environment = []
    case "env_file": envFiles = []
    case "command": command = nil
    case "entrypoint": entrypoint = nil
    case "profiles": profiles = []
    case "replicas":
      misplacedReplicas = nil
      misplacedReplicasKeySpan = nil
    case "deploy":
      deployReplicas = nil
      deployMemoryLimit = nil
      deployCPULimit = nil
      deployMemoryReservation = nil
    default: break
    }
  }
}
