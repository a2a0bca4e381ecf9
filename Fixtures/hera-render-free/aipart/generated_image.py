# Seed 001: each paid order starts a book generation in a background thread
# (Gemini text + Imagen pictures + a PDF), 300-400 MB while it runs.
import threading

from flask import Flask, request

from payment import generate_book

app = Flask(__name__)


@app.post("/webhook")
def webhook():
    session = request.get_json()
    threading.Thread(target=generate_book, args=(session,)).start()
    return {"ok": True}
