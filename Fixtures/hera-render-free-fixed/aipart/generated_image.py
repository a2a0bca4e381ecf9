# One generation at a time: orders wait in a queue (seed 001, solution 1).
from flask import Flask, request

from generation_queue import add_to_queue, start_queue_worker

app = Flask(__name__)
start_queue_worker()


@app.post("/webhook")
def webhook():
    add_to_queue(request.get_json())
    return {"ok": True}
