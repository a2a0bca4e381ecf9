import os

import onnxruntime
from fastapi import FastAPI

api = FastAPI()
session = onnxruntime.InferenceSession(os.environ["MODEL_PATH"])


@api.get("/health")
def health():
    return {"inputs": [i.name for i in session.get_inputs()]}
