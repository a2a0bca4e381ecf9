import torch
from fastapi import FastAPI

app = FastAPI()
model = torch.nn.Linear(4, 2)


@app.get("/")
def index():
    return {"ok": True}
