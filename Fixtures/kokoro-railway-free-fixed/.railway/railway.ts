// Railway Infrastructure as Code (replaces the deprecated railway.json).
import { service } from "railway";

export default service("kokoro-tts", {
  source: { dockerfile: "Dockerfile" },
  start: "python server.py",
});
