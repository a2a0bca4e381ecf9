from flask import Flask, jsonify, request

from tasks import generate_book

app = Flask(__name__)


@app.post("/books")
def create_book():
    job = generate_book.delay(request.json["prompt"])
    return jsonify({"job": job.id}), 202
