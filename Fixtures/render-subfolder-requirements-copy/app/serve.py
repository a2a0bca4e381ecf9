import torch
from fastapi import FastAPI

api = FastAPI()
model = torch.jit.load("voice.pt")


@api.post("/speak")
def speak(text: str) -> dict:
    return {"samples": model(text).tolist()}
