# The TTS endpoint of seed 003: each request runs `python -m kokoro` in a
# subprocess, which Railway's free plan SIGKILLs (-9) when PyTorch loads.
import subprocess

from flask import Flask, request, send_file

app = Flask(__name__)


@app.post("/tts")
def tts():
    text = request.get_json()["text"]
    subprocess.run(["python", "-m", "kokoro", "--text", text, "-o", "/tmp/out.wav"], check=True)
    return send_file("/tmp/out.wav", mimetype="audio/wav")


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8080)
